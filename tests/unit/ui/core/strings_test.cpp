// SPDX-License-Identifier: MIT
#include "ui/core/strings.hpp"

#include <scan/payload_parser.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CppUTest/TestHarness.h>

using kiosk::ui::Language;
using kiosk::ui::StringCatalog;
using kiosk::ui::Strings;

namespace {

// spdlog builds its registry and default logger on first use: before CppUTest counts leaks.
bool const LOGGER_READY = spdlog::default_logger_raw() != nullptr;

std::filesystem::path strings_folder() { return std::filesystem::path(KIOSK_SOURCE_DIR) / "ui" / "strings"; }

std::set<std::string> placeholders(std::string const& text)
{
    std::set<std::string> names;
    std::regex const pattern(R"(\{([a-z_]+)\})");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it)
        names.insert((*it)[1].str());
    return names;
}

// Every string literal in ui/ and firmware/status/ that looks like a catalog key ("home.title",
// "status.error.offline").
std::set<std::string> keys_used_in_code()
{
    std::set<std::string> keys;
    std::regex const pattern(
        R"re("((?:app|attract|bar|nav|home|procedures|procedure|dossier|status|id|chip|card|error|scan|idle|toast|kb|print|printer|network|speech|audio|slip|site)(?:\.[a-z_]+)+)")re");
    // The UI, and the domain parts whose errors carry a message key for the citizen.
    for (char const* folder : { "ui", "firmware/status" }) {
        for (auto const& entry :
            std::filesystem::recursive_directory_iterator(std::filesystem::path(KIOSK_SOURCE_DIR) / folder)) {
            auto const ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".hpp")
                continue;
            std::ifstream in(entry.path());
            std::ostringstream text;
            text << in.rdbuf();
            std::string const content = text.str();
            for (auto it = std::sregex_iterator(content.begin(), content.end(), pattern);
                 it != std::sregex_iterator(); ++it)
                keys.insert((*it)[1].str());
        }
    }
    return keys;
}

} // namespace

TEST_GROUP(StringCatalog) {};

TEST(StringCatalog, BothLanguagesHaveTheSameKeysAndPlaceholders)
{
    auto strings = KIOSK_MUST(Strings::load(strings_folder()));
    auto const vi = strings.catalog(Language::vi).keys();
    auto const en = strings.catalog(Language::en).keys();
    CHECK(vi.size() > 40);
    for (auto const& key : vi) {
        CHECK_TEXT(strings.catalog(Language::en).has(key), ("en.json lacks " + key).c_str());
        CHECK_TEXT(placeholders(strings.catalog(Language::vi).text(key))
                == placeholders(strings.catalog(Language::en).text(key)),
            ("placeholders differ for " + key).c_str());
    }
    for (auto const& key : en)
        CHECK_TEXT(strings.catalog(Language::vi).has(key), ("vi.json lacks " + key).c_str());
}

TEST(StringCatalog, EveryKeyTheCodeUsesExists)
{
    auto strings = KIOSK_MUST(Strings::load(strings_folder()));
    auto const used = keys_used_in_code();
    CHECK(used.size() > 30);
    for (auto const& key : used)
        for (auto language : { Language::vi, Language::en })
            CHECK_TEXT(strings.catalog(language).has(key),
                (std::string(kiosk::ui::language_code(language)) + ".json lacks " + key).c_str());
}

TEST(StringCatalog, EveryScanMessageKeyExists)
{
    auto strings = KIOSK_MUST(Strings::load(strings_folder()));
    for (auto const* reason : { "empty", "too_long", "invalid_utf8", "control_character", "unrecognised_text",
             "id_qr_malformed", "dossier_code_invalid", "url_malformed", "url_unsupported_scheme", "something_new" }) {
        auto const key = std::string(kiosk::scan::citizen_message_key(reason));
        CHECK_TEXT(strings.catalog(Language::vi).has(key), key.c_str());
        CHECK_TEXT(strings.catalog(Language::en).has(key), key.c_str());
    }
}

TEST(StringCatalog, TheSiteNamesItsCounterAndCenterInEveryText)
{
    auto strings = KIOSK_MUST(Strings::load(strings_folder()));
    strings.apply_site({ "Trung tâm Phục vụ hành chính công phường Ba Đình", "3" });
    auto const& vi = strings.catalog(Language::vi);
    STRCMP_CONTAINS("quầy số 3", vi.text("dossier.cannot_check").c_str());
    STRCMP_CONTAINS("counter 3", strings.catalog(Language::en).text("status.next.collect_result").c_str());
    STRCMP_EQUAL("Trung tâm Phục vụ hành chính công phường Ba Đình", vi.text("app.center").c_str());
    for (auto language : { Language::vi, Language::en })
        for (auto const& key : strings.catalog(language).keys())
            CHECK_TEXT(strings.catalog(language).text(key).find("{counter}") == std::string::npos, key.c_str());

    // Without a counter: the reception counter, and the generic center name.
    auto generic = KIOSK_MUST(Strings::load(strings_folder()));
    std::string const center = generic.catalog(Language::vi).text("app.center");
    generic.apply_site({});
    STRCMP_CONTAINS("quầy tiếp nhận", generic.catalog(Language::vi).text("dossier.cannot_check").c_str());
    STRCMP_CONTAINS("the reception counter", generic.catalog(Language::en).text("chip.dossiers_error_advice").c_str());
    STRCMP_EQUAL(center.c_str(), generic.catalog(Language::vi).text("app.center").c_str());
}

TEST(StringCatalog, MissingKeyShowsTheKeyInBrackets)
{
    auto catalog = KIOSK_MUST(StringCatalog::parse(R"({"a.b": "x"})"));
    STRCMP_EQUAL("x", catalog.text("a.b").c_str());
    STRCMP_EQUAL("[no.such]", catalog.text("no.such").c_str());
}

TEST(StringCatalog, FormatFillsPlaceholders)
{
    auto catalog = KIOSK_MUST(StringCatalog::parse(R"({"idle.body": "ends in {seconds} s, {seconds}!"})"));
    STRCMP_EQUAL("ends in 12 s, 12!", catalog.format("idle.body", { { "seconds", "12" } }).c_str());
}

TEST(StringCatalog, BrokenCatalogsAreRefusedWithAReason)
{
    std::string problem;
    CHECK(!StringCatalog::parse("not json", &problem).has_value());
    CHECK(!problem.empty());
    CHECK(!StringCatalog::parse("[1, 2]", &problem).has_value());
    auto numbers = StringCatalog::parse(R"({"a": 1})", &problem);
    CHECK(!numbers.has_value());
    CHECK(numbers.error() == kiosk::Errc::malformed);
    CHECK(problem.find("'a'") != std::string::npos);
    CHECK(!StringCatalog::parse(R"({"a": ""})", &problem).has_value());
}

TEST(StringCatalog, MissingFileIsNotFound)
{
    auto missing = StringCatalog::load("/nonexistent/vi.json");
    CHECK(!missing.has_value());
    CHECK(missing.error() == kiosk::Errc::not_found);
}

TEST(StringCatalog, PartsAreMergedAndAKeyDefinedTwiceIsRefused)
{
    auto const dir = std::filesystem::temp_directory_path() / ("kiosk-strings-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto write = [&dir](char const* name, char const* text) { std::ofstream(dir / name) << text; };
    write("vi.json", R"({"home.title": "Trang chủ"})");
    write("en.json", R"({"home.title": "Home"})");
    write("vi.status.json", R"({"status.title": "Tình trạng hồ sơ"})");
    write("en.status.json", R"({"status.title": "Dossier status"})");
    auto strings = Strings::load(dir);
    CHECK_TRUE(strings.has_value());
    STRCMP_EQUAL("Tình trạng hồ sơ", strings->catalog(Language::vi).text("status.title").c_str());
    STRCMP_EQUAL("Home", strings->catalog(Language::en).text("home.title").c_str());

    write("en.chip.json", R"({"home.title": "Again"})");
    auto twice = Strings::load(dir);
    CHECK_FALSE(twice.has_value());
    CHECK_TRUE(twice.error().message().find("defined twice") != std::string::npos);
    std::filesystem::remove_all(dir);
}
