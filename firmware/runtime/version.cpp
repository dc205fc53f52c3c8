// SPDX-License-Identifier: MIT
#include "runtime/version.hpp"

namespace kiosk::runtime {

std::string_view firmware_version() noexcept { return KIOSK_VERSION; }

} // namespace kiosk::runtime
