// SPDX-License-Identifier: MIT
#pragma once

// EF.COM (ICAO 9303 part 10, 4.6.1): LDS and Unicode versions and the list of data groups
// present, as their tags (0x61 DG1, 0x75 DG2, 0x6D DG13, ...).

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::id {

/// The contents of EF.COM.
struct EfCom {
    std::string lds_version;           ///< "0107" (LDS 1.7)
    std::string unicode_version;       ///< "040000"
    std::vector<std::uint8_t> dg_tags; ///< data-group tags present, in file order

    /// Data-group numbers present (1..16), in file order; unknown tags are skipped.
    [[nodiscard]] std::vector<int> data_groups() const;
};

/// Data-group number (1..16) of a DG file tag (0x61 -> 1, 0x75 -> 2, 0x6D -> 13), or 0.
int dg_number_of_tag(std::uint8_t tag) noexcept;
/// File tag of data group @p number (1..16), or 0.
std::uint8_t dg_tag_of_number(int number) noexcept;

/// Parses EF.COM (tag 0x60). The version elements are optional; the tag list is required.
/// @return Errc::malformed on bad TLV, a wrong outer tag or a missing tag list.
Result<EfCom> parse_ef_com(ByteView file);

/// EF.COM for @p com.
Bytes build_ef_com(EfCom const& com);

} // namespace kiosk::id
