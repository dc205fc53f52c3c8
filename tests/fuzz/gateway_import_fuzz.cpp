// SPDX-License-Identifier: MIT
// Fuzz target: the gateway's import of one-stop exports (CSV and JSON). Any bytes must give
// either a whole-file problem with a reason, or dossiers that are valid for the API plus
// bad rows that each say why; never a crash, never a dossier with a bad code or dates.
#include "gateway/dossier_import.hpp"

#include <status/dossier_json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

void check(kiosk::gateway::ImportFormat format, std::string_view text)
{
    auto const& calendar = kiosk::status::HolidayCalendar::vietnam();
    auto result = kiosk::gateway::parse_export(text, format, calendar);
    if (!result) {
        if (result.error().what.empty())
            __builtin_trap(); // a refused file says why
        return;
    }
    for (auto const& problem : result->bad_rows) {
        if (problem.what.empty())
            __builtin_trap();
    }
    for (auto const& dossier : result->dossiers) {
        if (!kiosk::status::is_valid_code(dossier.code) || dossier.procedure_code.empty())
            __builtin_trap();
        if (dossier.due && *dossier.due < dossier.received)
            __builtin_trap();
        // What the import keeps must serialize and read back (invalid UTF-8 is replaced).
        auto json = kiosk::status::dossier_to_json(dossier, dossier.received, kiosk::status::JsonView::store);
        auto text_back = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        auto parsed = kiosk::status::dossier_from_json(nlohmann::json::parse(text_back, nullptr, false));
        if (!parsed || parsed->code != dossier.code)
            __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view text(reinterpret_cast<char const*>(data), size);
    check(kiosk::gateway::ImportFormat::detect, text);
    check(kiosk::gateway::ImportFormat::csv, text);
    return 0;
}
