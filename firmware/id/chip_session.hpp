// SPDX-License-Identifier: MIT
#pragma once

// What one read of a chip produced: the raw LDS files (PERSONAL DATA) and how the read went.

#include <kiosk/hal/bytes.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>

namespace kiosk::id {

/// LDS elementary files by short file identifier (ICAO 9303-10).
enum class LdsFile : std::uint8_t {
    dg1 = 0x01,
    dg2 = 0x02,
    dg13 = 0x0D,
    dg14 = 0x0E,
    dg15 = 0x0F,
    sod = 0x1D,
    com = 0x1E,
};

/// The file of data group @p number (1..16) (not all have an LdsFile name).
constexpr LdsFile data_group_file(int number) noexcept { return static_cast<LdsFile>(number); }
/// "EF.COM", "DG1", ..., "EF.SOD" (not personal).
std::string_view lds_file_name(LdsFile file) noexcept;

/// The protocol that opened the chip.
enum class AccessProtocol {
    pace,
    bac,
};
/// "pace" / "bac".
std::string_view access_protocol_name(AccessProtocol protocol) noexcept;

/// One read of a chip. Holds the files as read: wiped (zeroed) when destroyed, moved from or
/// wipe()d. Move-only so copies of personal data do not spread.
class ChipSession {
public:
    ChipSession() = default;
    ChipSession(ChipSession&& other) noexcept;
    ChipSession& operator=(ChipSession&& other) noexcept;
    ChipSession(ChipSession const&) = delete;
    ChipSession& operator=(ChipSession const&) = delete;
    ~ChipSession();

    /// The file's bytes, or null if it was not read (absent, not asked for, or refused).
    [[nodiscard]] Bytes const* file(LdsFile which) const noexcept;
    [[nodiscard]] std::map<LdsFile, Bytes> const& files() const noexcept { return m_files; }
    void set_file(LdsFile which, Bytes content);

    AccessProtocol protocol = AccessProtocol::pace;
    std::size_t apdus = 0;        ///< command APDUs sent, authentication included
    std::size_t bytes_read = 0;   ///< file bytes received
    std::size_t resumes = 0;      ///< times the card left and the read resumed after re-authentication
    std::chrono::microseconds elapsed { 0 }; ///< from the first APDU to the last file byte

    /// Zeroes and drops every file.
    void wipe() noexcept;

private:
    std::map<LdsFile, Bytes> m_files;
};

} // namespace kiosk::id
