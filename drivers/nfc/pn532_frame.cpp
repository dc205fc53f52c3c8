// SPDX-License-Identifier: MIT
#include "nfc/pn532_frame.hpp"

#include <algorithm>

namespace kiosk::drivers::pn532 {

namespace {

std::uint8_t checksum_of(std::uint8_t first, ByteView rest)
{
    unsigned sum = first;
    for (auto byte : rest)
        sum += byte;
    return static_cast<std::uint8_t>(0x100U - (sum & 0xFFU));
}

} // namespace

Bytes encode_information_frame(std::uint8_t tfi, ByteView payload)
{
    std::size_t const len = 1 + payload.size();
    Bytes frame { 0x00, 0x00, 0xFF };
    if (len <= MAX_NORMAL_LEN) {
        auto const len8 = static_cast<std::uint8_t>(len);
        frame.push_back(len8);
        frame.push_back(static_cast<std::uint8_t>(0x100U - len8));
    } else {
        auto const high = static_cast<std::uint8_t>(len >> 8U);
        auto const low = static_cast<std::uint8_t>(len & 0xFFU);
        frame.insert(frame.end(), { 0xFF, 0xFF, high, low, static_cast<std::uint8_t>(0x100U - ((high + low) & 0xFFU)) });
    }
    frame.push_back(tfi);
    frame.insert(frame.end(), payload.begin(), payload.end());
    frame.push_back(checksum_of(tfi, payload));
    frame.push_back(0x00);
    return frame;
}

Bytes ack_frame() { return { 0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00 }; }
Bytes nack_frame() { return { 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00 }; }
Bytes error_frame() { return { 0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00 }; }

void FrameParser::feed(ByteView bytes) { m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end()); }

std::optional<Frame> FrameParser::next()
{
    {
        // Find the start code 00 FF (the 00 preamble before it is optional).
        std::size_t start = 0;
        while (start + 1 < m_buffer.size() && !(m_buffer[start] == 0x00 && m_buffer[start + 1] == 0xFF))
            ++start;
        if (start + 1 >= m_buffer.size()) {
            // Keep a trailing 00 that may begin a start code.
            bool const keep_last = !m_buffer.empty() && m_buffer.back() == 0x00;
            m_buffer.erase(m_buffer.begin(), m_buffer.end() - (keep_last ? 1 : 0));
            return std::nullopt;
        }
        m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(start));
        // m_buffer now starts with 00 FF.
        if (m_buffer.size() < 4)
            return std::nullopt;
        std::uint8_t const b2 = m_buffer[2];
        std::uint8_t const b3 = m_buffer[3];
        auto drop = [this](std::size_t count) {
            m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(count));
        };
        if (b2 == 0x00 && b3 == 0xFF) {
            // ACK: 00 FF 00 FF [00]. The postamble is not waited for: a peer may omit it.
            drop(4);
            if (!m_buffer.empty() && m_buffer.front() == 0x00 && (m_buffer.size() < 2 || m_buffer[1] != 0xFF))
                drop(1);
            return Frame { FrameKind::ack, 0, {} };
        }
        if (b2 == 0xFF && b3 == 0x00) {
            drop(4);
            if (!m_buffer.empty() && m_buffer.front() == 0x00 && (m_buffer.size() < 2 || m_buffer[1] != 0xFF))
                drop(1);
            return Frame { FrameKind::nack, 0, {} };
        }
        if (b2 == 0x01 && b3 == 0xFF) {
            if (m_buffer.size() < 7)
                return std::nullopt;
            bool const ok = m_buffer[4] == 0x7F && m_buffer[5] == 0x81;
            drop(ok ? 7 : 2);
            return Frame { ok ? FrameKind::error : FrameKind::bad_checksum, 0, {} };
        }
        std::size_t len = 0;
        std::size_t header = 0;
        if (b2 == 0xFF && b3 == 0xFF) {
            if (m_buffer.size() < 7)
                return std::nullopt;
            std::uint8_t const high = m_buffer[4];
            std::uint8_t const low = m_buffer[5];
            if (((high + low + m_buffer[6]) & 0xFFU) != 0) {
                drop(2);
                return Frame { FrameKind::bad_checksum, 0, {} };
            }
            len = (static_cast<std::size_t>(high) << 8U) | low;
            header = 7;
        } else {
            if (((b2 + b3) & 0xFFU) != 0) {
                drop(2);
                return Frame { FrameKind::bad_checksum, 0, {} };
            }
            len = b2;
            header = 4;
        }
        if (len == 0 || len > MAX_FRAME_LEN) {
            drop(2);
            return Frame { FrameKind::bad_checksum, 0, {} };
        }
        std::size_t const total = header + len + 2;
        if (m_buffer.size() < total)
            return std::nullopt;
        ByteView const body(m_buffer.data() + header, len);
        std::uint8_t const dcs = m_buffer[header + len];
        std::uint8_t const postamble = m_buffer[header + len + 1];
        if (checksum_of(body[0], body.subspan(1)) != dcs || postamble != 0x00) {
            drop(2);
            return Frame { FrameKind::bad_checksum, 0, {} };
        }
        Frame frame { FrameKind::information, body[0], Bytes(body.begin() + 1, body.end()) };
        drop(total);
        return frame;
    }
}

} // namespace kiosk::drivers::pn532
