// SPDX-License-Identifier: MIT
#include "ui/core/text_cache.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

namespace kiosk::ui {

std::filesystem::path Fonts::default_regular() { return "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"; }
std::filesystem::path Fonts::default_bold() { return "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"; }

Result<std::unique_ptr<Fonts>> Fonts::open(std::filesystem::path regular, std::filesystem::path bold)
{
    std::unique_ptr<Fonts> fonts(new Fonts(std::move(regular), std::move(bold)));
    for (auto weight : { FontWeight::regular, FontWeight::bold }) {
        if (fonts->font(20, weight) == nullptr) {
            spdlog::error("cannot open font {}: {}",
                (weight == FontWeight::bold ? fonts->m_bold : fonts->m_regular).string(), TTF_GetError());
            return fail(Errc::not_found, "font file cannot be opened (install fonts-noto-core)");
        }
    }
    return fonts;
}

TTF_Font* Fonts::font(int size_px, FontWeight weight)
{
    auto key = std::make_pair(size_px, weight);
    if (auto it = m_fonts.find(key); it != m_fonts.end())
        return it->second.get();
    auto const& path = weight == FontWeight::bold ? m_bold : m_regular;
    FontPtr opened(TTF_OpenFont(path.c_str(), size_px));
    if (!opened)
        return nullptr;
    // Light hinting keeps glyph shapes stable across sizes (and goldens stable).
    TTF_SetFontHinting(opened.get(), TTF_HINTING_LIGHT);
    TTF_Font* raw = opened.get();
    m_fonts.emplace(key, std::move(opened));
    return raw;
}

int Fonts::measure(std::string_view text, int size_px, FontWeight weight)
{
    TTF_Font* f = font(size_px, weight);
    if (f == nullptr || text.empty())
        return 0;
    m_scratch.assign(text);
    int w = 0;
    int h = 0;
    if (TTF_SizeUTF8(f, m_scratch.c_str(), &w, &h) != 0)
        return 0;
    return w;
}

int Fonts::line_height(int size_px, FontWeight weight)
{
    TTF_Font* f = font(size_px, weight);
    return f == nullptr ? size_px : TTF_FontLineSkip(f);
}

namespace {
std::uint32_t pack(Color c) noexcept
{
    return (std::uint32_t { c.r } << 24U) | (std::uint32_t { c.g } << 16U) | (std::uint32_t { c.b } << 8U) | c.a;
}
} // namespace

TextCache::Entry const* TextCache::get(std::string_view text, TextStyle const& style)
{
    if (text.empty())
        return nullptr;
    // Looked up by a view of the text: a hit (nearly every draw) allocates nothing.
    Probe const probe { text, style.size_px, style.weight,
        pack(style.color) };
    if (auto it = m_entries.find(probe); it != m_entries.end()) {
        it->second.last_frame = m_frame;
        return &it->second;
    }
    Key key { std::string(text), style.size_px, style.weight, pack(style.color) };
    TTF_Font* f = m_fonts.font(style.size_px, style.weight);
    if (f == nullptr)
        return nullptr;
    SDL_Color const color { style.color.r, style.color.g, style.color.b, style.color.a };
    SurfacePtr surface(TTF_RenderUTF8_Blended(f, std::get<0>(key).c_str(), color));
    ++m_renders;
    if (!surface) {
        spdlog::warn("TTF_RenderUTF8_Blended: {}", TTF_GetError());
        return nullptr;
    }
    TexturePtr texture(SDL_CreateTextureFromSurface(m_renderer, surface.get()));
    if (!texture) {
        spdlog::warn("SDL_CreateTextureFromSurface: {}", SDL_GetError());
        return nullptr;
    }
    auto const bytes = static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4U;
    Entry entry { std::move(texture), surface->w, surface->h, m_frame, bytes };
    m_bytes += bytes;
    auto [it, inserted] = m_entries.emplace(std::move(key), std::move(entry));
    return &it->second;
}

bool TextCache::holds_text_containing(std::string_view needle) const
{
    for (auto const& entry : m_entries)
        if (std::get<0>(entry.first).find(needle) != std::string::npos)
            return true;
    return false;
}

void TextCache::end_frame()
{
    if (m_entries.size() <= BUDGET && m_bytes <= BUDGET_BYTES)
        return;
    // Oldest first; this frame's entries are never candidates.
    std::vector<decltype(m_entries)::iterator> old;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
        if (it->second.last_frame < m_frame)
            old.push_back(it);
    std::sort(old.begin(), old.end(), [](auto a, auto b) { return a->second.last_frame < b->second.last_frame; });
    for (auto it : old) {
        if (m_entries.size() <= BUDGET && m_bytes <= BUDGET_BYTES)
            break;
        m_bytes -= it->second.bytes;
        m_entries.erase(it);
    }
}

} // namespace kiosk::ui
