// SPDX-License-Identifier: MIT
// Fuzz target: DG1 and MRZ text. Any bytes give a parsed MRZ whose check digits hold and
// whose dates are ISO, or an error with a reason; never a crash.
#include "id/dg1.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

bool iso_date(std::string const& text)
{
    return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

void check(kiosk::Result<kiosk::id::Mrz> const& result)
{
    if (!result) {
        if (result.error().context() == nullptr || result.error().context()[0] == '\0')
            __builtin_trap();
        return;
    }
    if (!iso_date(result->birth_date) || !iso_date(result->expiry_date))
        __builtin_trap();
    if (result->document_number.empty() && result->format == kiosk::id::MrzFormat::td3)
        return;
    // What parsed must parse again from its own text.
    if (!kiosk::id::parse_mrz(result->text))
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    check(kiosk::id::parse_dg1({ data, size }));
    check(kiosk::id::parse_mrz({ reinterpret_cast<char const*>(data), size }));
    (void)kiosk::id::to_mrz_characters({ reinterpret_cast<char const*>(data), size });
    return 0;
}
