// SPDX-License-Identifier: MIT
// Fuzz target: the Vietnamese DG13. Any bytes give fields that are valid UTF-8 and survive a
// rebuild, or an error with a reason; never a crash or an out-of-bounds read.
#include "id/dg13.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace kiosk::id;
    auto result = parse_dg13({ data, size });
    if (!result) {
        if (result.error().context() == nullptr)
            __builtin_trap();
        return 0;
    }
    for (auto const* field : { &result->id_number, &result->full_name, &result->place_of_residence, &result->father_name,
             &result->mother_name, &result->old_id_number })
        if (!is_utf8(*field))
            __builtin_trap();
    // Rebuilding what was read gives a DG13 that reads back the same names.
    auto const rebuilt = build_dg13(*result);
    auto again = parse_dg13({ rebuilt.data(), rebuilt.size() });
    if (!again || again->full_name != result->full_name || again->id_number != result->id_number)
        __builtin_trap();
    result->wipe();
    if (!result->full_name.empty())
        __builtin_trap();
    return 0;
}
