// SPDX-License-Identifier: MIT
// The catalog JSON format: every kind of bad record is refused with its record and field,
// and what the writer writes the parser reads back unchanged.
#include <catalog/catalog_json.hpp>
#include <catalog/procedure.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

#include <CppUTest/TestHarness.h>

using namespace kiosk::catalog;
using nlohmann::json;

namespace {

json valid_catalog()
{
    return json::parse(R"json({
        "format": "kiosk-catalog/1", "version": "t1", "published": "2025-07-01", "sample": true,
        "fields": [{"id": "ho-tich", "name": "Hộ tịch", "name_en": "Civil status"}],
        "life_events": [{"id": "birth", "name": "Sinh con", "name_en": "Having a baby"}],
        "procedures": [
          {"code": "1.001193", "name": "Đăng ký khai sinh", "name_en": "Birth registration", "field": "ho-tich",
           "level": "commune", "implementing_agency": "Ủy ban nhân dân cấp xã",
           "channels": [{"kind": "in_person", "processing_days": 0.5, "fee_vnd": 0},
                        {"kind": "online", "processing_days": 0.5, "fee_vnd": 0}],
           "documents": [{"name": "Tờ khai", "originals": 1}],
           "online_level": "full", "life_events": ["birth"], "popularity": 10},
          {"code": "1.001193.000.00.00.H26", "name": "Đăng ký khai sinh (Hà Nội)", "name_en": "Birth registration",
           "field": "ho-tich", "level": "commune", "implementing_agency": "UBND",
           "channels": [{"kind": "in_person", "processing_days": 1, "fee_vnd": 0}], "online_level": "none"}
        ]})json");
}

std::string refusal(std::function<void(json&)> const& mutate)
{
    auto document = valid_catalog();
    mutate(document);
    auto parsed = parse_catalog_json(document.dump());
    if (parsed.has_value())
        return "(accepted)";
    CHECK_TRUE(parsed.error().code == kiosk::Errc::invalid_argument);
    return parsed.error().message();
}

std::string text_refusal(std::string const& text)
{
    auto parsed = parse_catalog_json(text);
    return parsed.has_value() ? std::string("(accepted)") : parsed.error().message();
}

} // namespace

TEST_GROUP(CatalogJson) {};

TEST(CatalogJson, a_valid_catalog_parses_with_local_variant_codes)
{
    auto parsed = parse_catalog_json(valid_catalog().dump());
    CHECK_TRUE(parsed.has_value());
    LONGS_EQUAL(2, static_cast<long>(parsed->procedures.size()));
    STRCMP_EQUAL("1.001193.000.00.00.H26", parsed->procedures[1].code.c_str());
    DOUBLES_EQUAL(0.5, parsed->procedures[0].channels[0].processing_days, 1e-9);
}

TEST(CatalogJson, write_then_parse_gives_the_same_catalog)
{
    auto first = KIOSK_MUST(parse_catalog_json(valid_catalog().dump()));
    for (int indent : { -1, 2 }) {
        auto again = KIOSK_MUST(parse_catalog_json(write_catalog_json(first, indent)));
        STRCMP_EQUAL(write_catalog_json(first).c_str(), write_catalog_json(again).c_str());
    }
}

TEST(CatalogJson, broken_files_are_refused_as_a_whole)
{
    STRCMP_CONTAINS("not valid JSON", text_refusal("{\"format\": ").c_str());
    STRCMP_CONTAINS("expected a JSON object at the top", text_refusal("[1, 2]").c_str());
    STRCMP_CONTAINS("not valid JSON", text_refusal("{\"version\": \"\xff\"}").c_str());
}

TEST(CatalogJson, top_level_problems_name_the_key)
{
    STRCMP_EQUAL("format: 'kiosk-catalog/2' is not kiosk-catalog/1",
        refusal([](json& d) { d["format"] = "kiosk-catalog/2"; }).c_str());
    STRCMP_EQUAL("version: missing (expected a string)", refusal([](json& d) { d.erase("version"); }).c_str());
    STRCMP_EQUAL("published: '2025-13-01' is not an ISO 8601 date (YYYY-MM-DD)",
        refusal([](json& d) { d["published"] = "2025-13-01"; }).c_str());
    STRCMP_EQUAL("extra: unknown key", refusal([](json& d) { d["extra"] = 1; }).c_str());
    STRCMP_EQUAL("fields[1]: id: field 'ho-tich' declared twice",
        refusal([](json& d) { d["fields"].push_back(d["fields"][0]); }).c_str());
    STRCMP_EQUAL("procedures: must not be empty", refusal([](json& d) { d["procedures"] = json::array(); }).c_str());
}

TEST(CatalogJson, each_kind_of_bad_procedure_names_record_and_field)
{
    auto p0 = [](std::function<void(json&)> change) {
        return refusal([&change](json& d) { change(d["procedures"][0]); });
    };
    STRCMP_EQUAL("procedures[0]: code: '1.1193' is not a procedure code (expected D.NNNNNN or D.NNNNNN.NNN.NN.NN.XNN)",
        p0([](json& p) { p["code"] = "1.1193"; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): name: missing (expected a string)",
        p0([](json& p) { p.erase("name"); }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): name: expected a string, got a number",
        p0([](json& p) { p["name"] = 5; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): name: must not be empty", p0([](json& p) { p["name"] = "  "; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): name: contains a control character",
        p0([](json& p) { p["name"] = "Đăng\x01ký"; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): name: longer than 4096 bytes",
        p0([](json& p) { p["name"] = std::string(5000, 'a'); }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): field: field 'dat-dai' is not declared in \"fields\"",
        p0([](json& p) { p["field"] = "dat-dai"; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): level: unknown level 'district' (expected central, province or commune)",
        p0([](json& p) { p["level"] = "district"; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): channels: must not be empty",
        p0([](json& p) { p["channels"] = json::array(); }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): channels[1].kind: channel 'in_person' listed twice",
        p0([](json& p) { p["channels"][1]["kind"] = "in_person"; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): channels[0].kind: unknown channel 'fax' (expected in_person, online or "
                 "postal)",
        p0([](json& p) { p["channels"][0]["kind"] = "fax"; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): channels[0].fee_vnd: out of range 0..1000000000000",
        p0([](json& p) { p["channels"][0]["fee_vnd"] = -1; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): channels[0].fee_vnd: expected an integer, got a number",
        p0([](json& p) { p["channels"][0]["fee_vnd"] = 1.5; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): channels[0].processing_days: expected a number, got a string",
        p0([](json& p) { p["channels"][0]["processing_days"] = "3"; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): documents[0].originals: a document needs at least one original or copy",
        p0([](json& p) { p["documents"][0]["originals"] = 0; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): documents[0].pages: unknown key",
        p0([](json& p) { p["documents"][0]["pages"] = 2; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): online_level: 'full' needs an 'online' entry in channels",
        p0([](json& p) { p["channels"].erase(1); }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): life_events[0]: life event 'wedding' is not declared in \"life_events\"",
        p0([](json& p) { p["life_events"][0] = "wedding"; }).c_str());
    STRCMP_EQUAL("procedures[0] (1.001193): popularity: out of range 0..1000000000",
        p0([](json& p) { p["popularity"] = -3; }).c_str());
    STRCMP_EQUAL("procedures[0]: fee: unknown key", p0([](json& p) { p["fee"] = 0; }).c_str());
    STRCMP_EQUAL("procedures[1] (1.001193): code: code listed twice",
        refusal([](json& d) { d["procedures"][1]["code"] = "1.001193"; }).c_str());
    STRCMP_EQUAL("procedures[2]: expected an object, got a string",
        refusal([](json& d) { d["procedures"].push_back("x"); }).c_str());
}

TEST(CatalogJson, procedure_codes)
{
    CHECK_TRUE(is_valid_procedure_code("1.001193"));
    CHECK_TRUE(is_valid_procedure_code("2.000908.000.00.00.H01"));
    CHECK_FALSE(is_valid_procedure_code("1.00119"));
    CHECK_FALSE(is_valid_procedure_code("1-001193"));
    CHECK_FALSE(is_valid_procedure_code("1.001193.000.00.00.h26"));
    CHECK_FALSE(is_valid_procedure_code("1.001193.000.00.00"));
    CHECK_FALSE(is_valid_procedure_code(""));
}
