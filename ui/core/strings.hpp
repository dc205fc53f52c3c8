// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

/// The languages of the kiosk's screens.
enum class Language {
    vi,
    en,
};

/// "vi" or "en".
std::string_view language_code(Language language) noexcept;

/// One language's strings: a flat JSON object of "key": "text" (ui/strings/vi.json,
/// en.json). Placeholders are written {name} and filled by format(). Any thread after load.
class StringCatalog {
public:
    /// Reads @p file. @return Errc::not_found if it cannot be read, Errc::malformed if it is not
    /// a JSON object of strings (the error names the problem via message()).
    static Result<StringCatalog> load(std::filesystem::path const& file);

    /// Parses @p json_text (as load()). @p problem receives a description on failure.
    static Result<StringCatalog> parse(std::string_view json_text, std::string* problem = nullptr);

    /// The text for @p key, or the key itself in brackets when it is missing (visible on screen
    /// and caught by the completeness test, never a crash).
    [[nodiscard]] std::string const& text(std::string_view key) const;
    [[nodiscard]] bool has(std::string_view key) const;
    /// text(@p key) with each {name} replaced by its value from @p values.
    [[nodiscard]] std::string format(
        std::string_view key, std::vector<std::pair<std::string_view, std::string>> const& values) const;
    /// Every key, sorted.
    [[nodiscard]] std::vector<std::string> keys() const;
    /// Adds every entry of @p other. @return Errc::malformed naming a key both define.
    Result<void> merge(StringCatalog const& other);
    /// Replaces {@p name} with @p value in every text (the site's details, filled once at load).
    void fill_everywhere(std::string_view name, std::string const& value);
    /// Sets the text of @p key (a site's own wording for it).
    void set(std::string key, std::string text) { m_texts.insert_or_assign(std::move(key), std::move(text)); }

private:
    std::map<std::string, std::string, std::less<>> m_texts;
    mutable std::map<std::string, std::string, std::less<>> m_missing;
};

/// Where this kiosk stands (the board file's [site] table): the texts name the service
/// center and the counter where staff help.
struct Site {
    /// The center's name, shown under the kiosk's name ("Trung tâm Phục vụ hành chính công
    /// phường Ba Đình"); empty: the catalog's generic "app.center".
    std::string center_name;
    /// The counter where staff help ("3"); empty: "the reception counter".
    std::string help_counter;
};

/// Both languages' catalogs.
class Strings {
public:
    /// Loads `vi.json` and `en.json` from @p folder, each with its parts `vi.NAME.json` /
    /// `en.NAME.json` (one per flow, e.g. `vi.dossier.json`); a key defined twice is malformed.
    static Result<Strings> load(std::filesystem::path const& folder);

    /// Fills {counter} in every text with "site.counter_number" (or "site.counter_any" without
    /// a counter) and sets "app.center" to the center's name when there is one.
    void apply_site(Site const& site);

    [[nodiscard]] StringCatalog const& catalog(Language language) const noexcept
    {
        return language == Language::en ? m_en : m_vi;
    }

private:
    StringCatalog m_vi;
    StringCatalog m_en;
};

/// The folder of the string catalogs: $KIOSK_UI_STRINGS if set, else the source tree's
/// ui/strings (compiled in), else /usr/share/kiosk/ui/strings.
std::filesystem::path default_strings_folder();

} // namespace kiosk::ui
