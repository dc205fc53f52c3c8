// SPDX-License-Identifier: MIT
// Snake-case names of the HAL's vocabulary enums, as JSON and board files spell them.
#include <kiosk/hal/boot_control.hpp>
#include <kiosk/hal/code_scanner.hpp>
#include <kiosk/hal/printer_status.hpp>
#include <kiosk/hal/role.hpp>

namespace kiosk::hal {

std::string_view role_name(Role role) noexcept
{
    switch (role) {
    case Role::card_reader:
        return "card_reader";
    case Role::code_scanner:
        return "code_scanner";
    case Role::camera:
        return "camera";
    case Role::printer:
        return "printer";
    case Role::boot_control:
        return "boot_control";
    case Role::speaker:
        return "speaker";
    }
    return "unknown";
}

std::optional<Role> role_from_name(std::string_view name) noexcept
{
    for (Role role : ALL_ROLES) {
        if (role_name(role) == name)
            return role;
    }
    return std::nullopt;
}

std::string_view code_format_name(CodeFormat format) noexcept
{
    switch (format) {
    case CodeFormat::qr_code:
        return "qr_code";
    case CodeFormat::code_128:
        return "code_128";
    case CodeFormat::pdf417:
        return "pdf417";
    case CodeFormat::data_matrix:
        return "data_matrix";
    case CodeFormat::other:
        return "other";
    }
    return "other";
}

std::string_view paper_level_name(PaperLevel level) noexcept
{
    switch (level) {
    case PaperLevel::ok:
        return "ok";
    case PaperLevel::near_end:
        return "near_end";
    case PaperLevel::end:
        return "end";
    }
    return "end";
}

std::string_view slot_name(Slot slot) noexcept { return slot == Slot::a ? "a" : "b"; }

std::string_view slot_state_name(SlotState state) noexcept
{
    switch (state) {
    case SlotState::empty:
        return "empty";
    case SlotState::good:
        return "good";
    case SlotState::trial:
        return "trial";
    case SlotState::bad:
        return "bad";
    }
    return "bad";
}

} // namespace kiosk::hal
