// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kiosk::hal {

/// A 1-bit image as a thermal head prints it: one bit per dot, 1 = black, rows top to
/// bottom, each row (width + 7) / 8 bytes, most significant bit leftmost.
class RasterImage {
public:
    RasterImage() = default;
    RasterImage(int width_dots, int height_dots)
        : m_width(width_dots)
        , m_height(height_dots)
        , m_bits(static_cast<std::size_t>(row_bytes()) * static_cast<std::size_t>(height_dots), 0)
    {
    }

    [[nodiscard]] int width() const noexcept { return m_width; }
    [[nodiscard]] int height() const noexcept { return m_height; }
    [[nodiscard]] int row_bytes() const noexcept { return (m_width + 7) / 8; }
    [[nodiscard]] std::vector<std::uint8_t> const& bits() const noexcept { return m_bits; }

    /// Whether dot (x, y) is black; false outside the image.
    [[nodiscard]] bool dot(int x, int y) const noexcept
    {
        if (x < 0 || y < 0 || x >= m_width || y >= m_height)
            return false;
        return (m_bits[index(x, y)] & mask(x)) != 0;
    }

    /// Sets dot (x, y); ignored outside the image.
    void set_dot(int x, int y, bool black = true) noexcept
    {
        if (x < 0 || y < 0 || x >= m_width || y >= m_height)
            return;
        if (black)
            m_bits[index(x, y)] |= mask(x);
        else
            m_bits[index(x, y)] &= static_cast<std::uint8_t>(~mask(x));
    }

private:
    [[nodiscard]] std::size_t index(int x, int y) const noexcept
    {
        return static_cast<std::size_t>(y) * static_cast<std::size_t>(row_bytes()) + static_cast<std::size_t>(x / 8);
    }
    static std::uint8_t mask(int x) noexcept { return static_cast<std::uint8_t>(0x80U >> (x % 8)); }

    int m_width = 0;
    int m_height = 0;
    std::vector<std::uint8_t> m_bits;
};

} // namespace kiosk::hal
