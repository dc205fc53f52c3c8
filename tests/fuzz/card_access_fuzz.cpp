// SPDX-License-Identifier: MIT
// Fuzz target: EF.CardAccess parsing (read before any authentication, so fully hostile).
// Any bytes give a list of PACEInfos or an error; a supported entry always names a cipher,
// curve and version we implement; encoding what was parsed parses back the same.
#include "id/card_access.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace kiosk::id;
    auto parsed = parse_card_access(kiosk::ByteView(data, size));
    if (!parsed) {
        if (parsed.error().context() == nullptr)
            __builtin_trap();
        return 0;
    }
    for (auto const& info : parsed->pace) {
        if (info.supported && (info.version != 2 || (info.parameter_id != 12 && info.parameter_id != 13)))
            __builtin_trap();
    }
    auto const best = parsed->best();
    if (best && !best->supported)
        __builtin_trap();
    auto const again = parse_card_access(encode_card_access(parsed->pace));
    if (!again || again->pace.size() != parsed->pace.size())
        __builtin_trap();
    return 0;
}
