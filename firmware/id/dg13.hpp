// SPDX-License-Identifier: MIT
#pragma once

// DG13 of the Vietnamese citizen ID card (CCCD / căn cước): the holder's details in
// Vietnamese, UTF-8. Not defined by ICAO (DG13 is "optional details"); the layout below is
// the one Vietnamese cards use, as documented by the open-source readers that parse them:
//
//     6D L                              DG13
//       30 L  02 01 01  0C L "038187004512"     one SEQUENCE per item: INTEGER item number,
//       30 L  02 01 02  0C L "LÊ THỊ HOA"       then the value as a string
//       ...
//       30 L  02 01 0D  30 {0C father} 30 {0C mother}   item 13 holds two names (the
//                                                        strings may also sit directly in it)
//
// Items: 1 ID number, 2 full name, 3 birth date (DD/MM/YYYY), 4 sex ("Nam"/"Nữ"),
// 5 nationality, 6 ethnicity, 7 religion, 8 place of origin, 9 place of residence,
// 10 identifying marks, 11 issue date, 12 expiry date, 13 father's and mother's names,
// 14 spouse's name, 15 old ID number (some cards put it at 16; 15 wins when both are there).
// The parser is tolerant: items may be missing or empty, unknown items and elements that
// are not item SEQUENCEs are skipped, string types 0x0C/0x13/0x16/0x04 are all accepted.
// It is strict about bytes: every TLV length is checked and every value must be UTF-8.

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <string>

namespace kiosk::id {

/// DG13's fields. Dates are ISO 8601 when the card's DD/MM/YYYY parses, otherwise the card's
/// text (an expiry of "Không thời hạn", no time limit, stays as it is). Personal data: wiped
/// on destruction, never logged.
struct Dg13 {
    std::string id_number;          ///< 12 digits
    std::string full_name;          ///< "LÊ THỊ HOA"
    std::string birth_date;         ///< "1987-07-12"
    std::string sex;                ///< as on the card: "Nam" or "Nữ"
    std::string nationality;        ///< "Việt Nam"
    std::string ethnicity;          ///< "Kinh"
    std::string religion;           ///< "Không" (none)
    std::string place_of_origin;    ///< quê quán
    std::string place_of_residence; ///< nơi thường trú
    std::string identifying_marks;  ///< đặc điểm nhân dạng
    std::string issue_date;         ///< "2021-07-12"
    std::string expiry_date;        ///< "2047-07-12"
    std::string father_name;
    std::string mother_name;
    std::string spouse_name;
    std::string old_id_number;      ///< the 9-digit CMND number, if any

    Dg13() = default;
    Dg13(Dg13 const&) = default;
    Dg13(Dg13&&) noexcept = default;
    Dg13& operator=(Dg13 const&) = default;
    Dg13& operator=(Dg13&&) noexcept = default;
    ~Dg13();
    /// Zeroes and empties every field.
    void wipe() noexcept;
    /// "F" for Nữ, "M" for Nam, "" otherwise (to compare with DG1).
    [[nodiscard]] std::string sex_code() const;
};

/// Parses DG13 (tag 0x6D) as described above.
/// @return Errc::malformed on a bad TLV structure, a wrong outer tag or a value that is not
/// UTF-8; a DG13 without any known item is malformed too.
Result<Dg13> parse_dg13(ByteView file);

/// DG13 for @p fields in the card's layout (dates written back as DD/MM/YYYY; empty fields
/// are written as empty strings, as cards do for a missing spouse).
Bytes build_dg13(Dg13 const& fields);

/// Whether @p text is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool is_utf8(std::string_view text) noexcept;

} // namespace kiosk::id
