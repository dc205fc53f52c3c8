// SPDX-License-Identifier: MIT
#pragma once

#include "ui/app/chip_flow.hpp"
#include "ui/core/display_layout.hpp"
#include "ui/core/strings.hpp"
#include "ui/core/theme.hpp"

#include <scan/payload.hpp>
#include <status/dossier_lookup.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace kiosk::ui {

/// How the citizen wants the screens: language, text size, contrast.
struct Settings {
    Language language = Language::vi;
    TextSize text_size = TextSize::normal;
    ContrastMode contrast = ContrastMode::normal;
    /// Spoken guidance: read each screen's instruction when it appears, at this volume.
    bool audio_mode = false;
    int volume_percent = 70;
    friend bool operator==(Settings const&, Settings const&) = default;
};

/// Everything of one citizen's session: what they typed and scanned, their settings, and
/// (later) what was read from their card. The screens keep nothing of their own that outlives
/// the session: KioskUi rebuilds them from here. wipe() overwrites every string's buffer and
/// resets everything, at "finish", on idle timeout and when the kiosk stops. UI thread only.
///
/// PERSONAL DATA: id_digits and id_qr (and any dossier code) are never logged.
class Session {
public:
    Session() = default;
    ~Session() { wipe(); }
    Session(Session const&) = delete;
    Session& operator=(Session const&) = delete;
    Session(Session&&) = delete;
    Session& operator=(Session&&) = delete;

    Settings settings;
    std::string search_query; ///< procedure search box
    std::string dossier_code; ///< typed or scanned dossier code
    std::string id_digits; ///< typed or scanned 12-digit ID number
    std::optional<scan::CitizenIdQr> id_qr; ///< the card's QR, when scanned
    /// The dossier the result screen shows (make_dossier_result_screen): a code lookup's answer
    /// (live or cached, with its time), or one of the citizen's dossiers after a chip read.
    std::optional<status::LookupResult> dossier_result;
    /// The chip-ID flow: the card read's progress, what the chip gave, the citizen's dossiers.
    ChipFlow chip;
    /// Procedures flow: the procedure the detail screen shows (its catalog code), the browse
    /// group the list screen shows ("event:ID" or "field:ID"), and whether browse shows fields.
    std::string procedure_code;
    std::string procedure_group;
    bool procedure_browse_fields = false;

    /// Overwrites and clears every field, settings back to the defaults; a new serial.
    void wipe() noexcept;
    /// True when nothing of a citizen is held (settings at their defaults too).
    [[nodiscard]] bool empty() const noexcept;
    /// Changes at every wipe(): screens built for an older session are stale.
    [[nodiscard]] std::uint64_t serial() const noexcept { return m_serial; }

private:
    std::uint64_t m_serial = 0;
};

/// Overwrites the whole buffer of @p text (up to its capacity) with zeros, then clears it.
void secure_clear(std::string& text) noexcept;
/// secure_clear() on every string of @p dossier (code, agencies, notes, owner fields).
void secure_clear(status::Dossier& dossier) noexcept;

} // namespace kiosk::ui
