// SPDX-License-Identifier: MIT
#include "ui/core/theme.hpp"

namespace kiosk::ui {

namespace {

constexpr Theme NORMAL {
    .background = { 0xF5, 0xF7, 0xFA },
    .text = { 0x0A, 0x1A, 0x33 },
    .text_muted = { 0x2E, 0x3D, 0x52 },
    .bar = { 0x00, 0x33, 0x73 },
    .on_bar = { 0xFF, 0xFF, 0xFF },
    .primary = { 0x00, 0x3D, 0x8A },
    .on_primary = { 0xFF, 0xFF, 0xFF },
    .secondary = { 0xDC, 0xE5, 0xF2 },
    .on_secondary = { 0x0A, 0x1A, 0x33 },
    .danger = { 0x8A, 0x0B, 0x0B },
    .on_danger = { 0xFF, 0xFF, 0xFF },
    .border = { 0x5A, 0x6B, 0x85 },
    .field = { 0xFF, 0xFF, 0xFF },
    .on_field = { 0x0A, 0x1A, 0x33 },
    .pressed = { 0x00, 0x22, 0x55 },
    .on_pressed = { 0xFF, 0xFF, 0xFF },
};

constexpr Theme HIGH {
    .background = { 0x00, 0x00, 0x00 },
    .text = { 0xFF, 0xFF, 0xFF },
    .text_muted = { 0xFF, 0xFF, 0x66 },
    .bar = { 0x00, 0x00, 0x00 },
    .on_bar = { 0xFF, 0xFF, 0x00 },
    .primary = { 0xFF, 0xE6, 0x00 },
    .on_primary = { 0x00, 0x00, 0x00 },
    .secondary = { 0x00, 0x00, 0x00 },
    .on_secondary = { 0xFF, 0xFF, 0xFF },
    .danger = { 0xFF, 0xFF, 0xFF },
    .on_danger = { 0x00, 0x00, 0x00 },
    .border = { 0xFF, 0xFF, 0xFF },
    .field = { 0x00, 0x00, 0x00 },
    .on_field = { 0xFF, 0xFF, 0xFF },
    .pressed = { 0xFF, 0xFF, 0xFF },
    .on_pressed = { 0x00, 0x00, 0x00 },
};

} // namespace

Theme const& Theme::get(ContrastMode mode) noexcept
{
    return mode == ContrastMode::high ? HIGH : NORMAL;
}

std::array<Theme::Pair, 8> Theme::text_pairs() const noexcept
{
    return { {
        { "text", text, background },
        { "text_muted", text_muted, background },
        { "on_bar", on_bar, bar },
        { "on_primary", on_primary, primary },
        { "on_secondary", on_secondary, secondary },
        { "on_danger", on_danger, danger },
        { "on_field", on_field, field },
        { "on_pressed", on_pressed, pressed },
    } };
}

} // namespace kiosk::ui
