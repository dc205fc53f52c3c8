// SPDX-License-Identifier: MIT
// The updater's one toml++ file: toml++ throws on a syntax error, caught here.
#include "update/agent_config.hpp"

#include <toml++/toml.h>

#include <set>
#include <system_error>

namespace kiosk::update {

namespace {

    std::string where(std::filesystem::path const& file, toml::source_region const& source)
    {
        return file.string() + ":" + std::to_string(source.begin.line);
    }

} // namespace

Result<UpdaterConfig> load_updater_config(std::filesystem::path const& file, std::string& message)
{
    std::error_code error;
    if (!std::filesystem::exists(file, error)) {
        message = file.string() + ": no such file";
        return fail(Errc::not_found, "reading the updater config");
    }
    toml::table document;
    try {
        document = toml::parse_file(file.string());
    } catch (toml::parse_error const& failure) {
        message = where(file, failure.source()) + ": " + std::string(failure.description());
        return fail(Errc::invalid_argument, "reading the updater config");
    }
    auto const* table = document["updater"].as_table();
    if (table == nullptr) {
        message = file.string() + ":1: updater: expected a table [updater]";
        return fail(Errc::invalid_argument, "reading the updater config");
    }
    static std::set<std::string> const KNOWN { "repository_url", "initial_root", "state_dir", "board_file", "kiosk_id",
        "groups", "ca_file", "max_bytes_per_second", "stall_timeout_s", "health_deadline_s", "health_report",
        "health_max_age_s", "poll_interval_s", "start_delay_max_s", "gateway_url", "gateway_ca_file",
        "gateway_client_cert", "gateway_client_key", "catalog_db", "catalog_keys" };
    auto const invalid = [&](toml::node const& node, std::string const& key, std::string const& expected) {
        message = where(file, node.source()) + ": updater." + key + ": " + expected;
        return fail(Errc::invalid_argument, "reading the updater config");
    };
    for (auto const& [key, value] : *table) {
        if (KNOWN.count(std::string(key.str())) == 0)
            return invalid(value, std::string(key.str()), "unknown key");
    }
    auto const folder = file.parent_path();
    UpdaterConfig config;
    auto text = [&](char const* key, bool required, std::string& out) -> Result<void> {
        auto const* node = table->get(key);
        if (node == nullptr) {
            if (!required)
                return {};
            message = file.string() + ":1: updater." + key + ": missing (required)";
            return fail(Errc::invalid_argument, "reading the updater config");
        }
        auto const* value = node->as_string();
        if (value == nullptr || value->get().empty())
            return invalid(*node, key, "expected a non-empty string");
        out = value->get();
        return {};
    };
    auto path = [&](char const* key, bool required, std::filesystem::path& out) -> Result<void> {
        std::string value;
        KIOSK_TRY(text(key, required, value));
        if (!value.empty())
            out = (folder / value).lexically_normal();
        return {};
    };
    auto seconds = [&](char const* key, std::chrono::seconds& out) -> Result<void> {
        auto const* node = table->get(key);
        if (node == nullptr)
            return {};
        auto const* value = node->as_integer();
        if (value == nullptr || value->get() < 0)
            return invalid(*node, key, "expected a whole number of seconds, 0 or more");
        out = std::chrono::seconds(value->get());
        return {};
    };
    KIOSK_TRY(text("repository_url", true, config.agent.repository_url));
    KIOSK_TRY(path("initial_root", true, config.agent.initial_root));
    KIOSK_TRY(path("state_dir", true, config.agent.state_dir));
    KIOSK_TRY(path("board_file", true, config.board_file));
    KIOSK_TRY(text("kiosk_id", true, config.agent.kiosk_id));
    KIOSK_TRY(path("ca_file", false, config.agent.limits.ca_file));
    KIOSK_TRY(path("health_report", false, config.health_report));
    KIOSK_TRY(path("catalog_db", false, config.catalog_db));
    KIOSK_TRY(path("catalog_keys", false, config.catalog_keys));
    if (config.catalog_keys.empty() && !config.catalog_db.empty())
        config.catalog_keys = config.catalog_db.parent_path() / "catalog-keys";
    std::chrono::seconds stall { 30 };
    KIOSK_TRY(seconds("stall_timeout_s", stall));
    config.agent.limits.stall_timeout = stall;
    KIOSK_TRY(seconds("health_deadline_s", config.agent.health_deadline));
    KIOSK_TRY(seconds("health_max_age_s", config.health_max_age));
    KIOSK_TRY(seconds("poll_interval_s", config.poll_interval));
    KIOSK_TRY(seconds("start_delay_max_s", config.start_delay_max));
    if (auto const* node = table->get("max_bytes_per_second")) {
        auto const* value = node->as_integer();
        if (value == nullptr || value->get() < 0)
            return invalid(*node, "max_bytes_per_second", "expected a whole number, 0 or more");
        config.agent.limits.max_bytes_per_second = static_cast<std::uint64_t>(value->get());
    }
    if (auto const* node = table->get("groups")) {
        auto const* list = node->as_array();
        if (list == nullptr)
            return invalid(*node, "groups", "expected an array of strings");
        for (auto const& item : *list) {
            auto const* group = item.as_string();
            if (group == nullptr)
                return invalid(item, "groups", "expected an array of strings");
            config.agent.groups.push_back(group->get());
        }
    }
    auto const loopback = [](std::string const& url) {
        return url.rfind("http://127.", 0) == 0 || url.rfind("http://localhost", 0) == 0;
    };
    auto const& url = config.agent.repository_url;
    if (url.rfind("https://", 0) != 0 && !loopback(url)) {
        message = file.string() + ":1: updater.repository_url: expected an https:// URL (plain http only on loopback)";
        return fail(Errc::invalid_argument, "reading the updater config");
    }
    auto& gateway = config.gateway;
    KIOSK_TRY(text("gateway_url", false, gateway.url));
    KIOSK_TRY(path("gateway_ca_file", false, gateway.ca_file));
    KIOSK_TRY(path("gateway_client_cert", false, gateway.client_certificate));
    KIOSK_TRY(path("gateway_client_key", false, gateway.client_key));
    auto const where_key = [&](char const* key) {
        auto const* node = table->get(key);
        return node != nullptr ? where(file, node->source()) : file.string() + ":1";
    };
    if (!gateway.url.empty()) {
        bool const https = gateway.url.rfind("https://", 0) == 0;
        if (!https && !loopback(gateway.url)) {
            message = where_key("gateway_url")
                + ": updater.gateway_url: expected an https:// URL (plain http only on loopback)";
            return fail(Errc::invalid_argument, "reading the updater config");
        }
        if (https && gateway.ca_file.empty()) {
            message = where_key("gateway_url")
                + ": updater.gateway_ca_file: missing (required for an https gateway: the one CA trusted for it)";
            return fail(Errc::invalid_argument, "reading the updater config");
        }
    }
    if (gateway.client_certificate.empty() != gateway.client_key.empty()) {
        char const* const given = gateway.client_key.empty() ? "gateway_client_cert" : "gateway_client_key";
        message = where_key(given) + ": updater." + given
            + ": gateway_client_cert and gateway_client_key go together (one is missing)";
        return fail(Errc::invalid_argument, "reading the updater config");
    }
    return config;
}

} // namespace kiosk::update
