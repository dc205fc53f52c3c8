// SPDX-License-Identifier: MIT
// kiosk-updater as systemd and a technician run it: the real program against a repository
// on a real nginx, directory slots, and a SIGKILL at every step (the deterministic crash hook
// KIOSK_UPDATER_CRASH_AT) standing in for a power cut.
#include <update/file_hash.hpp>
#include <update/repository_writer.hpp>

#include <signing/signing_key.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/nginx_server.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::signing::SigningKey;
using kiosk::test::ProcessResult;
using kiosk::update::RoleName;
using kiosk::update::TargetInfo;
using nlohmann::json;
namespace repository = kiosk::update::repository;
using namespace std::chrono_literals;

namespace {

json parse_json(ProcessResult const& result)
{
    auto value = json::parse(result.out, nullptr, false);
    if (value.is_discarded() || !value.is_object())
        FAIL(("stdout is not one JSON object: " + result.out + " / stderr: " + result.err).c_str());
    return value;
}

} // namespace

TEST_GROUP(KioskUpdater)
{
    kiosk::test::TempDir m_dir;
    SigningKey m_key = *SigningKey::generate();
    std::unique_ptr<kiosk::test::NginxServer> m_server;
    std::string m_image = std::string(std::size_t { 300 } * 1024, 'u') + "kiosk 1.6.0";

    void setup() override
    {
        auto const now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        kiosk::update::RootSpec spec;
        spec.expires = now + 365 * 24h;
        for (auto role : { RoleName::root, RoleName::timestamp, RoleName::snapshot, RoleName::targets })
            spec.keys[role] = { *m_key.verify_key() };
        m_dir.write("kiosk/root.json", *repository::root(spec, { &m_key }));
        m_dir.write("www/targets/sim/kiosk-1.6.0.img", m_image);
        TargetInfo target;
        target.name = "sim/kiosk-1.6.0.img";
        target.length = m_image.size();
        target.sha256 = kiosk::update::sha256_hex(m_image);
        target.version = "1.6.0";
        target.board = "bench-sim";
        auto targets = *repository::targets(1, now + 30 * 24h, { target }, { &m_key });
        auto snapshot = *repository::snapshot(1, now + 30 * 24h, 1, targets, { &m_key });
        m_dir.write("www/metadata/targets.json", targets);
        m_dir.write("www/metadata/snapshot.json", snapshot);
        m_dir.write("www/metadata/timestamp.json", *repository::timestamp(1, now + 24h, 1, snapshot, { &m_key }));
        m_server = std::make_unique<kiosk::test::NginxServer>(m_dir.path() / "www");

        m_dir.write("kiosk/board.toml",
            "[board]\nname = \"bench-sim\"\n[display]\nwidth = 800\nheight = 480\ndpi = 96\n"
            "[boot_control]\nconnection = \"dir:slots\"\n");
        m_dir.write("kiosk/updater.toml",
            "[updater]\nrepository_url = \"" + m_server->url()
                + "\"\ninitial_root = \"root.json\"\nstate_dir = \"state\"\nboard_file = \"board.toml\"\n"
                  "kiosk_id = \"kiosk-bench-01\"\nhealth_report = \"health.json\"\nhealth_deadline_s = 600\n"
                  "stall_timeout_s = 5\n");
        healthy();
    }

    void healthy() const { m_dir.write("kiosk/health.json", R"({"ok": true, "ui": "up", "devices": []})"); }

    ProcessResult updater(std::vector<std::string> args, std::vector<std::string> const& env = {}) const
    {
        args.insert(args.begin(), { kiosk::test::program_path("kiosk-updater"), "--config",
                                      (m_dir.path() / "kiosk" / "updater.toml").string(), "--json" });
        return kiosk::test::run_process(args, env);
    }

    /// The slot the kiosk runs and its state, from `status --json`.
    std::pair<std::string, std::string> running() const
    {
        auto result = updater({ "status" });
        LONGS_EQUAL(0, result.exit_code);
        auto body = parse_json(result);
        auto const booted = body["booted_slot"].get<std::string>();
        for (auto const& slot : body["slots"]) {
            if (slot["slot"] == booted)
                return { slot["version"].get<std::string>(), slot["state"].get<std::string>() };
        }
        FAIL("booted slot not listed");
        return {};
    }
};

TEST(KioskUpdater, check_install_and_run_take_the_kiosk_to_the_new_version)
{
    auto check = updater({ "check" });
    LONGS_EQUAL(0, check.exit_code);
    STRCMP_EQUAL("1.6.0", parse_json(check)["update"]["version"].get<std::string>().c_str());

    auto install = updater({ "install" });
    LONGS_EQUAL(0, install.exit_code);
    auto body = parse_json(install);
    STRCMP_EQUAL("b", body["status"]["booted_slot"].get<std::string>().c_str());
    STRCMP_EQUAL("trial", body["status"]["phase"].get<std::string>().c_str());

    auto gate = updater({ "run", "--once" });
    LONGS_EQUAL(0, gate.exit_code);
    STRCMP_EQUAL("installed 1.6.0", parse_json(gate)["status"]["last_result"].get<std::string>().c_str());
    auto const [version, state] = running();
    STRCMP_EQUAL("1.6.0", version.c_str());
    STRCMP_EQUAL("good", state.c_str());
}

TEST(KioskUpdater, power_loss_at_every_step_leaves_a_bootable_kiosk_that_finishes_the_update)
{
    for (std::string step : { "downloading:100000", "verified", "installed", "switched", "restarting" }) {
        std::filesystem::remove_all(m_dir.path() / "kiosk" / "state");
        std::filesystem::remove_all(m_dir.path() / "kiosk" / "slots");
        auto crashed = updater({ "install" }, { "KIOSK_UPDATER_CRASH_AT=" + step });
        LONGS_EQUAL_TEXT(128 + 9, crashed.exit_code, step.c_str());
        // Whatever the step, the kiosk boots a system: the old one, good, or the new on trial.
        auto const [version, state] = running();
        CHECK_TEXT((version == "0.1.0" && state == "good") || (version == "1.6.0" && state == "trial"), step.c_str());
        // The next start of the service finishes the job.
        auto resumed = updater({ "run", "--once" });
        LONGS_EQUAL_TEXT(0, resumed.exit_code, (step + ": " + resumed.err).c_str());
        auto again = updater({ "run", "--once" });
        LONGS_EQUAL_TEXT(0, again.exit_code, step.c_str());
        auto const [final_version, final_state] = running();
        STRCMP_EQUAL_TEXT("1.6.0", final_version.c_str(), step.c_str());
        STRCMP_EQUAL_TEXT("good", final_state.c_str(), step.c_str());
    }
}

TEST(KioskUpdater, an_unhealthy_kiosk_is_not_marked_good_by_hand)
{
    LONGS_EQUAL(0, updater({ "install" }).exit_code);
    m_dir.write("kiosk/health.json", R"({"ok": false, "ui": "up", "devices": [{"role": "printer", "result": "failed"}]})");
    auto marked = updater({ "mark-good" });
    LONGS_EQUAL(1, marked.exit_code);
    STRCMP_EQUAL("not_ready", parse_json(marked)["error"]["code"].get<std::string>().c_str());
    auto const [version, state] = running();
    STRCMP_EQUAL("trial", state.c_str());
}

TEST(KioskUpdater, a_printer_out_of_paper_does_not_roll_a_good_update_back)
{
    LONGS_EQUAL(0, updater({ "install" }).exit_code);
    // The new kiosk is up; its printer answers but waits for paper ("attention").
    m_dir.write("kiosk/health.json",
        R"({"ok": true, "ui": "up", "version": "1.6.0", "devices": [{"role": "printer", "result": "attention",)"
        R"( "error": {"code": "not_ready", "message": "printer out of paper"}}]})");
    auto gated = updater({ "run", "--once" });
    LONGS_EQUAL_TEXT(0, gated.exit_code, gated.err.c_str());
    STRCMP_EQUAL("installed 1.6.0", parse_json(gated)["status"]["last_result"].get<std::string>().c_str());
    STRCMP_EQUAL("good", running().second.c_str());
}

TEST(KioskUpdater, a_health_report_of_the_previous_version_does_not_pass_the_new_one)
{
    LONGS_EQUAL(0, updater({ "install" }).exit_code);
    // Still the old kiosk's report (fresh, healthy, but written by 0.1.0).
    m_dir.write("kiosk/health.json", R"({"ok": true, "ui": "up", "version": "0.1.0", "devices": []})");
    auto waiting = updater({ "run", "--once" });
    LONGS_EQUAL(0, waiting.exit_code);
    STRCMP_CONTAINS("another version", parse_json(waiting)["status"]["last_result"].get<std::string>().c_str());
    STRCMP_EQUAL("trial", running().second.c_str());
    // The new kiosk is up and says so.
    m_dir.write("kiosk/health.json",
        R"({"ok": true, "ui": "up", "version": "1.6.0", "devices": [{"role": "printer", "result": "ok"}]})");
    auto gated = updater({ "run", "--once" });
    LONGS_EQUAL(0, gated.exit_code);
    STRCMP_EQUAL("installed 1.6.0", parse_json(gated)["status"]["last_result"].get<std::string>().c_str());
    STRCMP_EQUAL("good", running().second.c_str());
}

TEST(KioskUpdater, a_broken_config_names_file_line_and_key)
{
    m_dir.write("kiosk/updater.toml", "[updater]\nrepository_url = 42\n");
    auto result = updater({ "status" });
    LONGS_EQUAL(2, result.exit_code);
    STRCMP_CONTAINS("updater.toml:2: updater.repository_url: expected a non-empty string",
        parse_json(result)["error"]["message"].get<std::string>().c_str());
}

TEST(KioskUpdater, plain_http_to_another_host_is_refused)
{
    m_dir.write("kiosk/updater.toml",
        "[updater]\nrepository_url = \"http://updates.example.vn\"\ninitial_root = \"root.json\"\n"
        "state_dir = \"state\"\nboard_file = \"board.toml\"\nkiosk_id = \"k\"\n");
    auto result = updater({ "check" });
    LONGS_EQUAL(2, result.exit_code);
    STRCMP_CONTAINS("https", parse_json(result)["error"]["message"].get<std::string>().c_str());
}
