// SPDX-License-Identifier: MIT
#pragma once

namespace kiosk::ui {

/// A point in logical screen pixels (the UI's upright coordinates, after rotation).
struct Point {
    int x = 0;
    int y = 0;
    friend bool operator==(Point const&, Point const&) = default;
};

/// An axis-aligned rectangle in logical screen pixels.
struct Rect {
    int x = 0;
    int y = 0;
    int w = 0;
    int h = 0;

    [[nodiscard]] constexpr bool contains(Point p) const noexcept
    {
        return p.x >= x && p.y >= y && p.x < x + w && p.y < y + h;
    }
    [[nodiscard]] constexpr Point center() const noexcept { return { x + w / 2, y + h / 2 }; }
    [[nodiscard]] constexpr int right() const noexcept { return x + w; }
    [[nodiscard]] constexpr int bottom() const noexcept { return y + h; }
    /// The rectangle shrunk by @p amount on every side (never below zero size).
    [[nodiscard]] constexpr Rect inset(int amount) const noexcept
    {
        int const nw = w - 2 * amount;
        int const nh = h - 2 * amount;
        return { x + amount, y + amount, nw > 0 ? nw : 0, nh > 0 ? nh : 0 };
    }
    /// True when the two rectangles share at least one pixel.
    [[nodiscard]] constexpr bool intersects(Rect const& o) const noexcept
    {
        return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
    }
    friend bool operator==(Rect const&, Rect const&) = default;
};

/// The pixels @p a and @p b share (an empty rectangle at 0,0 when none).
[[nodiscard]] constexpr Rect intersection(Rect const& a, Rect const& b) noexcept
{
    int const x = a.x > b.x ? a.x : b.x;
    int const y = a.y > b.y ? a.y : b.y;
    int const right = a.right() < b.right() ? a.right() : b.right();
    int const bottom = a.bottom() < b.bottom() ? a.bottom() : b.bottom();
    if (right <= x || bottom <= y)
        return {};
    return { x, y, right - x, bottom - y };
}

} // namespace kiosk::ui
