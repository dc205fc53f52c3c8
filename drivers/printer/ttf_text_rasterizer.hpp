// SPDX-License-Identifier: MIT
#pragma once

#include "printer/text_rasterizer.hpp"

#include <kiosk/hal/result.hpp>

#include <array>
#include <filesystem>
#include <memory>
#include <mutex>

namespace kiosk::drivers {

/// Text for the thermal head drawn by FreeType (SDL2_ttf, with HarfBuzz shaping, so
/// Vietnamese stacked marks sit right) in Noto Sans Regular and Bold. Scale 1 is a 24-dot
/// font (3 mm at 8 dots/mm), scale n is n times that. The one file that includes SDL_ttf.
class TtfTextRasterizer final : public TextRasterizer {
public:
    /// Where the fonts are: `$KIOSK_FONT_DIR` if set, else Debian's fonts-noto-core folder.
    static std::filesystem::path default_font_dir();

    /// Opens NotoSans-Regular.ttf and NotoSans-Bold.ttf from @p font_dir.
    /// @return Errc::not_found naming the missing font (install fonts-noto-core),
    ///         Errc::internal if FreeType cannot start.
    static Result<std::unique_ptr<TtfTextRasterizer>> open(std::filesystem::path const& font_dir = default_font_dir());

    ~TtfTextRasterizer() override;
    TtfTextRasterizer(TtfTextRasterizer const&) = delete;
    TtfTextRasterizer& operator=(TtfTextRasterizer const&) = delete;
    TtfTextRasterizer(TtfTextRasterizer&&) = delete;
    TtfTextRasterizer& operator=(TtfTextRasterizer&&) = delete;

    [[nodiscard]] int line_height(TextStyle style) const override;
    [[nodiscard]] Result<int> measure(std::string_view utf8, TextStyle style) const override;
    Result<void> draw(std::string_view utf8, TextStyle style, hal::RasterImage& target, int x, int y) const override;

    /// Dots of the scale-1 font size.
    static constexpr int BASE_SIZE_DOTS = 24;
    static constexpr int MAX_SCALE = 4;

private:
    struct Fonts;
    explicit TtfTextRasterizer(std::unique_ptr<Fonts> fonts);
    /// The font for @p style (opened on first use). Null if it cannot be opened.
    void* font(TextStyle style) const;

    std::unique_ptr<Fonts> m_fonts;
};

} // namespace kiosk::drivers
