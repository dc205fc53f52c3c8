// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/error.hpp>
#include <kiosk/hal/receipt_document.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk::receipt {

/// Why a JSON document was refused: Errc::invalid_argument and where ("items[3].scale: ...").
struct DocumentError {
    Errc code = Errc::invalid_argument;
    std::string message;
};

/// The largest JSON document accepted, in bytes.
inline constexpr std::size_t MAX_DOCUMENT_JSON_BYTES = std::size_t { 1024 } * 1024;

/// Parses the JSON form of a receipt (drivers/printer/README.md#json):
/// `{"width_mm": 80, "items": [{"text": "...", "align": "center", "scale": 2, "bold": true},
/// {"separator": true}, {"qr": "payload"}, {"feed": 2}, {"image": {"width": 8, "rows":
/// ["#.#.", ...]}}], "cut": true, "personal": false}`. Unknown keys are refused so typos show.
/// Never throws.
Expected<hal::ReceiptDocument, DocumentError> parse_document_json(std::string_view text);

/// The JSON form of @p document (round-trips through parse_document_json()).
std::string document_to_json(hal::ReceiptDocument const& document);

} // namespace kiosk::receipt
