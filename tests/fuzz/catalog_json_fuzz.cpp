// SPDX-License-Identifier: MIT
// Fuzz target: catalog files arrive from the network (signed, but the parser runs on what
// the signature covers, and technicians import plain files). Any bytes must be refused
// cleanly or accepted; an accepted catalog must write and read back to the same text.
#include <catalog/catalog_json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view text(reinterpret_cast<char const*>(data), size);
    auto parsed = kiosk::catalog::parse_catalog_json(text);
    if (!parsed) {
        if (parsed.error().message().empty())
            __builtin_trap(); // every refusal says why
        return 0;
    }
    auto const written = kiosk::catalog::write_catalog_json(*parsed);
    auto again = kiosk::catalog::parse_catalog_json(written);
    if (!again)
        __builtin_trap(); // what we write, we read
    if (kiosk::catalog::write_catalog_json(*again) != written)
        __builtin_trap(); // and it is stable
    return 0;
}
