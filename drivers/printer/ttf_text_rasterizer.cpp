// SPDX-License-Identifier: MIT
// The one file that includes SDL_ttf. SDL_ttf and FreeType keep global state, so every call
// into them holds one lock.
#include "printer/ttf_text_rasterizer.hpp"

#include <SDL_ttf.h>

#include <kiosk/hal/utf8.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace kiosk::drivers {

namespace {

    std::mutex& ttf_mutex()
    {
        static std::mutex mutex;
        return mutex;
    }

    int clamp_scale(int scale) { return std::clamp(scale, 1, TtfTextRasterizer::MAX_SCALE); }

    /// Whether @p text is well-formed UTF-8 without NUL (SDL_ttf takes C strings).
    bool valid_utf8(std::string_view text) { return text.find('\0') == std::string_view::npos && utf8::valid(text); }

} // namespace

struct TtfTextRasterizer::Fonts {
    /// [bold][scale - 1]
    std::array<std::array<TTF_Font*, MAX_SCALE>, 2> fonts {};

    Fonts() = default;
    Fonts(Fonts const&) = delete;
    Fonts& operator=(Fonts const&) = delete;
    Fonts(Fonts&&) = delete;
    Fonts& operator=(Fonts&&) = delete;

    /// Called with ttf_mutex() held.
    ~Fonts()
    {
        for (auto& row : fonts)
            for (TTF_Font* font : row)
                if (font != nullptr)
                    TTF_CloseFont(font);
        TTF_Quit();
    }
};

std::filesystem::path TtfTextRasterizer::default_font_dir()
{
    // NOLINTNEXTLINE(concurrency-mt-unsafe): read while opening the printer, nobody sets it then
    if (char const* dir = std::getenv("KIOSK_FONT_DIR"); dir != nullptr && *dir != '\0')
        return dir;
    return "/usr/share/fonts/truetype/noto";
}

Result<std::unique_ptr<TtfTextRasterizer>> TtfTextRasterizer::open(std::filesystem::path const& font_dir)
{
    std::filesystem::path const regular = font_dir / "NotoSans-Regular.ttf";
    std::filesystem::path const bold = font_dir / "NotoSans-Bold.ttf";
    std::error_code error;
    if (!std::filesystem::is_regular_file(regular, error))
        return fail(Errc::not_found, "font NotoSans-Regular.ttf not found (install fonts-noto-core)");
    if (!std::filesystem::is_regular_file(bold, error))
        return fail(Errc::not_found, "font NotoSans-Bold.ttf not found (install fonts-noto-core)");

    std::lock_guard lock(ttf_mutex());
    if (TTF_Init() != 0)
        return fail(Errc::internal, "starting FreeType (TTF_Init)");
    // From here the Fonts destructor balances TTF_Init with TTF_Quit; declared after the
    // lock, it is destroyed while the lock is held.
    auto fonts = std::make_unique<Fonts>();
    for (int weight = 0; weight < 2; ++weight) {
        for (int scale = 1; scale <= MAX_SCALE; ++scale) {
            TTF_Font* font = TTF_OpenFont((weight == 0 ? regular : bold).c_str(), BASE_SIZE_DOTS * scale);
            if (font == nullptr)
                return fail(Errc::malformed, "opening a Noto Sans font file");
            TTF_SetFontHinting(font, TTF_HINTING_MONO);
            fonts->fonts[static_cast<std::size_t>(weight)][static_cast<std::size_t>(scale - 1)] = font;
        }
    }
    return std::unique_ptr<TtfTextRasterizer>(new TtfTextRasterizer(std::move(fonts)));
}

TtfTextRasterizer::TtfTextRasterizer(std::unique_ptr<Fonts> fonts)
    : m_fonts(std::move(fonts))
{
}

TtfTextRasterizer::~TtfTextRasterizer()
{
    std::lock_guard lock(ttf_mutex());
    m_fonts.reset();
}

void* TtfTextRasterizer::font(TextStyle style) const
{
    return m_fonts->fonts[style.bold ? 1 : 0][static_cast<std::size_t>(clamp_scale(style.scale) - 1)];
}

int TtfTextRasterizer::line_height(TextStyle style) const
{
    std::lock_guard lock(ttf_mutex());
    return TTF_FontLineSkip(static_cast<TTF_Font*>(font(style)));
}

Result<int> TtfTextRasterizer::measure(std::string_view utf8, TextStyle style) const
{
    if (!valid_utf8(utf8))
        return fail(Errc::invalid_argument, "text is not valid UTF-8");
    if (utf8.empty())
        return 0;
    std::string const text(utf8);
    std::lock_guard lock(ttf_mutex());
    int width = 0;
    int height = 0;
    if (TTF_SizeUTF8(static_cast<TTF_Font*>(font(style)), text.c_str(), &width, &height) != 0)
        return fail(Errc::internal, "measuring text (TTF_SizeUTF8)");
    return width;
}

Result<void> TtfTextRasterizer::draw(
    std::string_view utf8, TextStyle style, hal::RasterImage& target, int x, int y) const
{
    if (!valid_utf8(utf8))
        return fail(Errc::invalid_argument, "text is not valid UTF-8");
    if (utf8.empty())
        return {};
    std::string const text(utf8);
    std::lock_guard lock(ttf_mutex());
    // Shaded rendering gives an 8-bit surface whose palette index grows from the background
    // (0) to the foreground (255): a threshold turns the anti-aliased glyphs into dots.
    SDL_Surface* surface = TTF_RenderUTF8_Shaded(static_cast<TTF_Font*>(font(style)), text.c_str(),
        SDL_Color { 0, 0, 0, 255 }, SDL_Color { 255, 255, 255, 255 });
    if (surface == nullptr)
        return fail(Errc::internal, "drawing text (TTF_RenderUTF8_Shaded)");
    if (SDL_LockSurface(surface) == 0) {
        auto const* pixels = static_cast<std::uint8_t const*>(surface->pixels);
        for (int row = 0; row < surface->h; ++row)
            for (int column = 0; column < surface->w; ++column)
                if (pixels[static_cast<std::size_t>(row) * static_cast<std::size_t>(surface->pitch)
                        + static_cast<std::size_t>(column)]
                    >= 112)
                    target.set_dot(x + column, y + row);
        SDL_UnlockSurface(surface);
    }
    SDL_FreeSurface(surface);
    return {};
}

} // namespace kiosk::drivers
