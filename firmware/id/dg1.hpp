// SPDX-License-Identifier: MIT
#pragma once

// DG1: the machine readable zone (ICAO 9303 parts 4-5 and 10). Vietnamese ID cards carry a
// TD1 MRZ (3 lines of 30); passports a TD3 (2 lines of 44). Parsing verifies every check
// digit; building computes them (for the card emulator and tests).

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <string>
#include <string_view>

namespace kiosk::id {

/// Which MRZ layout.
enum class MrzFormat {
    td1, ///< 3 x 30 characters: ID cards
    td3, ///< 2 x 44 characters: passports
};

/// The fields of an MRZ, fillers ('<') removed. Holds personal data: wiped on destruction,
/// never logged.
struct Mrz {
    MrzFormat format = MrzFormat::td1;
    std::string document_code;   ///< "ID", "I<" -> "I", "P"
    std::string issuing_state;   ///< "VNM"
    std::string document_number; ///< "187004512"
    std::string birth_date;      ///< ISO 8601 "1987-07-12" (century resolved, see parse_mrz)
    std::string sex;             ///< "F", "M" or "" (unspecified)
    std::string expiry_date;     ///< ISO 8601 "2047-07-12"
    std::string nationality;     ///< "VNM"
    std::string optional_data;   ///< TD1 line 1 / TD3 personal number: a Vietnamese card's 12-digit ID number
    std::string optional_data2;  ///< TD1 line 2 optional data
    std::string surname;         ///< primary identifier, words separated by spaces: "LE"
    std::string given_names;     ///< secondary identifier: "THI HOA"
    std::string text;            ///< the MRZ lines joined with '\n'

    Mrz() = default;
    Mrz(Mrz const&) = default;
    Mrz(Mrz&&) noexcept = default;
    Mrz& operator=(Mrz const&) = default;
    Mrz& operator=(Mrz&&) noexcept = default;
    ~Mrz();
    /// Zeroes and empties every field.
    void wipe() noexcept;
    /// "SURNAME GIVEN NAMES" as printed in the MRZ.
    [[nodiscard]] std::string names() const;
};

/// ICAO 9303 part 3 check digit of @p field: weights 7, 3, 1; digits count as their value,
/// A-Z as 10-35, '<' as 0. @return '0'..'9', or '\0' if @p field holds another character.
char mrz_check_digit(std::string_view field) noexcept;

/// Parses MRZ text: TD1 (90 characters) or TD3 (88), lines separated by '\n' or "\r\n" or
/// not at all; surrounding white space is ignored. Every check digit (document number,
/// birth date, expiry date, composite) must match. Two-digit years: expiry is 20YY; the
/// birth year takes its century from a 12-digit Vietnamese ID number in the optional data
/// (4th digit: 0/1 -> 19xx, 2/3 -> 20xx), else 19YY when 20YY would be in the future.
/// @return Errc::malformed naming the field that is wrong ("MRZ: birth date check digit").
Result<Mrz> parse_mrz(std::string_view text);

/// Parses the DG1 file (tag 0x61 containing 0x5F1F with the MRZ characters).
/// @return Errc::malformed if the TLV or the MRZ is wrong.
Result<Mrz> parse_dg1(ByteView file);

/// What build_td1() needs. Dates are ISO 8601; names are converted to MRZ characters
/// (Vietnamese letters lose their marks, Đ becomes D, other characters become '<').
struct MrzInput {
    std::string_view document_code = "ID";
    std::string_view issuing_state = "VNM";
    std::string_view document_number; ///< up to 9 characters here
    std::string_view optional_data;   ///< up to 15 characters (the 12-digit ID number)
    std::string_view birth_date;      ///< "1987-07-12"
    std::string_view sex;             ///< "F", "M" or ""
    std::string_view expiry_date;
    std::string_view nationality = "VNM";
    std::string_view surname;         ///< "LÊ"
    std::string_view given_names;     ///< "THỊ HOA"
};

/// A TD1 MRZ (3 lines joined by '\n') with all check digits.
/// @return Errc::invalid_argument if a date is not ISO 8601 or a field is too long.
Result<std::string> build_td1(MrzInput const& input);

/// The DG1 file for @p mrz_text (its lines without separators inside 0x5F1F, inside 0x61).
Bytes build_dg1(std::string_view mrz_text);

/// @p text in MRZ characters: upper case A-Z, 0-9 and '<' for spaces and anything else;
/// Vietnamese letters lose their diacritics and Đ/đ become D.
std::string to_mrz_characters(std::string_view text);

} // namespace kiosk::id
