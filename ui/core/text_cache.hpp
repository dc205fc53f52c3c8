// SPDX-License-Identifier: MIT
#pragma once

#include "ui/core/color.hpp"
#include "ui/core/sdl_handles.hpp"

#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>

namespace kiosk::ui {

/// Regular or bold.
enum class FontWeight {
    regular,
    bold,
};

/// How a run of text is drawn.
struct TextStyle {
    int size_px = 40;
    FontWeight weight = FontWeight::regular;
    Color color;
    friend bool operator==(TextStyle const&, TextStyle const&) = default;
};

/// Noto Sans opened at each size asked for (HarfBuzz shaping through SDL_ttf, so
/// Vietnamese stacked marks place correctly). UI thread only.
class Fonts {
public:
    /// Noto Sans Regular and Bold from fonts-noto-core.
    static std::filesystem::path default_regular();
    static std::filesystem::path default_bold();

    /// Checks both files open. @return Errc::not_found naming neither file (paths are logged).
    static Result<std::unique_ptr<Fonts>> open(std::filesystem::path regular, std::filesystem::path bold);

    /// The font at @p size_px, opened on first use (null only if the file vanished).
    [[nodiscard]] TTF_Font* font(int size_px, FontWeight weight);
    /// Width of @p text in pixels at @p size_px.
    [[nodiscard]] int measure(std::string_view text, int size_px, FontWeight weight);
    /// Line height (ascent + descent + gap) at @p size_px.
    [[nodiscard]] int line_height(int size_px, FontWeight weight);

private:
    Fonts(std::filesystem::path regular, std::filesystem::path bold)
        : m_regular(std::move(regular))
        , m_bold(std::move(bold))
    {
    }
    std::filesystem::path m_regular;
    std::filesystem::path m_bold;
    std::map<std::pair<int, FontWeight>, FontPtr> m_fonts;
    std::string m_scratch;
};

/// Rendered text as textures, keyed by text and style: a frame that draws the same text as
/// the last one renders nothing (renders() does not move). When the cache is over its budget
/// (entries or texture bytes), the entries used longest ago are evicted; what the last frame
/// drew always stays. clear() drops everything (session wipe: text
/// may be personal data). UI thread only.
class TextCache {
public:
    struct Entry {
        TexturePtr texture;
        int width = 0;
        int height = 0;
        std::uint64_t last_frame = 0;
        /// Pixel memory of the texture (4 bytes a pixel).
        std::size_t bytes = 0;
    };

    /// Entries kept before eviction starts.
    static constexpr std::size_t BUDGET = 512;
    /// Texture bytes kept before eviction starts: a full 1080x1920 screen of text is 8 MiB.
    static constexpr std::size_t BUDGET_BYTES = std::size_t { 12 } << 20U;

    TextCache(SDL_Renderer* renderer, Fonts& fonts) noexcept
        : m_renderer(renderer)
        , m_fonts(fonts)
    {
    }

    /// The texture for @p text in @p style, rendered on a miss. Null for empty text or when
    /// SDL_ttf fails (logged, nothing drawn).
    Entry const* get(std::string_view text, TextStyle const& style);

    /// Marks the start of a frame (eviction works in frames).
    void begin_frame() noexcept { ++m_frame; }
    /// Evicts the entries used longest ago (not those of this frame) while over a budget.
    void end_frame();
    /// Drops every texture.
    void clear() noexcept
    {
        m_entries.clear();
        m_bytes = 0;
    }

    /// How many times text was rendered by SDL_ttf since creation.
    [[nodiscard]] std::uint64_t renders() const noexcept { return m_renders; }
    [[nodiscard]] std::size_t size() const noexcept { return m_entries.size(); }
    /// Pixel memory of the cached textures.
    [[nodiscard]] std::size_t bytes() const noexcept { return m_bytes; }
    /// Whether any cached texture shows text containing @p needle (tests: a wipe leaves none).
    [[nodiscard]] bool holds_text_containing(std::string_view needle) const;
    [[nodiscard]] Fonts& fonts() noexcept { return m_fonts; }

private:
    using Key = std::tuple<std::string, int, FontWeight, std::uint32_t>;
    using Probe = std::tuple<std::string_view, int, FontWeight, std::uint32_t>;
    /// Orders keys and probes alike (a probe views the text: a lookup allocates nothing).
    struct KeyLess {
        using is_transparent = void;
        static Probe view(Key const& key) noexcept
        {
            return { std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key) };
        }
        static Probe const& view(Probe const& probe) noexcept { return probe; }
        template <class A, class B> bool operator()(A const& a, B const& b) const noexcept { return view(a) < view(b); }
    };
    SDL_Renderer* m_renderer;
    Fonts& m_fonts;
    std::map<Key, Entry, KeyLess> m_entries;
    std::uint64_t m_frame = 0;
    std::uint64_t m_renders = 0;
    std::size_t m_bytes = 0;
};

} // namespace kiosk::ui
