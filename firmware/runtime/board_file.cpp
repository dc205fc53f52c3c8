// SPDX-License-Identifier: MIT
// The one file that calls toml++. toml++ reports syntax errors by throwing; they are caught
// here and turned into BoardError, so nothing above this file sees an exception.
#include "runtime/board_file.hpp"

#include <kiosk/hal/role.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>

#include <toml++/toml.h>

namespace kiosk::runtime {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t MAX_FILE_BYTES = std::size_t { 1024 } * 1024;

using Keys = std::initializer_list<std::string_view>;

std::string join(Keys keys)
{
    std::string text;
    for (auto key : keys) {
        if (!text.empty())
            text += ", ";
        text += key;
    }
    return text;
}

std::string_view type_name(toml::node const& node)
{
    switch (node.type()) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a floating-point number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
        return "a date or time";
    case toml::node_type::none:
        break;
    }
    return "nothing";
}

int line_of(toml::node const& node) { return static_cast<int>(node.source().begin.line); }

/// Walks a parsed document; every check returns the first problem found.
class BoardFileParser {
public:
    explicit BoardFileParser(fs::path file)
        : m_file(std::move(file))
        , m_directory(fs::absolute(m_file).parent_path())
    {
    }

    Expected<BoardConfig, BoardError> parse(toml::table const& root)
    {
        BoardConfig config;
        config.file = m_file;

        for (auto const& [key, node] : root) {
            std::string_view name = key.str();
            bool known = name == "board" || name == "display" || name == "services" || name == "site"
                || hal::role_from_name(name);
            if (!known)
                return fail_at(node, std::string(name),
                    "unknown table; expected one of board, display, services, site, card_reader, code_scanner, camera, "
                    "printer, boot_control, speaker");
        }

        auto const* board = KIOSK_TRY(require_table(root, "board"));
        KIOSK_TRY(only_keys(*board, "board", { "name", "description" }));
        config.name = KIOSK_TRY(require_string(*board, "board", "name", "the board's name (e.g. \"sim\")"));
        if (!is_identifier(config.name, true))
            return fail_at(*board->get("name"), "board.name",
                "expected lower-case letters, digits, '-' and '_' only (e.g. \"x86-kiosk-pc\")");
        config.description = KIOSK_TRY(optional_string(*board, "board", "description", ""));

        auto const* display = KIOSK_TRY(require_table(root, "display"));
        KIOSK_TRY(only_keys(*display, "display", { "width", "height", "rotation", "dpi" }));
        config.display.width_px = KIOSK_TRY(require_int(*display, "display", "width", 240, 8192, "pixels"));
        config.display.height_px = KIOSK_TRY(require_int(*display, "display", "height", 240, 8192, "pixels"));
        config.display.rotation_deg = KIOSK_TRY(optional_int(*display, "display", "rotation", 0, 0, 270, "degrees"));
        if (config.display.rotation_deg % 90 != 0)
            return fail_at(*display->get("rotation"), "display.rotation", "expected 0, 90, 180 or 270");
        config.display.dpi = KIOSK_TRY(require_int(*display, "display", "dpi", 50, 1200, "dots per inch"));

        if (auto const* node = root.get("services")) {
            auto const* services = node->as_table();
            if (services == nullptr)
                return wrong_type(*node, "services", "a table");
            KIOSK_TRY(only_keys(*services, "services", { "gateway_url", "gateway_ca", "catalog_db", "csca_store" }));
            config.services.gateway_url = KIOSK_TRY(optional_string(*services, "services", "gateway_url", ""));
            auto const& url = config.services.gateway_url;
            if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
                return fail_at(*services->get("gateway_url"), "services.gateway_url",
                    "expected an http:// or https:// URL");
            config.services.gateway_ca = resolve(KIOSK_TRY(optional_string(*services, "services", "gateway_ca", "")));
            config.services.catalog_db = resolve(KIOSK_TRY(optional_string(*services, "services", "catalog_db", "")));
            config.services.csca_store = resolve(KIOSK_TRY(optional_string(*services, "services", "csca_store", "")));
        }

        if (auto const* node = root.get("site")) {
            auto const* site = node->as_table();
            if (site == nullptr)
                return wrong_type(*node, "site", "a table");
            KIOSK_TRY(only_keys(*site, "site", { "center_name", "help_counter" }));
            config.services.center_name = KIOSK_TRY(optional_string(*site, "site", "center_name", ""));
            config.services.help_counter = KIOSK_TRY(optional_string(*site, "site", "help_counter", ""));
            if (config.services.help_counter.size() > 16)
                return fail_at(*site->get("help_counter"), "site.help_counter",
                    "expected a short counter name or number (at most 16 bytes), e.g. \"3\"");
        }

        for (hal::Role role : hal::ALL_ROLES) {
            auto const* node = root.get(hal::role_name(role));
            if (node == nullptr)
                continue;
            config.roles.push_back(KIOSK_TRY(parse_role(role, *node)));
        }
        return config;
    }

    [[nodiscard]] BoardError error(int line, std::string key, std::string what) const
    {
        return BoardError { Errc::invalid_argument, m_file.string(), line, std::move(key), std::move(what) };
    }

private:
    Expected<RoleConfig, BoardError> parse_role(hal::Role role, toml::node const& node)
    {
        std::string table_name(hal::role_name(role));
        auto const* table = node.as_table();
        if (table == nullptr)
            return wrong_type(node, table_name, "a table");

        RoleConfig config;
        config.role = role;
        switch (role) {
        case hal::Role::printer:
            KIOSK_TRY(only_keys(*table, table_name, { "connection", "head_dots", "dots_per_mm", "code_page", "native_qr" }));
            config.printer.head_dots = KIOSK_TRY(optional_int(*table, table_name, "head_dots", 576, 128, 1024, "dots"));
            if (config.printer.head_dots % 8 != 0)
                return fail_at(*table->get("head_dots"), table_name + ".head_dots",
                    "expected a multiple of 8 (384 for 58 mm heads, 576 for 80 mm heads)");
            config.printer.dots_per_mm = KIOSK_TRY(optional_int(*table, table_name, "dots_per_mm", 8, 6, 24, "dots per mm"));
            config.printer.code_page = KIOSK_TRY(optional_string(*table, table_name, "code_page", ""));
            config.printer.native_qr = KIOSK_TRY(optional_bool(*table, table_name, "native_qr", false));
            break;
        case hal::Role::camera:
            KIOSK_TRY(only_keys(*table, table_name, { "connection", "width", "height", "fps" }));
            config.camera.width = KIOSK_TRY(optional_int(*table, table_name, "width", 1280, 160, 4096, "pixels"));
            config.camera.height = KIOSK_TRY(optional_int(*table, table_name, "height", 720, 120, 4096, "pixels"));
            config.camera.fps = KIOSK_TRY(optional_int(*table, table_name, "fps", 15, 1, 120, "frames per second"));
            break;
        default:
            KIOSK_TRY(only_keys(*table, table_name, { "connection" }));
            break;
        }

        config.connection = KIOSK_TRY(require_string(*table, table_name, "connection", "\"driver:args\" (e.g. \"sim:\")"));
        config.line = line_of(*table->get("connection"));
        auto colon = config.connection.find(':');
        config.scheme = config.connection.substr(0, colon);
        config.args = colon == std::string::npos ? std::string() : config.connection.substr(colon + 1);
        if (!is_identifier(config.scheme, false))
            return Unexpected(error(config.line, table_name + ".connection",
                "expected \"driver:args\" with a driver name of lower-case letters, digits and '_' (e.g. \"sim:\")"));
        return config;
    }

    static bool is_identifier(std::string_view text, bool allow_dash)
    {
        if (text.empty() || text.size() > 64)
            return false;
        return std::all_of(text.begin(), text.end(), [allow_dash](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allow_dash && c == '-');
        });
    }

    [[nodiscard]] fs::path resolve(std::string const& value) const
    {
        if (value.empty())
            return {};
        fs::path path(value);
        return path.is_absolute() ? path.lexically_normal() : (m_directory / path).lexically_normal();
    }

    [[nodiscard]] Unexpected<BoardError> fail_at(toml::node const& node, std::string key, std::string what) const
    {
        return Unexpected(error(line_of(node), std::move(key), std::move(what)));
    }

    [[nodiscard]] Unexpected<BoardError> wrong_type(toml::node const& node, std::string key, std::string_view expected) const
    {
        return fail_at(node, std::move(key), "expected " + std::string(expected) + ", got " + std::string(type_name(node)));
    }

    Expected<toml::table const*, BoardError> require_table(toml::table const& root, std::string_view name) const
    {
        auto const* node = root.get(name);
        if (node == nullptr)
            return Unexpected(error(0, std::string(name), "missing table [" + std::string(name) + "]"));
        auto const* table = node->as_table();
        if (table == nullptr)
            return wrong_type(*node, std::string(name), "a table");
        return table;
    }

    Expected<void, BoardError> only_keys(toml::table const& table, std::string const& prefix, Keys allowed) const
    {
        for (auto const& [key, node] : table) {
            if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
                return fail_at(node, prefix + "." + std::string(key.str()), "unknown key; expected one of " + join(allowed));
        }
        return {};
    }

    Expected<std::string, BoardError> require_string(
        toml::table const& table, std::string const& prefix, std::string_view key, std::string_view meaning) const
    {
        auto const* node = table.get(key);
        if (node == nullptr)
            return Unexpected(error(line_of(table), prefix + "." + std::string(key),
                "missing; expected a string: " + std::string(meaning)));
        return string_value(*node, prefix, key);
    }

    Expected<std::string, BoardError> optional_string(
        toml::table const& table, std::string const& prefix, std::string_view key, std::string_view fallback) const
    {
        auto const* node = table.get(key);
        if (node == nullptr)
            return std::string(fallback);
        return string_value(*node, prefix, key);
    }

    Expected<std::string, BoardError> string_value(
        toml::node const& node, std::string const& prefix, std::string_view key) const
    {
        auto const* value = node.as_string();
        if (value == nullptr)
            return wrong_type(node, prefix + "." + std::string(key), "a string");
        return value->get();
    }

    Expected<bool, BoardError> optional_bool(
        toml::table const& table, std::string const& prefix, std::string_view key, bool fallback) const
    {
        auto const* node = table.get(key);
        if (node == nullptr)
            return fallback;
        auto const* value = node->as_boolean();
        if (value == nullptr)
            return wrong_type(*node, prefix + "." + std::string(key), "true or false");
        return value->get();
    }

    Expected<int, BoardError> require_int(toml::table const& table, std::string const& prefix, std::string_view key,
        int min, int max, std::string_view unit) const
    {
        auto const* node = table.get(key);
        if (node == nullptr)
            return Unexpected(error(line_of(table), prefix + "." + std::string(key),
                "missing; expected an integer (" + std::string(unit) + ")"));
        return int_value(*node, prefix, key, min, max, unit);
    }

    Expected<int, BoardError> optional_int(toml::table const& table, std::string const& prefix, std::string_view key,
        int fallback, int min, int max, std::string_view unit) const
    {
        auto const* node = table.get(key);
        if (node == nullptr)
            return fallback;
        return int_value(*node, prefix, key, min, max, unit);
    }

    Expected<int, BoardError> int_value(toml::node const& node, std::string const& prefix, std::string_view key,
        int min, int max, std::string_view unit) const
    {
        std::string name = prefix + "." + std::string(key);
        auto const* value = node.as_integer();
        if (value == nullptr)
            return wrong_type(node, name, "an integer (" + std::string(unit) + ")");
        std::int64_t number = value->get();
        if (number < min || number > max)
            return fail_at(node, name,
                "expected " + std::to_string(min) + ".." + std::to_string(max) + " " + std::string(unit) + ", got "
                    + std::to_string(number));
        return static_cast<int>(number);
    }

    fs::path m_file;
    fs::path m_directory;
};

} // namespace

Expected<BoardConfig, BoardError> parse_board_text(std::string_view text, std::filesystem::path const& file)
{
    BoardFileParser parser(file);
    if (text.size() > MAX_FILE_BYTES)
        return Unexpected(parser.error(0, "", "file too large for a board file (over 1 MiB)"));
    toml::table root;
    try {
        root = toml::parse(text, file.string());
    } catch (toml::parse_error const& failure) {
        return Unexpected(parser.error(static_cast<int>(failure.source().begin.line), "",
            "not valid TOML: " + std::string(failure.description())));
    } catch (std::exception const& failure) {
        return Unexpected(parser.error(0, "", std::string("cannot parse: ") + failure.what()));
    }
    return parser.parse(root);
}

Expected<BoardConfig, BoardError> parse_board_file(std::filesystem::path const& file)
{
    auto failed = [&file](int sys_errno) {
        Error cause = Error::from_errno(sys_errno, "");
        return Unexpected(BoardError { cause.code(), file.string(), 0, "",
            std::string("cannot read the board file: ") + std::strerror(sys_errno) }); // NOLINT(concurrency-mt-unsafe)
    };
    std::error_code status_error;
    if (fs::is_directory(file, status_error))
        return failed(EISDIR);

    std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(file.c_str(), "rb"), &std::fclose);
    if (!stream)
        return failed(errno);
    std::string text;
    std::array<char, 8192> buffer {};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), stream.get())) > 0) {
        text.append(buffer.data(), n);
        if (text.size() > MAX_FILE_BYTES)
            break;
    }
    if (std::ferror(stream.get()) != 0)
        return failed(errno != 0 ? errno : EIO);
    return parse_board_text(text, file);
}

} // namespace kiosk::runtime
