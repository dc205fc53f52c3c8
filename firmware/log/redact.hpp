// SPDX-License-Identifier: MIT
#pragma once

// Defence in depth for logs: masks text that looks like personal data from an ID card
// even when the code that logged it forgot to mark it with kiosk::log::personal().

#include <string>
#include <string_view>

namespace kiosk::log {

/// What replaces each masked span.
inline constexpr std::string_view REDACTED_PLACEHOLDER = "[redacted]";

/// Returns @p text with every span that looks like personal data from a Vietnamese ID card
/// replaced by REDACTED_PLACEHOLDER:
/// - a run of 9 or more ASCII digits (12-digit ID numbers, 9-digit document and old ID
///   numbers, phone numbers);
/// - an ICAO MRZ-looking run: 20 or more characters of [A-Z0-9<] containing "<<";
/// - an ID card QR payload: a run of 9 or more digits directly followed by '|'
///   ("079012345678|123456789|NAME|DDMMYYYY|..."), masked from the digits to the end of
///   the line, since the fields after the number (name, birth date, address) have no shape
///   that could be recognised on their own.
/// Shorter digit runs survive: byte counts, times, IP addresses, dossier codes such as
/// "000.00.15.H56-250701-0001". The cost of the rule: any other figure of 9 or more digits
/// (epoch times, large byte counts) is masked too.
///
/// Total: works byte by byte on arbitrary input, including invalid UTF-8 and NUL bytes
/// (the ASCII bytes it looks for never occur inside a UTF-8 multi-byte sequence, so valid
/// UTF-8 stays valid). Idempotent. Linear time; allocates the result only. Thread-safe.
std::string redact_personal_patterns(std::string_view text);

} // namespace kiosk::log
