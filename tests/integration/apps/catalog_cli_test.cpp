// SPDX-License-Identifier: MIT
// kiosk-bench catalog verbs and kiosk-release as a technician and a publisher run them:
// the real programs, real SQLite files, real key files.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::test::ProcessResult;
using nlohmann::json;

namespace {

json parse_json(ProcessResult const& result)
{
    auto value = json::parse(result.out, nullptr, false);
    if (value.is_discarded() || !value.is_object())
        FAIL(("stdout is not one JSON object: " + result.out + " / " + result.err).c_str());
    return value;
}

std::string read(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_GROUP(CatalogCli)
{
    kiosk::test::TempDir dir;
    std::string sample = kiosk::test::source_path("firmware/catalog/data/sample_catalog.json");
    std::string db = (dir.path() / "live" / "catalog.sqlite").string();

    ProcessResult bench(std::vector<std::string> args) const
    {
        args.insert(args.begin(), kiosk::test::program_path("kiosk-bench"));
        return kiosk::test::run_process(args);
    }
    ProcessResult release(std::vector<std::string> args) const
    {
        args.insert(args.begin(), kiosk::test::program_path("kiosk-release"));
        return kiosk::test::run_process(args);
    }
    void import_sample() const
    {
        auto result = bench({ "catalog", "import", sample, "--db", db, "--json" });
        LONGS_EQUAL(0, result.exit_code);
    }
};

TEST(CatalogCli, import_then_search_show_stats_and_browse)
{
    auto imported = bench({ "catalog", "import", sample, "--db", db, "--json" });
    LONGS_EQUAL(0, imported.exit_code);
    auto body = parse_json(imported);
    CHECK_TRUE(body["procedures"].get<int>() >= 120);
    CHECK_FALSE(body["signed"].get<bool>());

    auto search = bench({ "catalog", "search", "dang ky khai sinh", "--db", db, "--json" });
    LONGS_EQUAL(0, search.exit_code);
    auto found = parse_json(search);
    STRCMP_EQUAL("1.001193", found["results"][0]["code"].get<std::string>().c_str());
    STRCMP_EQUAL("Đăng ký khai sinh", found["results"][0]["name"].get<std::string>().c_str());
    CHECK_TRUE(found["results"][0]["score"].is_number());
    CHECK_TRUE(found["search_ms"].is_number());

    auto filtered
        = parse_json(bench({ "catalog", "search", "dang ky", "--life-event", "death", "--db", db, "--json" }));
    CHECK_FALSE(filtered["results"].empty());

    auto show = bench({ "catalog", "show", "1.001193", "--db", db, "--json" });
    LONGS_EQUAL(0, show.exit_code);
    auto procedure = parse_json(show)["procedure"];
    STRCMP_EQUAL("ho-tich", procedure["field"].get<std::string>().c_str());
    CHECK_FALSE(procedure["documents"].empty());
    CHECK_FALSE(procedure["channels"].empty());

    auto missing = bench({ "catalog", "show", "9.999999", "--db", db, "--json" });
    LONGS_EQUAL(1, missing.exit_code);
    STRCMP_EQUAL("not_found", parse_json(missing)["error"]["code"].get<std::string>().c_str());

    auto stats = parse_json(bench({ "catalog", "stats", "--db", db, "--json" }));
    STRCMP_EQUAL("2025.07-sample.1", stats["version"].get<std::string>().c_str());
    CHECK_TRUE(stats["fields"].get<int>() > 10);
    CHECK_TRUE(stats["life_events"].get<int>() > 10);
    CHECK_TRUE(stats["sample"].get<bool>());

    auto browse = parse_json(bench({ "catalog", "browse", "--db", db, "--json" }));
    CHECK_TRUE(browse["life_events"][0]["procedures"].get<int>() > 0);
}

TEST(CatalogCli, the_sim_board_catalog_is_the_default)
{
    // Built from the sample by the build (firmware/catalog/data/CMakeLists.txt).
    auto board = kiosk::test::source_path("boards/sim/board.toml");
    auto result = bench({ "--board", board, "catalog", "stats", "--json" });
    LONGS_EQUAL(0, result.exit_code);
    CHECK_TRUE(parse_json(result)["procedures"].get<int>() >= 120);
}

TEST(CatalogCli, a_bad_catalog_is_refused_naming_record_and_field_and_the_old_one_stays)
{
    import_sample();
    auto text = read(sample);
    auto at = text.find("\"fee_vnd\": 0");
    text.replace(at, 12, "\"fee_vnd\": \"free\"");
    auto broken = dir.write("broken.json", text);
    auto result = bench({ "catalog", "import", broken.string(), "--db", db, "--json" });
    LONGS_EQUAL(2, result.exit_code);
    auto error = parse_json(result)["error"];
    STRCMP_EQUAL("invalid_argument", error["code"].get<std::string>().c_str());
    STRCMP_CONTAINS("procedures[0] (1.001193): channels[0].fee_vnd: expected an integer, got a string",
        error["message"].get<std::string>().c_str());
    auto stats = parse_json(bench({ "catalog", "stats", "--db", db, "--json" }));
    STRCMP_EQUAL("2025.07-sample.1", stats["version"].get<std::string>().c_str());
}

TEST(CatalogCli, keygen_sign_catalog_and_import_a_verified_package)
{
    auto keygen = release({ "keygen", "--out", (dir.path() / "publisher").string(), "--json" });
    LONGS_EQUAL(0, keygen.exit_code);
    auto key_id = parse_json(keygen)["key_id"].get<std::string>();
    CHECK_TRUE((std::filesystem::status(dir.path() / "publisher.key").permissions() & std::filesystem::perms::group_read)
        == std::filesystem::perms::none);
    // Never overwrites a key.
    LONGS_EQUAL(1, release({ "keygen", "--out", (dir.path() / "publisher").string() }).exit_code);

    auto package = (dir.path() / "catalog.pkg").string();
    auto signed_result = release({ "sign-catalog", sample, "--key", (dir.path() / "publisher.key").string(), "--out",
        package, "--json" });
    LONGS_EQUAL(0, signed_result.exit_code);
    STRCMP_EQUAL(key_id.c_str(), parse_json(signed_result)["key_id"].get<std::string>().c_str());

    auto imported = bench({ "catalog", "import", package, "--db", db, "--trusted-key",
        (dir.path() / "publisher.pub").string(), "--json" });
    LONGS_EQUAL(0, imported.exit_code);
    auto body = parse_json(imported);
    CHECK_TRUE(body["signed"].get<bool>());
    STRCMP_EQUAL(key_id.c_str(), body["signed_by"][0].get<std::string>().c_str());
}

TEST(CatalogCli, tampered_unsigned_and_wrongly_signed_packages_leave_the_catalog_alone)
{
    import_sample();
    LONGS_EQUAL(0, release({ "keygen", "--out", (dir.path() / "a").string() }).exit_code);
    LONGS_EQUAL(0, release({ "keygen", "--out", (dir.path() / "b").string() }).exit_code);
    auto small = read(sample);
    small.replace(small.find("2025.07-sample.1"), 16, "2025.07-sample.2");
    auto next = dir.write("next.json", small);
    auto package = (dir.path() / "next.pkg").string();
    LONGS_EQUAL(0,
        release({ "sign-catalog", next.string(), "--key", (dir.path() / "a.key").string(), "--out", package })
            .exit_code);
    auto trust_a = (dir.path() / "a.pub").string();

    auto wrong_key = bench({ "catalog", "import", package, "--db", db, "--trusted-key",
        (dir.path() / "b.pub").string(), "--json" });
    LONGS_EQUAL(1, wrong_key.exit_code);
    STRCMP_EQUAL("refused", parse_json(wrong_key)["error"]["code"].get<std::string>().c_str());

    auto bytes = read(package);
    bytes[bytes.find("Đăng ký khai sinh")] = 'X';
    auto tampered = dir.write("tampered.pkg", bytes);
    auto tampered_result = bench({ "catalog", "import", tampered.string(), "--db", db, "--trusted-key", trust_a });
    LONGS_EQUAL(1, tampered_result.exit_code);
    STRCMP_CONTAINS("tampered", tampered_result.err.c_str());

    auto unsigned_result = bench({ "catalog", "import", next.string(), "--db", db, "--require-signed", "--json" });
    LONGS_EQUAL(1, unsigned_result.exit_code);
    STRCMP_EQUAL("refused", parse_json(unsigned_result)["error"]["code"].get<std::string>().c_str());

    auto stats = parse_json(bench({ "catalog", "stats", "--db", db, "--json" }));
    STRCMP_EQUAL("2025.07-sample.1", stats["version"].get<std::string>().c_str());

    // Trusted keys can also come from catalog-keys/ beside the catalog.
    std::filesystem::create_directories(std::filesystem::path(db).parent_path() / "catalog-keys");
    std::filesystem::copy_file(trust_a, std::filesystem::path(db).parent_path() / "catalog-keys" / "a.pub");
    LONGS_EQUAL(0, bench({ "catalog", "import", package, "--db", db }).exit_code);
    stats = parse_json(bench({ "catalog", "stats", "--db", db, "--json" }));
    STRCMP_EQUAL("2025.07-sample.2", stats["version"].get<std::string>().c_str());
}

TEST(CatalogCli, sign_catalog_refuses_an_invalid_catalog)
{
    LONGS_EQUAL(0, release({ "keygen", "--out", (dir.path() / "a").string() }).exit_code);
    auto broken = dir.write("broken.json", "{\"format\": \"kiosk-catalog/1\"}");
    auto result = release(
        { "sign-catalog", broken.string(), "--key", (dir.path() / "a.key").string(), "--out", "x.pkg", "--json" });
    LONGS_EQUAL(2, result.exit_code);
    STRCMP_CONTAINS("version: missing", parse_json(result)["error"]["message"].get<std::string>().c_str());
    CHECK_FALSE(std::filesystem::exists("x.pkg"));
}
