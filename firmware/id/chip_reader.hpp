// SPDX-License-Identifier: MIT
#pragma once

// Reads an eMRTD chip through any hal::CardReader: PACE (CAN, else MRZ) first, BAC when PACE
// is not offered or refused, then EF.COM, the data groups asked for, DG14/DG15 when present,
// and EF.SOD under secure messaging, with the largest chunks the card and reader allow.
// A card lifted mid-read is waited for, re-authenticated and read on from where it stopped.

#include "id/access_key.hpp"
#include "id/chip_session.hpp"

#include <kiosk/hal/card_reader.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

namespace kiosk::id {

/// Where a read stands (for a progress bar). Not personal.
struct ReadProgress {
    LdsFile file = LdsFile::com;
    std::size_t file_offset = 0; ///< bytes of this file read so far
    std::size_t file_size = 0;   ///< this file's size (known after its first chunk)
    std::size_t bytes_read = 0;  ///< all file bytes read so far
    bool resuming = false;       ///< the card left; waiting for it to come back
};

struct ReadOptions {
    /// Data groups to read besides EF.COM and EF.SOD (skipped when EF.COM does not list them).
    std::vector<int> data_groups { 1, 13 };
    bool read_sod = true;
    /// DG14 and DG15 (chip and active authentication keys) when EF.COM lists them.
    bool read_security_groups = true;
    /// Try PACE before BAC (cards without EF.CardAccess go straight to BAC).
    bool try_pace = true;
    std::chrono::milliseconds apdu_timeout { 2000 };
    /// How long a lifted card may stay away before the read gives up.
    std::chrono::milliseconds resume_window { 10000 };
    std::size_t max_resumes = 3;
    /// Largest response (data + SW) the reader can carry; the card's extended-length support
    /// is honoured too. Short APDUs only when this is 258 or less.
    std::size_t max_response_bytes = 65538;
    /// Called on the reading thread after every chunk (and when waiting for a lifted card).
    std::function<void(ReadProgress const&)> progress;
};

/// Reads chips with one reader. Not thread-safe; blocks for the whole read.
class ChipReader {
public:
    explicit ChipReader(hal::CardReader& reader) noexcept
        : m_reader(reader)
    {
    }

    /// Authenticates to the selected @p card with @p key and reads its files.
    /// @return the session (files + counters). Errors: Errc::refused when every protocol the
    ///   key allows was refused (wrong key) or the card gave up secure messaging;
    ///   Errc::malformed when the card's answers do not parse or fail their MAC (the session is
    ///   ended, nothing more is sent); Errc::disconnected if the card was lifted and not back
    ///   within resume_window (or lifted more than max_resumes times); Errc::unsupported if
    ///   neither PACE nor BAC is possible with @p key; reader errors as they come.
    Result<ChipSession> read(hal::CardInfo const& card, AccessKey const& key, ReadOptions const& options);

private:
    hal::CardReader& m_reader;
};

} // namespace kiosk::id
