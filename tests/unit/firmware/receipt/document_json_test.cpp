// SPDX-License-Identifier: MIT
#include <receipt/document_json.hpp>

#include <string>

#include "contract/contract_support.hpp"

using kiosk::receipt::document_to_json;
using kiosk::receipt::parse_document_json;

TEST_GROUP(DocumentJson) {};

TEST(DocumentJson, the_minimum_example_parses)
{
    auto document = parse_document_json(R"({"width_mm": 80, "items": [{"text": "Xin chào", "align": "center",
        "scale": 2, "bold": true}, {"separator": true}, {"qr": "payload"}, {"feed": 2}], "cut": true})");
    CHECK_TRUE(document.has_value());
    LONGS_EQUAL(80, document->width_mm);
    LONGS_EQUAL(4, static_cast<long>(document->items.size()));
    auto const& text = std::get<kiosk::hal::TextBlock>(document->items[0]);
    STRCMP_EQUAL("Xin chào", text.text.c_str());
    CHECK_TRUE(kiosk::hal::Align::center == text.align);
    LONGS_EQUAL(2, text.scale);
    CHECK_TRUE(text.bold);
    CHECK_TRUE(std::holds_alternative<kiosk::hal::Separator>(document->items[1]));
    STRCMP_EQUAL("payload", std::get<kiosk::hal::QrBlock>(document->items[2]).payload.c_str());
    LONGS_EQUAL(2, std::get<kiosk::hal::Feed>(document->items[3]).lines);
    CHECK_TRUE(kiosk::hal::Cut::full == document->cut);
    CHECK_TRUE(kiosk::hal::Privacy::none == document->privacy);
}

TEST(DocumentJson, round_trips_every_item_kind)
{
    std::string const json = R"({"items": [{"text": "a", "align": "right"}, {"image": {"width": 3, "rows": ["#.#", ".#."]}},
        {"qr": "q", "module_dots": 5, "align": "left"}, {"feed": 0}], "cut": "partial", "personal": true})";
    auto first = parse_document_json(json);
    CHECK_TRUE(first.has_value());
    auto second = parse_document_json(document_to_json(*first));
    CHECK_TRUE(second.has_value());
    STRCMP_EQUAL(document_to_json(*first).c_str(), document_to_json(*second).c_str());
    CHECK_TRUE(kiosk::hal::Privacy::personal == second->privacy);
    CHECK_TRUE(kiosk::hal::Cut::partial == second->cut);
    auto const& image = std::get<kiosk::hal::ImageBlock>(second->items[1]).image;
    CHECK_TRUE(image.dot(0, 0));
    CHECK_FALSE(image.dot(1, 0));
    CHECK_TRUE(image.dot(1, 1));
}

namespace {
void check_refused(char const* json, char const* where)
{
    auto document = parse_document_json(json);
    CHECK_FALSE_TEXT(document.has_value(), json);
    if (!document.has_value()) {
        CHECK_TRUE(kiosk::Errc::invalid_argument == document.error().code);
        STRCMP_CONTAINS(where, document.error().message.c_str());
    }
}
} // namespace

TEST(DocumentJson, malformed_documents_name_what_and_where)
{
    check_refused("", "not valid JSON");
    check_refused("{\"items\": [", "not valid JSON");
    check_refused("[1, 2]", "expected an object");
    check_refused("{\"items\": {}}", "items: expected an array");
    check_refused("{\"item\": []}", "item: unknown key");
    check_refused("{\"items\": [{\"text\": 5}]}", "items[0].text: expected a string");
    check_refused("{\"items\": [{\"text\": \"a\", \"scale\": 9}]}", "items[0].scale: expected 1 to 4");
    check_refused("{\"items\": [{\"text\": \"a\", \"scale\": 1.5}]}", "items[0].scale: expected an integer");
    check_refused("{\"items\": [{\"text\": \"a\", \"align\": \"middle\"}]}", "items[0].align");
    check_refused("{\"items\": [{\"text\": \"a\", \"colour\": \"red\"}]}", "items[0].colour: unknown key");
    check_refused("{\"items\": [{\"feed\": 99}]}", "items[0].feed: expected 0 to 20");
    check_refused("{\"items\": [{\"separator\": false}]}", "items[0].separator: expected true");
    check_refused("{\"items\": [{\"qr\": \"\"}]}", "items[0].qr: expected a non-empty string");
    check_refused("{\"items\": [{\"image\": {\"width\": 2, \"rows\": [\"#\"]}}]}", "items[0].image.rows[0]");
    check_refused("{\"items\": [{\"image\": {\"width\": 2, \"rows\": [\"#x\"]}}]}", "only '#'");
    check_refused("{\"items\": [42]}", "items[0]: expected an object");
    check_refused("{\"items\": [{}]}", "expected one of text");
    check_refused("{\"items\": [], \"cut\": \"sideways\"}", "cut: expected");
    check_refused("{\"items\": [], \"width_mm\": 10}", "width_mm");
    check_refused("{\"items\": [{\"text\": \"\xC3(\"}]}", "not valid JSON");
}

TEST(DocumentJson, oversize_qr_payload_is_refused)
{
    std::string const json = "{\"items\": [{\"qr\": \"" + std::string(kiosk::hal::MAX_QR_PAYLOAD_BYTES + 1, 'A') + "\"}]}";
    check_refused(json.c_str(), "items[0].qr: payload longer than 512 bytes");
    std::string const fits = "{\"items\": [{\"qr\": \"" + std::string(kiosk::hal::MAX_QR_PAYLOAD_BYTES, 'A') + "\"}]}";
    CHECK_TRUE(parse_document_json(fits).has_value());
}

TEST(DocumentJson, huge_documents_are_refused_before_parsing)
{
    std::string const huge(kiosk::receipt::MAX_DOCUMENT_JSON_BYTES + 1, ' ');
    check_refused(huge.c_str(), "larger than 1 MiB");
}
