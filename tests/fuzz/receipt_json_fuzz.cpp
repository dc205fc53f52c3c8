// SPDX-License-Identifier: MIT
// Fuzz target: receipt documents in JSON. Any bytes give a document or a DocumentError that
// says where; an accepted document survives its own JSON form unchanged and stays within
// the limits the printer relies on.
#include <receipt/document_json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view const raw(reinterpret_cast<char const*>(data), size);
    auto document = kiosk::receipt::parse_document_json(raw);
    if (!document.has_value()) {
        if (document.error().message.empty() || document.error().code != kiosk::Errc::invalid_argument)
            __builtin_trap();
        return 0;
    }
    for (auto const& item : document->items) {
        if (auto const* text = std::get_if<kiosk::hal::TextBlock>(&item); text && (text->scale < 1 || text->scale > 4))
            __builtin_trap();
        if (auto const* qr = std::get_if<kiosk::hal::QrBlock>(&item);
            qr && (qr->payload.empty() || qr->payload.size() > kiosk::hal::MAX_QR_PAYLOAD_BYTES))
            __builtin_trap();
        if (auto const* feed = std::get_if<kiosk::hal::Feed>(&item); feed && (feed->lines < 0 || feed->lines > 20))
            __builtin_trap();
    }
    std::string const json = kiosk::receipt::document_to_json(*document);
    auto again = kiosk::receipt::parse_document_json(json);
    if (!again.has_value() || kiosk::receipt::document_to_json(*again) != json)
        __builtin_trap();
    return 0;
}
