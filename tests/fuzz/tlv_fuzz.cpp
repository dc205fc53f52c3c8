// SPDX-License-Identifier: MIT
// Fuzz target: the BER-TLV layer. Any bytes give elements that lie inside the input, or an
// error with a reason; never a read outside the buffer, never unbounded recursion.
#include "id/tlv.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace kiosk::id;
    kiosk::ByteView const input(data, size);
    kiosk::ByteView rest = input;
    while (!rest.empty()) {
        auto tlv = read_tlv(rest);
        if (!tlv) {
            if (tlv.error().context() == nullptr)
                __builtin_trap();
            break;
        }
        if (tlv->encoded.data() < input.data() || tlv->encoded.data() + tlv->encoded.size() > input.data() + size)
            __builtin_trap();
        if (tlv->value.data() + tlv->value.size() != tlv->encoded.data() + tlv->encoded.size())
            __builtin_trap();
        // Re-encoding with DER lengths gives an element that parses back the same.
        auto again = encode_tlv(tlv->tag, tlv->value);
        auto reparsed = parse_single({ again.data(), again.size() });
        if (!reparsed || reparsed->tag != tlv->tag || reparsed->value.size() != tlv->value.size())
            __builtin_trap();
        if (tlv->tag == tag::OID)
            (void)oid_to_string(tlv->value);
        if (tlv->tag == tag::INTEGER)
            (void)to_unsigned(tlv->value);
    }
    (void)validate(input);
    return 0;
}
