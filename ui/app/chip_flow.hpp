// SPDX-License-Identifier: MIT
#pragma once

// The chip-ID flow's part of the Session: where the card read stands (not personal) and what
// the card gave (PERSONAL DATA: name, dates, photo pixels, the chip's evidence for the gateway,
// the citizen's dossier list). Wiped with the session; never logged, never written to disk.

#include <kiosk/hal/bytes.hpp>

#include <status/dossier.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

/// Where the card worker's current read stands (shown by the place-card screen).
enum class CardReadPhase {
    idle, ///< nothing asked yet
    waiting, ///< waiting for a card on the pad
    reading, ///< reading the chip
    moved_away, ///< the card left the pad mid-read; the read continues when it is back
    done, ///< CitizenCard is in the session
    failed, ///< see CardReadState::error_key
};

/// The read's progress: not personal (sizes and counts only).
struct CardReadState {
    std::uint64_t job = 0; ///< which CardWorker job this state belongs to
    CardReadPhase phase = CardReadPhase::idle;
    int files_done = 0; ///< chip files read completely
    int files_total = 0; ///< files this read expects (EF.COM, data groups, EF.SOD)
    double file_fraction = 0; ///< of the file being read now
    std::size_t bytes_read = 0; ///< file bytes so far
    std::string error_key; ///< with failed: "chip.error.wrong_key", ...
    std::string advice_key; ///< with failed: what to do

    /// 0..1 for the progress bar.
    [[nodiscard]] double fraction() const noexcept;
};

/// The outcome of passive authentication, in the words the citizen sees.
enum class ChipVerdict {
    verified, ///< hashes, signature and chain all ok (and the card is in date)
    expired, ///< genuine chip, document past its expiry date
    altered, ///< a data group's hash differs from the SOD's
    not_genuine, ///< the SOD signature or its chain to a trusted CSCA failed
    not_checked, ///< the kiosk has no trust store (or the SOD was unreadable)
};

/// A face image as pixels the UI can draw: RGB, 3 bytes a pixel, row by row.
struct CardPhoto {
    int width = 0;
    int height = 0;
    Bytes rgb;
};

/// What the chip gave. PERSONAL DATA.
struct CitizenCard {
    std::string full_name; ///< DG13's (UTF-8, with marks), else DG1's MRZ names
    std::string id_number; ///< 12 digits
    std::string birth_date; ///< ISO 8601
    std::string expiry_date; ///< ISO 8601, or the card's words ("Không thời hạn")
    std::string sex; ///< "F", "M" or ""
    std::string place_of_residence; ///< DG13, when the card has it
    bool has_dg13 = false;
    std::optional<CardPhoto> photo;
    ChipVerdict verdict = ChipVerdict::not_checked;
    /// The chip's evidence for the gateway's citizen lookup (EF.SOD and DG13 as read).
    Bytes sod;
    Bytes dg13;
};

/// The citizen's dossiers from the gateway (after a verified read).
struct CitizenDossiers {
    bool loading = false;
    std::vector<status::Dossier> list;
    std::string error_key; ///< a failed lookup: "status.error.offline", ...
    bool loaded = false;
};

/// The chip flow's session state.
struct ChipFlow {
    CardReadState read;
    std::optional<CitizenCard> card;
    CitizenDossiers dossiers;

    /// Zeroes every personal byte and string, then resets everything.
    void wipe() noexcept;
    /// True when nothing of a citizen (and no read) is held.
    [[nodiscard]] bool empty() const noexcept;
};

/// Zeroes and clears every string and buffer of @p card.
void wipe_card(CitizenCard& card) noexcept;
/// Zeroes and clears @p bytes (its whole capacity).
void wipe_bytes(Bytes& bytes) noexcept;

} // namespace kiosk::ui
