// SPDX-License-Identifier: MIT
// The operator's flow with the real programs: kiosk-release keygen, init-root, add-target,
// sign and publish into a folder nginx serves; kiosk-updater takes the update from there.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/nginx_server.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <CppUTest/TestHarness.h>

using kiosk::test::ProcessResult;
using nlohmann::json;

TEST_GROUP(KioskRelease)
{
    kiosk::test::TempDir m_dir;

    ProcessResult release(std::vector<std::string> args) const
    {
        args.insert(args.begin(), kiosk::test::program_path("kiosk-release"));
        return run(args);
    }
    ProcessResult run(std::vector<std::string> const& args) const
    {
        auto result = kiosk::test::run_process(args);
        return result;
    }
    std::string path(std::string const& relative) const { return (m_dir.path() / relative).string(); }

    void keys(std::vector<std::string> const& names) const
    {
        std::filesystem::create_directories(m_dir.path() / "keys");
        for (auto const& name : names)
            LONGS_EQUAL_TEXT(0, release({ "keygen", "--out", path("keys/" + name) }).exit_code, name.c_str());
    }

    void new_repository() const
    {
        keys({ "root", "timestamp", "snapshot", "targets" });
        auto root = release({ "init-root", "--repo", path("repo"), "--root-key", path("keys/root.pub"), "--timestamp-key",
            path("keys/timestamp.pub"), "--snapshot-key", path("keys/snapshot.pub"), "--targets-key",
            path("keys/targets.pub"), "--sign", path("keys/root.key") });
        LONGS_EQUAL_TEXT(0, root.exit_code, root.err.c_str());
    }

    void add_and_sign(std::string const& version) const
    {
        m_dir.write("kiosk-" + version + ".img", "system image " + version + std::string(4096, 'x'));
        auto added = release({ "add-target", "--repo", path("repo"), "--board", "bench-sim", "--version", version,
            path("kiosk-" + version + ".img") });
        LONGS_EQUAL_TEXT(0, added.exit_code, added.err.c_str());
        auto signed_ = release({ "sign", "--repo", path("repo"), "--targets-key", path("keys/targets.key"),
            "--snapshot-key", path("keys/snapshot.key"), "--timestamp-key", path("keys/timestamp.key") });
        LONGS_EQUAL_TEXT(0, signed_.exit_code, signed_.err.c_str());
    }
};

TEST(KioskRelease, a_published_update_is_taken_by_the_updater)
{
    new_repository();
    add_and_sign("1.6.0");
    auto published = release({ "--json", "publish", path("repo"), "--to", path("www") });
    LONGS_EQUAL_TEXT(0, published.exit_code, published.err.c_str());
    LONGS_EQUAL(1, json::parse(published.out)["targets"].get<long>());

    kiosk::test::NginxServer server(m_dir.path() / "www");
    std::filesystem::create_directories(m_dir.path() / "kiosk");
    std::error_code error;
    std::filesystem::copy_file(m_dir.path() / "www" / "metadata" / "root.json", m_dir.path() / "kiosk" / "root.json", error);
    CHECK_FALSE(error);
    m_dir.write("kiosk/board.toml", "[board]\nname = \"bench-sim\"\n[display]\nwidth = 800\nheight = 480\ndpi = 96\n"
                                    "[boot_control]\nconnection = \"dir:slots\"\n");
    m_dir.write("kiosk/health.json", R"({"ok": true, "ui": "up", "devices": []})");
    m_dir.write("kiosk/updater.toml",
        "[updater]\nrepository_url = \"" + server.url()
            + "\"\ninitial_root = \"root.json\"\nstate_dir = \"state\"\nboard_file = \"board.toml\"\n"
              "kiosk_id = \"k1\"\nhealth_report = \"health.json\"\n");
    std::vector<std::string> const updater { kiosk::test::program_path("kiosk-updater"), "--config",
        path("kiosk/updater.toml"), "--json" };
    auto with = [&](std::string const& verb) {
        auto args = updater;
        args.push_back(verb);
        if (verb == "run")
            args.emplace_back("--once");
        return run(args);
    };
    LONGS_EQUAL(0, with("install").exit_code);
    auto done = with("run");
    LONGS_EQUAL_TEXT(0, done.exit_code, done.err.c_str());
    STRCMP_EQUAL("installed 1.6.0", json::parse(done.out)["status"]["last_result"].get<std::string>().c_str());
}

TEST(KioskRelease, a_tampered_image_in_the_repository_is_not_published)
{
    new_repository();
    add_and_sign("1.6.0");
    m_dir.write("repo/targets/bench-sim/kiosk-1.6.0.img", "something else");
    auto published = release({ "--json", "publish", path("repo"), "--to", path("www") });
    LONGS_EQUAL(1, published.exit_code);
    STRCMP_CONTAINS("does not match its signed length and hash", json::parse(published.out)["error"]["message"].get<std::string>().c_str());
    CHECK_FALSE(std::filesystem::exists(m_dir.path() / "www" / "metadata" / "timestamp.json"));
}

TEST(KioskRelease, a_root_rotation_signed_by_old_and_new_keys_publishes)
{
    new_repository();
    keys({ "root2" });
    auto rotated = release({ "--json", "init-root", "--repo", path("repo"), "--root-key", path("keys/root2.pub"),
        "--timestamp-key", path("keys/timestamp.pub"), "--snapshot-key", path("keys/snapshot.pub"), "--targets-key",
        path("keys/targets.pub"), "--sign", path("keys/root.key"), "--sign", path("keys/root2.key") });
    LONGS_EQUAL_TEXT(0, rotated.exit_code, rotated.err.c_str());
    LONGS_EQUAL(2, json::parse(rotated.out)["root_version"].get<long>());
    add_and_sign("1.6.0");
    auto published = release({ "publish", path("repo") });
    LONGS_EQUAL_TEXT(0, published.exit_code, published.err.c_str());
}

TEST(KioskRelease, a_root_rotation_without_the_old_key_does_not_verify)
{
    new_repository();
    keys({ "root2" });
    LONGS_EQUAL(0, release({ "init-root", "--repo", path("repo"), "--root-key", path("keys/root2.pub"), "--timestamp-key",
                               path("keys/timestamp.pub"), "--snapshot-key", path("keys/snapshot.pub"),
                               "--targets-key", path("keys/targets.pub"), "--sign", path("keys/root2.key") })
                       .exit_code);
    add_and_sign("1.6.0");
    auto published = release({ "--json", "publish", path("repo") });
    LONGS_EQUAL(1, published.exit_code);
    STRCMP_CONTAINS("not signed by the trusted root keys", json::parse(published.out)["error"]["message"].get<std::string>().c_str());
}

TEST(KioskRelease, a_target_name_that_leaves_the_folder_is_refused)
{
    new_repository();
    m_dir.write("img", "x");
    auto added = release({ "add-target", "--repo", path("repo"), "--board", "..", "--version", "1.0", path("img") });
    LONGS_EQUAL(2, added.exit_code);
    STRCMP_CONTAINS("not a safe target name", added.err.c_str());
}
