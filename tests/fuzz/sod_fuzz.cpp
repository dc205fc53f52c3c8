// SPDX-License-Identifier: MIT
// Fuzz target: EF.SOD and passive authentication. Any bytes give a parsed SOD with DG
// numbers in 1..16, or an error; passive authentication of them never passes (the fuzzer
// cannot forge a signature under the test CSCA) and never crashes.
#include "id/emul/test_pki.hpp"
#include "id/passive_auth.hpp"
#include "id/sod.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace kiosk::id;
    static TrustStore const store = [] {
        TrustStore trust;
        auto pki = TestPki::create();
        if (!pki || !trust.add_pem(pki->csca_pem()))
            __builtin_trap();
        return trust;
    }();
    kiosk::ByteView const input(data, size);
    auto sod = parse_sod(input);
    if (sod) {
        for (auto const& entry : sod->dg_hashes) {
            if (entry.number < 1 || entry.number > 16)
                __builtin_trap();
        }
    }
    (void)parse_lds_security_object(input);
    std::array<std::uint8_t, 4> const dg1 { 0x61, 0x02, 0x5F, 0x1F };
    std::array const dgs { DataGroupFile { 1, dg1 } };
    auto const report = passive_authenticate(input, dgs, store);
    if (report.verified())
        __builtin_trap();
    return 0;
}
