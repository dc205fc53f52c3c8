// SPDX-License-Identifier: MIT
#include "scanner/scan_line_splitter.hpp"

#include <utility>

namespace kiosk::drivers {

namespace {

    /// The format named by an AIM symbology identifier "]Xm" at the start of @p line, and
    /// whether there is one.
    std::optional<hal::CodeFormat> aim_format(std::string const& line)
    {
        if (line.size() < 3 || line[0] != ']' || line[2] < '0' || line[2] > '9')
            return std::nullopt;
        switch (line[1]) {
        case 'Q':
            return hal::CodeFormat::qr_code;
        case 'C':
            return hal::CodeFormat::code_128;
        case 'L':
            return hal::CodeFormat::pdf417;
        case 'd':
            return hal::CodeFormat::data_matrix;
        default:
            return std::nullopt;
        }
    }

} // namespace

bool is_clean_text(std::string const& text) noexcept
{
    std::size_t i = 0;
    while (i < text.size()) {
        auto const lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            if ((lead < 0x20 && lead != '\t') || lead == 0x7f)
                return false;
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code_point = 0;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
            code_point = lead & 0x1fU;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            code_point = lead & 0x0fU;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            code_point = lead & 0x07U;
        } else {
            return false;
        }
        if (i + length > text.size())
            return false;
        for (std::size_t k = 1; k < length; ++k) {
            auto const next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0U) != 0x80U)
                return false;
            code_point = (code_point << 6U) | (next & 0x3fU);
        }
        bool const overlong = (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
        bool const surrogate = code_point >= 0xd800 && code_point <= 0xdfff;
        // C1 controls (U+0080..U+009F) are control characters too.
        bool const c1 = code_point >= 0x80 && code_point <= 0x9f;
        if (overlong || surrogate || code_point > 0x10ffff || c1)
            return false;
        i += length;
    }
    return true;
}

void ScanLineSplitter::feed(ByteView bytes, std::chrono::steady_clock::time_point now)
{
    for (auto const byte : bytes) {
        if (byte == '\r' || byte == '\n') {
            finish_line(now);
            continue;
        }
        if (m_overflowed)
            continue;
        if (m_line.size() >= MAX_LINE_BYTES) {
            // Keep discarding up to the line's end, then count it once.
            m_overflowed = true;
            m_line.clear();
            continue;
        }
        m_line.push_back(static_cast<char>(byte));
    }
    if (!bytes.empty())
        m_last_byte_at = now;
}

void ScanLineSplitter::finish_line(std::chrono::steady_clock::time_point now)
{
    std::string line = std::move(m_line);
    m_line.clear();
    bool const overflowed = std::exchange(m_overflowed, false);
    m_last_byte_at.reset();
    if (overflowed) {
        ++m_drops.too_long;
        return;
    }
    if (line.empty())
        return; // the LF of a CR LF, or a blank line
    if (!is_clean_text(line)) {
        ++m_drops.not_text;
        return;
    }
    hal::ScannedCode code;
    code.at = now;
    code.format = hal::CodeFormat::other;
    if (auto format = aim_format(line)) {
        code.format = *format;
        line.erase(0, 3);
        if (line.empty())
            return;
    }
    code.text = std::move(line);
    while (m_ready.size() >= READY_LIMIT)
        m_ready.pop_front();
    m_ready.push_back(std::move(code));
}

void ScanLineSplitter::expire(std::chrono::steady_clock::time_point now)
{
    auto const deadline = fragment_deadline();
    if (!deadline || now < *deadline)
        return;
    m_line.clear();
    m_overflowed = false;
    m_last_byte_at.reset();
    ++m_drops.fragment;
}

void ScanLineSplitter::reset()
{
    m_line.clear();
    m_overflowed = false;
    m_last_byte_at.reset();
}

std::optional<hal::ScannedCode> ScanLineSplitter::take()
{
    if (m_ready.empty())
        return std::nullopt;
    hal::ScannedCode code = std::move(m_ready.front());
    m_ready.pop_front();
    return code;
}

std::optional<std::chrono::steady_clock::time_point> ScanLineSplitter::fragment_deadline() const
{
    if (!m_last_byte_at || (m_line.empty() && !m_overflowed))
        return std::nullopt;
    return *m_last_byte_at + FRAGMENT_TIMEOUT;
}

} // namespace kiosk::drivers
