// SPDX-License-Identifier: MIT
// Fuzz target: scanned-code payloads. Any bytes must give a payload of the kind it says, or a
// PayloadError with a reason, never a crash; a citizen ID QR always has a 6-digit CAN.
#include "scan/payload_parser.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

bool is_digits(std::string const& text, std::size_t count)
{
    return text.size() == count && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace kiosk::scan;
    std::string_view raw(reinterpret_cast<char const*>(data), size);
    auto result = parse_payload(raw);
    if (!result.has_value()) {
        if (result.error().reason == nullptr || result.error().reason[0] == '\0')
            __builtin_trap(); // every error must say why
        if (citizen_message_key(result.error()).empty())
            __builtin_trap();
        return 0;
    }
    auto& payload = *result;
    switch (payload.kind) {
    case PayloadKind::dossier_code: {
        auto const* dossier = payload.as<DossierCode>();
        if (dossier == nullptr || dossier->code.size() < 6 || dossier->code.size() > 64)
            __builtin_trap();
        break;
    }
    case PayloadKind::citizen_id_qr: {
        auto* qr = payload.as<CitizenIdQr>();
        if (qr == nullptr || !is_digits(qr->id_number, 12) || !is_digits(qr->can(), 6)
            || !is_digits(qr->document_number(), 9))
            __builtin_trap();
        if ((qr->birth_date && !qr->birth_date->valid()) || (qr->issue_date && !qr->issue_date->valid()))
            __builtin_trap();
        qr->wipe();
        if (!qr->id_number.empty() || !qr->full_name.empty() || !qr->address.empty())
            __builtin_trap();
        break;
    }
    case PayloadKind::url: {
        auto const* url = payload.as<Url>();
        if (url == nullptr || url->host.empty() || url->text.empty())
            __builtin_trap();
        break;
    }
    case PayloadKind::unknown: {
        auto const* unknown = payload.as<Unknown>();
        if (unknown == nullptr || unknown->reason_code.empty())
            __builtin_trap();
        break;
    }
    }
    return 0;
}
