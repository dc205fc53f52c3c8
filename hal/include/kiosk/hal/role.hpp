// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace kiosk::hal {

/// The device roles a board can fill; each has a table of the same name in board.toml.
enum class Role {
    card_reader,
    code_scanner,
    camera,
    printer,
    boot_control,
    speaker,
};

/// Every role, in the order boards, the bench CLI and self-tests list them.
inline constexpr std::array<Role, 6> ALL_ROLES { Role::card_reader, Role::code_scanner, Role::camera, Role::printer,
    Role::boot_control, Role::speaker };

/// Snake-case name ("card_reader"), the board.toml table name.
std::string_view role_name(Role role) noexcept;

/// The role named @p name, or std::nullopt.
std::optional<Role> role_from_name(std::string_view name) noexcept;

} // namespace kiosk::hal
