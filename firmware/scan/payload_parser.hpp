// SPDX-License-Identifier: MIT
#pragma once

// Raw scanned text -> typed Payload.
//
// Decisions (issue 4, "Payloads"):
//
// Text as text. The input is what a camera decoder or a scanner module produced. It is an
// error (PayloadError) only when it is not acceptable as text at all: empty (after trimming),
// longer than MAX_PAYLOAD_BYTES (checked on the raw input, before trimming), not valid UTF-8
// (overlong forms, UTF-16 surrogates, code points above U+10FFFF, truncated or stray
// sequences), or holding a control character (C0 other than TAB/CR/LF, DEL, C1). Leading and
// trailing CR, LF, TAB and spaces are trimmed (scanner modules end each code with CR/LF), and
// so is a leading UTF-8 byte-order mark. Valid text that is none of ours is not an error: it
// is PayloadKind::unknown with a reason code.
//
// Classification, in this order, of the trimmed text:
// 1. Citizen ID QR: the text holds '|' and its first field, after an optional label
//    ("Số CCCD: "), is made of ASCII digits. Exactly 12 digits -> citizen_id_qr; any other
//    digit count -> unknown "id_qr_malformed". The other fields are recognised by their shape,
//    not only their position, so 7-field cards, 6-field cards (no old ID), empty old IDs,
//    labelled fields and dates as DDMMYYYY, DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY all parse:
//    - 9 or 12 digits (or empty) right after the ID: the old ID number;
//    - a date shape: the first is the birth date, the second the issue date;
//    - "Nam", "Nữ" (NFC or NFD), "Nu", any case: the sex (returned as "Nam" or "Nữ");
//    - other text: the first is the full name, the second the address.
//    The ID number is what the chip reader needs (CAN, document number), so a valid ID with
//    broken other fields is still citizen_id_qr: the broken field is left empty and named in
//    CitizenIdQr::problems ("birth_date_invalid" for 31021987, "birth_date_missing",
//    "issue_date_invalid", "sex_unrecognised", "old_id_malformed", "full_name_missing",
//    "field_count_unexpected", "extra_field", and "birth_date_mismatch" / "sex_mismatch" when
//    the ID's century-and-sex digit and birth-year digits disagree with the birth date or sex).
//    A bare 12-digit number (no '|') is not taken for an ID: it is a valid dossier code.
// 2. http(s) URL (scheme case-insensitive, no whitespace, a valid host): if its query (or a
//    query inside its fragment, as single-page portals use: "#/tra-cuu?maHoSo=...") has a
//    dossier parameter (maHoSo, ma_ho_so, mahs, soHoSo, so_ho_so, code, ...: compared without
//    case, '_' and '-'), the percent-decoded value is the dossier code -> dossier_code; if that
//    value is not a valid dossier code -> unknown "dossier_code_invalid". Otherwise -> url.
//    An http(s) URL with a broken host -> unknown "url_malformed"; any other scheme
//    ("ftp:", "mailto:", "WIFI:", "BEGIN:VCARD") -> unknown "url_unsupported_scheme".
// 3. Dossier code: 6..64 characters of [A-Za-z0-9._/-] with at least one digit.
// 4. Anything else -> unknown "unrecognised_text".
//
// Nothing here logs, opens a URL or keeps a copy of the input.

#include "scan/payload.hpp"

#include <kiosk/hal/error.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <string_view>

namespace kiosk::scan {

/// Longest raw input accepted, in bytes (a QR code holds at most 2953 bytes; ours are far shorter).
inline constexpr std::size_t MAX_PAYLOAD_BYTES = 2048;

/// Reason codes of PayloadError::reason and Unknown::reason_code (static strings).
namespace reason {
    inline constexpr char const* EMPTY = "empty"; ///< error: nothing but whitespace
    inline constexpr char const* TOO_LONG = "too_long"; ///< error: over MAX_PAYLOAD_BYTES
    inline constexpr char const* INVALID_UTF8 = "invalid_utf8"; ///< error: not UTF-8
    inline constexpr char const* CONTROL_CHARACTER = "control_character"; ///< error: control byte in the text
    inline constexpr char const* UNRECOGNISED_TEXT = "unrecognised_text"; ///< unknown: none of our kinds
    inline constexpr char const* ID_QR_MALFORMED = "id_qr_malformed"; ///< unknown: ID QR without a 12-digit ID
    inline constexpr char const* DOSSIER_CODE_INVALID = "dossier_code_invalid"; ///< unknown: dossier URL, bad code
    inline constexpr char const* URL_MALFORMED = "url_malformed"; ///< unknown: http(s) URL with a bad host
    inline constexpr char const* URL_UNSUPPORTED_SCHEME = "url_unsupported_scheme"; ///< unknown: not http(s)
} // namespace reason

/// Why raw text could not be taken as text at all (see the decisions above).
struct PayloadError {
    /// Errc::invalid_argument for empty input; Errc::malformed for the rest.
    Errc code = Errc::malformed;
    /// One of the reason:: codes; static, never empty.
    char const* reason = reason::INVALID_UTF8;
    /// Byte offset of the offending byte in the raw input (0 when it concerns the whole input).
    std::size_t offset = 0;
};

/// Parses raw scanned text into a typed payload. Pure, non-blocking, never throws, never logs.
/// @return the payload (PayloadKind::unknown with a reason for valid text that is none of ours),
///         or a PayloadError for input that is not acceptable text.
Expected<Payload, PayloadError> parse_payload(std::string_view raw);

/// Citizen-facing message key for a reason code, for the UI to translate:
/// "scan.try_again" (empty), "scan.unreadable" (too long, invalid UTF-8, control characters),
/// "scan.id_qr_unreadable", "scan.dossier_code_invalid", and "scan.unknown_code" for the rest
/// (including reason codes this function does not know).
std::string_view citizen_message_key(std::string_view reason_code) noexcept;

/// Citizen-facing message key for @p error (see citizen_message_key(std::string_view)).
std::string_view citizen_message_key(PayloadError const& error) noexcept;

} // namespace kiosk::scan
