// SPDX-License-Identifier: MIT
// Fuzz target: board files. Any bytes must give a config or a BoardError, never a crash.
#include "runtime/board_file.hpp"
#include "runtime/board_loader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view text(reinterpret_cast<char const*>(data), size);
    auto config = kiosk::runtime::parse_board_text(text, "/fuzz/board.toml");
    if (config.has_value()) {
        (void)kiosk::runtime::validate_drivers(*config);
    } else if (config.error().message().empty()) {
        __builtin_trap(); // every error must say something
    }
    return 0;
}
