// SPDX-License-Identifier: MIT
#include "ui/core/strings.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kiosk::ui {

std::string_view language_code(Language language) noexcept { return language == Language::en ? "en" : "vi"; }

Result<StringCatalog> StringCatalog::load(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fail(Errc::not_found, "string catalog cannot be read");
    std::ostringstream content;
    content << in.rdbuf();
    return parse(content.str());
}

Result<StringCatalog> StringCatalog::parse(std::string_view json_text, std::string* problem)
{
    // parse() with allow_exceptions = false returns a discarded value instead of throwing.
    auto const json = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        if (problem != nullptr)
            *problem = "not a JSON object";
        return fail(Errc::malformed, "string catalog is not a JSON object");
    }
    StringCatalog catalog;
    for (auto const& [key, value] : json.items()) {
        if (!value.is_string() || value.get_ref<std::string const&>().empty()) {
            if (problem != nullptr)
                *problem = "key '" + key + "' is not a non-empty string";
            return fail(Errc::malformed, "string catalog value is not a non-empty string");
        }
        catalog.m_texts.emplace(key, value.get<std::string>());
    }
    return catalog;
}

std::string const& StringCatalog::text(std::string_view key) const
{
    if (auto it = m_texts.find(key); it != m_texts.end())
        return it->second;
    auto [it, inserted] = m_missing.try_emplace(std::string(key), "[" + std::string(key) + "]");
    return it->second;
}

bool StringCatalog::has(std::string_view key) const { return m_texts.find(key) != m_texts.end(); }

namespace {

    /// Replaces every {@p name} in @p text with @p value.
    void fill(std::string& text, std::string_view name, std::string const& value)
    {
        std::string const placeholder = "{" + std::string(name) + "}";
        for (std::size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
            text.replace(at, placeholder.size(), value);
    }

} // namespace

std::string StringCatalog::format(
    std::string_view key, std::vector<std::pair<std::string_view, std::string>> const& values) const
{
    std::string result = text(key);
    for (auto const& [name, value] : values)
        fill(result, name, value);
    return result;
}

Result<void> StringCatalog::merge(StringCatalog const& other)
{
    for (auto const& [key, text] : other.m_texts) {
        if (m_texts.find(key) != m_texts.end()) {
            spdlog::error("string catalog key '{}' is defined twice", key);
            return fail(Errc::malformed, "a string catalog key is defined twice");
        }
        m_texts.emplace(key, text);
    }
    return {};
}

void StringCatalog::fill_everywhere(std::string_view name, std::string const& value)
{
    for (auto& [key, text] : m_texts)
        fill(text, name, value);
}

std::vector<std::string> StringCatalog::keys() const
{
    std::vector<std::string> out;
    out.reserve(m_texts.size());
    for (auto const& entry : m_texts)
        out.push_back(entry.first);
    return out;
}

namespace {

    /// FOLDER/LANG.json, then every FOLDER/LANG.NAME.json in name order.
    Result<StringCatalog> load_language(std::filesystem::path const& folder, std::string_view language)
    {
        auto catalog = KIOSK_TRY(StringCatalog::load(folder / (std::string(language) + ".json")));
        std::vector<std::filesystem::path> parts;
        std::error_code ec;
        std::string const prefix = std::string(language) + ".";
        for (auto const& entry : std::filesystem::directory_iterator(folder, ec)) {
            std::string const name = entry.path().filename().string();
            if (name.size() > prefix.size() + 5 && name.starts_with(prefix) && name.ends_with(".json")
                && name != prefix + "json")
                parts.push_back(entry.path());
        }
        std::sort(parts.begin(), parts.end());
        for (auto const& part : parts) {
            auto loaded = StringCatalog::load(part);
            if (!loaded) {
                spdlog::error("string catalog {}: {}", part.filename().string(), loaded.error().message());
                return Unexpected(loaded.error());
            }
            KIOSK_TRY(catalog.merge(*loaded));
        }
        return catalog;
    }

} // namespace

Result<Strings> Strings::load(std::filesystem::path const& folder)
{
    Strings strings;
    strings.m_vi = KIOSK_TRY(load_language(folder, "vi"));
    strings.m_en = KIOSK_TRY(load_language(folder, "en"));
    return strings;
}

void Strings::apply_site(Site const& site)
{
    for (StringCatalog* catalog : { &m_vi, &m_en }) {
        std::string const counter = site.help_counter.empty()
            ? catalog->text("site.counter_any")
            : catalog->format("site.counter_number", { { "number", site.help_counter } });
        catalog->fill_everywhere("counter", counter);
        if (!site.center_name.empty())
            catalog->set("app.center", site.center_name);
    }
}

std::filesystem::path default_strings_folder()
{
    char const* env = std::getenv("KIOSK_UI_STRINGS"); // NOLINT(concurrency-mt-unsafe): read before threads start
    if (env != nullptr && *env != '\0')
        return env;
    std::filesystem::path source = std::filesystem::path(KIOSK_UI_SOURCE_DIR) / "strings";
    std::error_code ec;
    if (std::filesystem::exists(source / "vi.json", ec))
        return source;
    return "/usr/share/kiosk/ui/strings";
}

} // namespace kiosk::ui
