// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace kiosk::runtime {

/// The firmware's version ("0.1.0"), from the top-level CMake project.
std::string_view firmware_version() noexcept;

} // namespace kiosk::runtime
