// SPDX-License-Identifier: MIT
#include "printer/escpos_encoder.hpp"

#include "printer/cp1258.hpp"

#include <algorithm>
#include <utility>
#include <variant>

namespace kiosk::drivers {

namespace {

    constexpr std::uint8_t ESC = 0x1B;
    constexpr std::uint8_t GS = 0x1D;
    constexpr std::uint8_t LF = 0x0A;
    constexpr int SEPARATOR_DOTS = 16;
    constexpr int MAX_SCALE = 4;
    constexpr int MAX_FEED_LINES = 20;

    /// Whether code point @p code joins the previous one (combining marks).
    bool is_combining(char32_t code)
    {
        return (code >= 0x0300 && code <= 0x036F) || (code >= 0x1AB0 && code <= 0x1AFF)
            || (code >= 0x1DC0 && code <= 0x1DFF) || (code >= 0x20D0 && code <= 0x20FF)
            || (code >= 0xFE20 && code <= 0xFE2F);
    }

    /// Byte offsets in @p text where a line may be broken inside a word: before every code
    /// point that is not a combining mark (and at the end). Broken UTF-8 yields no offsets.
    std::vector<std::size_t> cluster_boundaries(std::string_view text)
    {
        std::vector<std::size_t> boundaries;
        std::size_t i = 0;
        while (i < text.size()) {
            auto const lead = static_cast<unsigned char>(text[i]);
            std::size_t const length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
            char32_t code = lead < 0x80 ? lead : lead & (0x7FU >> length);
            for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
                code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
            if (i > 0 && !is_combining(code))
                boundaries.push_back(i);
            i += length;
        }
        boundaries.push_back(text.size());
        return boundaries;
    }

    void append(Bytes& out, std::initializer_list<std::uint8_t> bytes)
    {
        // One by one: g++ 12 -O2 warns falsely (-Wstringop-overflow) on vector::insert of a list.
        for (std::uint8_t byte : bytes)
            out.push_back(byte);
    }

    void append_feed(Bytes& out, int dots)
    {
        while (dots > 0) {
            int const step = std::min(dots, 255);
            append(out, { ESC, 'J', static_cast<std::uint8_t>(step) });
            dots -= step;
        }
    }

    void append_cut(Bytes& out, hal::Cut cut)
    {
        append_feed(out, EscPosEncoder::CUT_FEED_DOTS);
        if (cut == hal::Cut::full)
            append(out, { GS, 'V', 0 });
        else if (cut == hal::Cut::partial)
            append(out, { GS, 'V', 1 });
    }

    std::uint8_t align_byte(hal::Align align)
    {
        return align == hal::Align::left ? 0 : align == hal::Align::center ? 1 : 2;
    }

    /// Copies @p source into @p target with its top left at (x, y).
    void blit(hal::RasterImage const& source, hal::RasterImage& target, int x, int y)
    {
        for (int row = 0; row < source.height(); ++row)
            for (int column = 0; column < source.width(); ++column)
                if (source.dot(column, row))
                    target.set_dot(x + column, y + row);
    }

} // namespace

/// A stretch of the job: dots to print, printer commands, or blank paper.
struct EscPosEncoder::Piece {
    struct Feed {
        int dots;
    };
    std::variant<hal::RasterImage, Bytes, Feed> content;
};

void append_raster(Bytes& out, hal::RasterImage const& image)
{
    int const row_bytes = image.row_bytes();
    auto const& bits = image.bits();
    for (int first = 0; first < image.height(); first += EscPosEncoder::RASTER_ROWS_PER_COMMAND) {
        int const rows = std::min(EscPosEncoder::RASTER_ROWS_PER_COMMAND, image.height() - first);
        append(out,
            { GS, 'v', '0', 0, static_cast<std::uint8_t>(row_bytes & 0xFF), static_cast<std::uint8_t>(row_bytes >> 8),
                static_cast<std::uint8_t>(rows & 0xFF), static_cast<std::uint8_t>(rows >> 8) });
        auto const begin = bits.begin() + static_cast<std::ptrdiff_t>(first) * row_bytes;
        out.insert(out.end(), begin, begin + static_cast<std::ptrdiff_t>(rows) * row_bytes);
    }
}

EscPosEncoder::EscPosEncoder(hal::PrinterCapabilities capabilities, TextRasterizer const& text, QrModuleEncoder qr)
    : m_capabilities(std::move(capabilities))
    , m_text(text)
    , m_qr(std::move(qr))
{
}

Result<std::vector<std::string>> EscPosEncoder::wrap(
    std::string_view text, int width_dots, std::function<Result<int>(std::string_view)> const& measure)
{
    std::vector<std::string> lines;
    auto fits = [&](std::string_view candidate) -> Result<bool> {
        int const width = KIOSK_TRY(measure(candidate));
        return width <= width_dots;
    };
    std::size_t paragraph_start = 0;
    while (paragraph_start <= text.size()) {
        std::size_t const newline = text.find('\n', paragraph_start);
        std::string_view const paragraph
            = text.substr(paragraph_start, newline == std::string_view::npos ? std::string_view::npos : newline - paragraph_start);
        std::string line;
        std::size_t position = 0;
        while (position < paragraph.size()) {
            std::size_t const space = paragraph.find(' ', position);
            std::string_view word = paragraph.substr(position, space == std::string_view::npos ? std::string_view::npos : space - position);
            position = space == std::string_view::npos ? paragraph.size() : space + 1;
            if (word.empty())
                continue;
            std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
            if (KIOSK_TRY(fits(candidate))) {
                line = std::move(candidate);
                continue;
            }
            if (!line.empty())
                lines.push_back(std::exchange(line, {}));
            // The word alone is too wide: break it at the longest prefix that fits, at least
            // one character cluster per line so that every line makes progress.
            while (!word.empty()) {
                if (KIOSK_TRY(fits(word))) {
                    line = std::string(word);
                    break;
                }
                std::vector<std::size_t> const boundaries = cluster_boundaries(word);
                std::size_t low = 0; // index into boundaries of the longest prefix known to fit
                std::size_t high = boundaries.size() - 1; // known not to fit (the whole word)
                if (!KIOSK_TRY(fits(word.substr(0, boundaries[0])))) {
                    high = 0;
                }
                while (high > low + 1) {
                    std::size_t const middle = (low + high) / 2;
                    if (KIOSK_TRY(fits(word.substr(0, boundaries[middle]))))
                        low = middle;
                    else
                        high = middle;
                }
                std::size_t const cut = boundaries[high == 0 ? 0 : low];
                lines.emplace_back(word.substr(0, cut));
                word.remove_prefix(cut);
            }
        }
        lines.push_back(std::move(line));
        if (newline == std::string_view::npos)
            break;
        paragraph_start = newline + 1;
    }
    return lines;
}

int EscPosEncoder::align_x(hal::Align align, int width) const
{
    int const free = std::max(0, m_capabilities.dots_per_line - width);
    return align == hal::Align::left ? 0 : align == hal::Align::center ? free / 2 : free;
}

Result<void> EscPosEncoder::layout_text(hal::TextBlock const& block, Mode mode, std::vector<Piece>& out) const
{
    if (block.scale < 1 || block.scale > MAX_SCALE)
        return fail(Errc::invalid_argument, "text scale must be 1 to 4");
    TextStyle const style { block.scale, block.bold };

    if (mode == Mode::printer && m_capabilities.code_page == "wpc1258") {
        // Text mode: the printer's font A has fixed cells, so a line's width is its cell count
        // (tone marks overstrike and take none) times the cell width.
        int const cell = FONT_A_CELL_DOTS * block.scale;
        if (auto encoded = cp1258::encode(block.text); encoded) {
            auto const measure_cells = [cell](std::string_view candidate) -> Result<int> {
                std::string const bytes = KIOSK_TRY(cp1258::encode(candidate));
                return cp1258::columns(bytes) * cell;
            };
            auto lines = KIOSK_TRY(wrap(block.text, m_capabilities.dots_per_line, measure_cells));
            Bytes bytes;
            auto const size = static_cast<std::uint8_t>(((block.scale - 1) << 4) | (block.scale - 1));
            append(bytes, { ESC, 'a', align_byte(block.align), ESC, 'E', static_cast<std::uint8_t>(block.bold ? 1 : 0), GS, '!', size });
            for (auto const& line : lines) {
                std::string const line_bytes = KIOSK_TRY(cp1258::encode(line));
                bytes.insert(bytes.end(), line_bytes.begin(), line_bytes.end());
                bytes.push_back(LF);
            }
            append(bytes, { ESC, 'E', 0, GS, '!', 0, ESC, 'a', 0 });
            out.push_back(Piece { std::move(bytes) });
            return {};
        } else if (encoded.error().code() != Errc::unsupported) {
            return Unexpected(encoded.error());
        }
        // A character outside the code page: this block goes as raster.
    }

    auto lines = KIOSK_TRY(wrap(block.text, m_capabilities.dots_per_line,
        [this, style](std::string_view candidate) { return m_text.measure(candidate, style); }));
    int const line_height = m_text.line_height(style);
    hal::RasterImage band(m_capabilities.dots_per_line, line_height * static_cast<int>(lines.size()));
    int y = 0;
    for (auto const& line : lines) {
        int const width = KIOSK_TRY(m_text.measure(line, style));
        KIOSK_TRY(m_text.draw(line, style, band, align_x(block.align, width), y));
        y += line_height;
    }
    out.push_back(Piece { std::move(band) });
    return {};
}

Result<void> EscPosEncoder::layout_qr(hal::QrBlock const& block, Mode mode, std::vector<Piece>& out) const
{
    if (block.payload.empty())
        return fail(Errc::invalid_argument, "QR payload is empty");
    if (block.payload.size() > hal::MAX_QR_PAYLOAD_BYTES)
        return fail(Errc::invalid_argument, "QR payload is longer than 512 bytes");
    if (block.module_dots < 0 || block.module_dots > 16)
        return fail(Errc::invalid_argument, "QR module size must be 0 (auto) to 16 dots");
    if (!m_qr)
        return fail(Errc::internal, "no QR encoder given to the ESC/POS encoder");
    // The module count decides the size in both modes, so native and raster codes match.
    hal::RasterImage const modules = KIOSK_TRY(m_qr(block.payload));
    int const with_quiet_zone = modules.width() + 8;
    int module_dots = block.module_dots;
    if (module_dots == 0) // about 25 mm wide, 2..8 dots a module
        module_dots = std::clamp(25 * m_capabilities.dots_per_mm / with_quiet_zone, 2, 8);
    module_dots = std::min(module_dots, m_capabilities.dots_per_line / with_quiet_zone);
    if (module_dots < 1)
        return fail(Errc::invalid_argument, "QR payload makes a code wider than the print head");

    if (mode == Mode::printer && m_capabilities.native_qr) {
        Bytes bytes;
        std::size_t const stored = block.payload.size() + 3;
        append(bytes, { ESC, 'a', align_byte(block.align) });
        append(bytes, { GS, '(', 'k', 4, 0, 49, 65, 50, 0 });                                    // model 2
        append(bytes, { GS, '(', 'k', 3, 0, 49, 67, static_cast<std::uint8_t>(module_dots) }); // module size
        append(bytes, { GS, '(', 'k', 3, 0, 49, 69, 49 });                                      // level M
        append(bytes, { GS, '(', 'k', static_cast<std::uint8_t>(stored & 0xFF), static_cast<std::uint8_t>(stored >> 8), 49, 80, 48 });
        bytes.insert(bytes.end(), block.payload.begin(), block.payload.end());
        append(bytes, { GS, '(', 'k', 3, 0, 49, 81, 48 }); // print
        append(bytes, { ESC, 'a', 0 });
        out.push_back(Piece { std::move(bytes) });
        return {};
    }

    int const size = modules.width() * module_dots;
    int const quiet = 4 * module_dots;
    hal::RasterImage band(m_capabilities.dots_per_line, size + 2 * quiet);
    int const x0 = align_x(block.align, size + 2 * quiet) + quiet;
    for (int y = 0; y < modules.height(); ++y)
        for (int x = 0; x < modules.width(); ++x)
            if (modules.dot(x, y))
                for (int dy = 0; dy < module_dots; ++dy)
                    for (int dx = 0; dx < module_dots; ++dx)
                        band.set_dot(x0 + x * module_dots + dx, quiet + y * module_dots + dy);
    out.push_back(Piece { std::move(band) });
    return {};
}

Result<std::vector<EscPosEncoder::Piece>> EscPosEncoder::layout(hal::ReceiptDocument const& document, Mode mode) const
{
    if (m_capabilities.dots_per_line <= 0 || m_capabilities.dots_per_mm <= 0)
        return fail(Errc::invalid_argument, "printer capabilities: dots must be positive");
    std::vector<Piece> pieces;
    for (auto const& item : document.items) {
        if (auto const* text = std::get_if<hal::TextBlock>(&item)) {
            KIOSK_TRY(layout_text(*text, mode, pieces));
        } else if (std::holds_alternative<hal::Separator>(item)) {
            if (mode == Mode::printer && m_capabilities.code_page == "wpc1258") {
                // Text mode: a rule of dashes costs a line of bytes instead of a raster band.
                Bytes rule(static_cast<std::size_t>(m_capabilities.dots_per_line / FONT_A_CELL_DOTS), '-');
                rule.push_back(LF);
                pieces.push_back(Piece { std::move(rule) });
                continue;
            }
            hal::RasterImage band(m_capabilities.dots_per_line, SEPARATOR_DOTS);
            for (int x = 0; x < band.width(); ++x)
                for (int y = SEPARATOR_DOTS / 2 - 1; y <= SEPARATOR_DOTS / 2; ++y)
                    band.set_dot(x, y);
            pieces.push_back(Piece { std::move(band) });
        } else if (auto const* feed = std::get_if<hal::Feed>(&item)) {
            if (feed->lines < 0 || feed->lines > MAX_FEED_LINES)
                return fail(Errc::invalid_argument, "feed must be 0 to 20 lines");
            pieces.push_back(Piece { Piece::Feed { feed->lines * LINE_DOTS } });
        } else if (auto const* qr = std::get_if<hal::QrBlock>(&item)) {
            KIOSK_TRY(layout_qr(*qr, mode, pieces));
        } else if (auto const* image = std::get_if<hal::ImageBlock>(&item)) {
            if (image->image.width() > m_capabilities.dots_per_line)
                return fail(Errc::invalid_argument, "image is wider than the print head");
            hal::RasterImage band(m_capabilities.dots_per_line, image->image.height());
            blit(image->image, band, align_x(image->align, image->image.width()), 0);
            pieces.push_back(Piece { std::move(band) });
        }
    }
    return pieces;
}

Result<Bytes> EscPosEncoder::encode(hal::ReceiptDocument const& document) const
{
    auto const pieces = KIOSK_TRY(layout(document, Mode::printer));
    Bytes out;
    append(out, { ESC, '@' });
    if (m_capabilities.code_page == "wpc1258")
        append(out, { ESC, 't', ESC_T_WPC1258 });
    for (auto const& piece : pieces) {
        if (auto const* image = std::get_if<hal::RasterImage>(&piece.content))
            append_raster(out, *image);
        else if (auto const* bytes = std::get_if<Bytes>(&piece.content))
            out.insert(out.end(), bytes->begin(), bytes->end());
        else
            append_feed(out, std::get<Piece::Feed>(piece.content).dots);
    }
    append_cut(out, document.cut);
    return out;
}

Result<Bytes> EscPosEncoder::encode_page(hal::RasterImage const& page, hal::Cut cut) const
{
    if (page.width() <= 0 || page.height() <= 0)
        return fail(Errc::invalid_argument, "printing: empty page");
    if (page.width() > m_capabilities.dots_per_line)
        return fail(Errc::invalid_argument, "printing: page wider than the print head");
    Bytes out;
    append(out, { ESC, '@' });
    append_raster(out, page);
    append_cut(out, cut);
    return out;
}

Result<hal::RasterImage> EscPosEncoder::render(hal::ReceiptDocument const& document) const
{
    auto const pieces = KIOSK_TRY(layout(document, Mode::raster));
    int height = 0;
    for (auto const& piece : pieces) {
        if (auto const* image = std::get_if<hal::RasterImage>(&piece.content))
            height += image->height();
        else if (auto const* feed = std::get_if<Piece::Feed>(&piece.content))
            height += feed->dots;
    }
    hal::RasterImage page(m_capabilities.dots_per_line, std::max(height, 1));
    int y = 0;
    for (auto const& piece : pieces) {
        if (auto const* image = std::get_if<hal::RasterImage>(&piece.content)) {
            blit(*image, page, 0, y);
            y += image->height();
        } else if (auto const* feed = std::get_if<Piece::Feed>(&piece.content)) {
            y += feed->dots;
        }
    }
    return page;
}

} // namespace kiosk::drivers
