// SPDX-License-Identifier: MIT
#include "runtime/board_config.hpp"

namespace kiosk::runtime {

RoleConfig const* BoardConfig::role(hal::Role which) const
{
    for (auto const& entry : roles) {
        if (entry.role == which)
            return &entry;
    }
    return nullptr;
}

} // namespace kiosk::runtime
