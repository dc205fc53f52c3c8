// SPDX-License-Identifier: MIT
// Fuzz target: the log redactor runs on every log line; any bytes must come back redacted,
// idempotently, and with no 9-digit run left.
#include <log/redact.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view text(reinterpret_cast<char const*>(data), size);
    std::string once = kiosk::log::redact_personal_patterns(text);
    if (kiosk::log::redact_personal_patterns(once) != once)
        __builtin_trap();
    std::size_t digits = 0;
    for (char c : once) {
        digits = (c >= '0' && c <= '9') ? digits + 1 : 0;
        if (digits >= 9)
            __builtin_trap();
    }
    return 0;
}
