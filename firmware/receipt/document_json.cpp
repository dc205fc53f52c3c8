// SPDX-License-Identifier: MIT
// nlohmann::json is used only in its non-throwing forms here: parse() with exceptions off,
// typed access after a type check, dump() replacing invalid UTF-8.
#include "receipt/document_json.hpp"

#include <nlohmann/json.hpp>

#include <utility>

namespace kiosk::receipt {

namespace {

    using nlohmann::json;
    using Failure = Unexpected<DocumentError>;

    Failure refuse(std::string where, std::string const& what)
    {
        return Failure(DocumentError { Errc::invalid_argument, std::move(where) + ": " + what });
    }

    bool only_keys(json const& object, std::initializer_list<char const*> allowed, std::string& unknown)
    {
        for (auto const& [key, value] : object.items()) {
            bool known = false;
            for (char const* name : allowed)
                known = known || key == name;
            if (!known) {
                unknown = key;
                return false;
            }
        }
        return true;
    }

    Expected<int, DocumentError> integer(json const& object, char const* key, int fallback, int low, int high,
        std::string const& where)
    {
        auto const found = object.find(key);
        if (found == object.end())
            return fallback;
        if (!found->is_number_integer())
            return refuse(where + "." + key, "expected an integer");
        auto const value = found->get<long long>();
        if (value < low || value > high)
            return refuse(where + "." + key, "expected " + std::to_string(low) + " to " + std::to_string(high));
        return static_cast<int>(value);
    }

    Expected<hal::Align, DocumentError> alignment(json const& object, std::string const& where, hal::Align fallback)
    {
        auto const found = object.find("align");
        if (found == object.end())
            return fallback;
        if (found->is_string()) {
            auto const& name = found->get_ref<std::string const&>();
            if (name == "left")
                return hal::Align::left;
            if (name == "center" || name == "centre")
                return hal::Align::center;
            if (name == "right")
                return hal::Align::right;
        }
        return refuse(where + ".align", "expected \"left\", \"center\" or \"right\"");
    }

    Expected<bool, DocumentError> boolean(json const& object, char const* key, std::string const& where)
    {
        auto const found = object.find(key);
        if (found == object.end())
            return false;
        if (!found->is_boolean())
            return refuse(where + "." + key, "expected true or false");
        return found->get<bool>();
    }

    Expected<hal::RasterImage, DocumentError> image(json const& value, std::string const& where)
    {
        if (!value.is_object())
            return refuse(where, "expected {\"width\": N, \"rows\": [\"#..#\", ...]}");
        std::string unknown;
        if (!only_keys(value, { "width", "rows" }, unknown))
            return refuse(where + "." + unknown, "unknown key");
        int const width = KIOSK_TRY(integer(value, "width", 0, 1, 4096, where));
        auto const rows = value.find("rows");
        if (width == 0 || rows == value.end() || !rows->is_array() || rows->empty() || rows->size() > 8192)
            return refuse(where, "expected a width and 1 to 8192 rows");
        hal::RasterImage picture(width, static_cast<int>(rows->size()));
        int y = 0;
        for (auto const& row : *rows) {
            if (!row.is_string() || row.get_ref<std::string const&>().size() != static_cast<std::size_t>(width))
                return refuse(where + ".rows[" + std::to_string(y) + "]", "expected a string of width '#' or '.'");
            auto const& dots = row.get_ref<std::string const&>();
            for (int x = 0; x < width; ++x) {
                char const c = dots[static_cast<std::size_t>(x)];
                if (c != '#' && c != '.')
                    return refuse(where + ".rows[" + std::to_string(y) + "]", "expected only '#' (black) and '.' (white)");
                picture.set_dot(x, y, c == '#');
            }
            ++y;
        }
        return picture;
    }

    Expected<hal::ReceiptItem, DocumentError> item(json const& value, std::string const& where)
    {
        if (!value.is_object())
            return refuse(where, "expected an object such as {\"text\": \"...\"}");
        std::string unknown;
        if (value.contains("text")) {
            if (!only_keys(value, { "text", "align", "scale", "bold" }, unknown))
                return refuse(where + "." + unknown, "unknown key for a text item");
            auto const& text = value["text"];
            if (!text.is_string())
                return refuse(where + ".text", "expected a string");
            hal::TextBlock block;
            block.text = text.get<std::string>();
            block.align = KIOSK_TRY(alignment(value, where, hal::Align::left));
            block.scale = KIOSK_TRY(integer(value, "scale", 1, 1, 4, where));
            block.bold = KIOSK_TRY(boolean(value, "bold", where));
            return hal::ReceiptItem(std::move(block));
        }
        if (value.contains("separator")) {
            if (!only_keys(value, { "separator" }, unknown))
                return refuse(where + "." + unknown, "unknown key for a separator");
            if (!value["separator"].is_boolean() || !value["separator"].get<bool>())
                return refuse(where + ".separator", "expected true");
            return hal::ReceiptItem(hal::Separator {});
        }
        if (value.contains("feed")) {
            if (!only_keys(value, { "feed" }, unknown))
                return refuse(where + "." + unknown, "unknown key for a feed");
            int const lines = KIOSK_TRY(integer(value, "feed", 1, 0, 20, where));
            return hal::ReceiptItem(hal::Feed { lines });
        }
        if (value.contains("qr")) {
            if (!only_keys(value, { "qr", "align", "module_dots" }, unknown))
                return refuse(where + "." + unknown, "unknown key for a QR item");
            auto const& payload = value["qr"];
            if (!payload.is_string() || payload.get_ref<std::string const&>().empty())
                return refuse(where + ".qr", "expected a non-empty string");
            if (payload.get_ref<std::string const&>().size() > hal::MAX_QR_PAYLOAD_BYTES)
                return refuse(where + ".qr", "payload longer than " + std::to_string(hal::MAX_QR_PAYLOAD_BYTES) + " bytes");
            hal::QrBlock block;
            block.payload = payload.get<std::string>();
            block.align = KIOSK_TRY(alignment(value, where, hal::Align::center));
            block.module_dots = KIOSK_TRY(integer(value, "module_dots", 0, 0, 16, where));
            return hal::ReceiptItem(std::move(block));
        }
        if (value.contains("image")) {
            if (!only_keys(value, { "image", "align" }, unknown))
                return refuse(where + "." + unknown, "unknown key for an image item");
            hal::ImageBlock block;
            block.image = KIOSK_TRY(image(value["image"], where + ".image"));
            block.align = KIOSK_TRY(alignment(value, where, hal::Align::center));
            return hal::ReceiptItem(std::move(block));
        }
        return refuse(where, "expected one of text, separator, feed, qr, image");
    }

    char const* align_name(hal::Align align)
    {
        return align == hal::Align::left ? "left" : align == hal::Align::center ? "center" : "right";
    }

} // namespace

Expected<hal::ReceiptDocument, DocumentError> parse_document_json(std::string_view text)
{
    if (text.size() > MAX_DOCUMENT_JSON_BYTES)
        return refuse("document", "larger than 1 MiB");
    json const root = json::parse(text.begin(), text.end(), nullptr, false);
    if (root.is_discarded())
        return refuse("document", "not valid JSON (or not UTF-8)");
    if (!root.is_object())
        return refuse("document", "expected an object {\"items\": [...]}");
    std::string unknown;
    if (!only_keys(root, { "width_mm", "items", "cut", "personal" }, unknown))
        return refuse(unknown, "unknown key");
    hal::ReceiptDocument document;
    document.width_mm = KIOSK_TRY(integer(root, "width_mm", 80, 40, 120, "document"));
    auto const items = root.find("items");
    if (items == root.end() || !items->is_array())
        return refuse("items", "expected an array");
    if (items->size() > 1000)
        return refuse("items", "more than 1000 items");
    for (std::size_t i = 0; i < items->size(); ++i)
        document.items.push_back(KIOSK_TRY(item((*items)[i], "items[" + std::to_string(i) + "]")));
    if (auto const cut = root.find("cut"); cut != root.end()) {
        if (cut->is_boolean())
            document.cut = cut->get<bool>() ? hal::Cut::full : hal::Cut::none;
        else if (cut->is_string() && cut->get_ref<std::string const&>() == "full")
            document.cut = hal::Cut::full;
        else if (cut->is_string() && cut->get_ref<std::string const&>() == "partial")
            document.cut = hal::Cut::partial;
        else if (cut->is_string() && cut->get_ref<std::string const&>() == "none")
            document.cut = hal::Cut::none;
        else
            return refuse("cut", "expected true, false, \"full\", \"partial\" or \"none\"");
    }
    document.privacy = KIOSK_TRY(boolean(root, "personal", "document")) ? hal::Privacy::personal : hal::Privacy::none;
    return document;
}

std::string document_to_json(hal::ReceiptDocument const& document)
{
    json items = json::array();
    for (auto const& entry : document.items) {
        if (auto const* text = std::get_if<hal::TextBlock>(&entry)) {
            items.push_back({ { "text", text->text }, { "align", align_name(text->align) }, { "scale", text->scale },
                { "bold", text->bold } });
        } else if (std::holds_alternative<hal::Separator>(entry)) {
            items.push_back({ { "separator", true } });
        } else if (auto const* feed = std::get_if<hal::Feed>(&entry)) {
            items.push_back({ { "feed", feed->lines } });
        } else if (auto const* qr = std::get_if<hal::QrBlock>(&entry)) {
            items.push_back({ { "qr", qr->payload }, { "align", align_name(qr->align) }, { "module_dots", qr->module_dots } });
        } else if (auto const* picture = std::get_if<hal::ImageBlock>(&entry)) {
            json rows = json::array();
            for (int y = 0; y < picture->image.height(); ++y) {
                std::string row;
                for (int x = 0; x < picture->image.width(); ++x)
                    row += picture->image.dot(x, y) ? '#' : '.';
                rows.push_back(std::move(row));
            }
            items.push_back({ { "image", { { "width", picture->image.width() }, { "rows", std::move(rows) } } },
                { "align", align_name(picture->align) } });
        }
    }
    json root { { "width_mm", document.width_mm }, { "items", std::move(items) },
        { "cut", document.cut == hal::Cut::full ? json("full") : document.cut == hal::Cut::partial ? json("partial") : json("none") },
        { "personal", document.privacy == hal::Privacy::personal } };
    return root.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace kiosk::receipt
