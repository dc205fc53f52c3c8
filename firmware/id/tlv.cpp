// SPDX-License-Identifier: MIT
#include "id/tlv.hpp"

#include <array>
#include <charconv>

namespace kiosk::id {

bool Tlv::constructed() const noexcept
{
    // The first tag byte is the most significant non-zero byte of the number.
    std::uint32_t first = tag;
    while (first > 0xFF)
        first >>= 8U;
    return (first & 0x20U) != 0;
}

Result<Tlv> read_tlv(ByteView& input)
{
    std::size_t pos = 0;
    if (input.empty())
        return fail(Errc::malformed, "TLV: no element");
    std::uint8_t const first = input[pos++];
    if (first == 0x00 || first == 0xFF)
        return fail(Errc::malformed, "TLV: padding byte where a tag was expected");
    std::uint32_t tag_number = first;
    if ((first & 0x1FU) == 0x1FU) {
        // Multi-byte tag: continuation bytes have bit 8 set, the last one has it clear.
        for (std::size_t count = 1;; ++count) {
            if (pos >= input.size())
                return fail(Errc::malformed, "TLV: truncated tag");
            if (count >= 4)
                return fail(Errc::malformed, "TLV: tag longer than 4 bytes");
            std::uint8_t const byte = input[pos++];
            if (count == 1 && byte == 0x80)
                return fail(Errc::malformed, "TLV: tag with a leading zero group");
            tag_number = (tag_number << 8U) | byte;
            if ((byte & 0x80U) == 0)
                break;
        }
    }
    if (pos >= input.size())
        return fail(Errc::malformed, "TLV: truncated length");
    std::uint8_t const length_byte = input[pos++];
    std::size_t length = 0;
    if (length_byte < 0x80) {
        length = length_byte;
    } else if (length_byte == 0x80) {
        return fail(Errc::malformed, "TLV: indefinite length");
    } else {
        std::size_t const count = length_byte & 0x7FU;
        if (count > 4)
            return fail(Errc::malformed, "TLV: length field longer than 4 bytes");
        if (input.size() - pos < count)
            return fail(Errc::malformed, "TLV: truncated length");
        for (std::size_t i = 0; i < count; ++i)
            length = (length << 8U) | input[pos++];
    }
    if (length > TLV_MAX_LENGTH)
        return fail(Errc::malformed, "TLV: length over the 16 MiB limit");
    if (input.size() - pos < length)
        return fail(Errc::malformed, "TLV: length beyond the end of the data");
    Tlv tlv;
    tlv.tag = tag_number;
    tlv.value = input.subspan(pos, length);
    tlv.encoded = input.first(pos + length);
    input = input.subspan(pos + length);
    return tlv;
}

Result<Tlv> parse_single(ByteView input)
{
    auto tlv = KIOSK_TRY(read_tlv(input));
    if (!input.empty())
        return fail(Errc::malformed, "TLV: bytes after the element");
    return tlv;
}

Result<std::optional<Tlv>> TlvReader::next()
{
    if (m_rest.empty())
        return std::optional<Tlv> {};
    auto tlv = read_tlv(m_rest);
    if (!tlv) {
        m_rest = {};
        return Unexpected(tlv.error());
    }
    return std::optional<Tlv> { *tlv };
}

Result<Tlv> find(ByteView contents, std::uint32_t wanted)
{
    while (!contents.empty()) {
        auto tlv = KIOSK_TRY(read_tlv(contents));
        if (tlv.tag == wanted)
            return tlv;
    }
    return fail(Errc::not_found, "TLV: element not present");
}

Result<void> validate(ByteView input, std::size_t max_depth)
{
    // One entry per open level: the bytes of that level not yet read. The stack is an
    // array so hostile nesting costs neither recursion nor allocation.
    std::array<ByteView, TLV_MAX_DEPTH + 1> stack {};
    if (max_depth > TLV_MAX_DEPTH)
        max_depth = TLV_MAX_DEPTH;
    std::size_t depth = 0;
    stack[0] = input;
    for (;;) {
        if (stack[depth].empty()) {
            if (depth == 0)
                return {};
            --depth;
            continue;
        }
        auto tlv = KIOSK_TRY(read_tlv(stack[depth]));
        if (tlv.constructed() && !tlv.value.empty()) {
            if (depth + 1 >= max_depth)
                return fail(Errc::malformed, "TLV: nested too deep");
            stack[++depth] = tlv.value;
        }
    }
}

Result<std::uint64_t> to_unsigned(ByteView integer_value)
{
    if (integer_value.empty())
        return fail(Errc::malformed, "INTEGER: empty");
    if ((integer_value[0] & 0x80U) != 0)
        return fail(Errc::malformed, "INTEGER: negative");
    while (integer_value.size() > 1 && integer_value[0] == 0)
        integer_value = integer_value.subspan(1);
    if (integer_value.size() > 8)
        return fail(Errc::malformed, "INTEGER: larger than 64 bits");
    std::uint64_t number = 0;
    for (auto byte : integer_value)
        number = (number << 8U) | byte;
    return number;
}

Result<std::string> oid_to_string(ByteView oid_value)
{
    if (oid_value.empty())
        return fail(Errc::malformed, "OID: empty");
    std::string text;
    std::uint64_t arc = 0;
    bool first = true;
    bool in_arc = false;
    for (auto byte : oid_value) {
        if (!in_arc && byte == 0x80)
            return fail(Errc::malformed, "OID: arc with a leading zero group");
        if (arc > (UINT64_MAX >> 7U))
            return fail(Errc::malformed, "OID: arc larger than 64 bits");
        arc = (arc << 7U) | (byte & 0x7FU);
        in_arc = (byte & 0x80U) != 0;
        if (in_arc)
            continue;
        if (first) {
            // The first encoded arc packs the first two: 40 * X + Y, X in 0..2.
            std::uint64_t const top = arc < 40 ? 0 : (arc < 80 ? 1 : 2);
            text += std::to_string(top);
            text += '.';
            text += std::to_string(arc - top * 40);
            first = false;
        } else {
            text += '.';
            text += std::to_string(arc);
        }
        arc = 0;
    }
    if (in_arc)
        return fail(Errc::malformed, "OID: truncated arc");
    return text;
}

void append_tag(Bytes& out, std::uint32_t tag_number)
{
    bool started = false;
    for (int shift = 24; shift >= 0; shift -= 8) {
        auto const byte = static_cast<std::uint8_t>(tag_number >> static_cast<unsigned>(shift));
        if (byte != 0 || started || shift == 0) {
            out.push_back(byte);
            started = true;
        }
    }
}

void append_length(Bytes& out, std::size_t length)
{
    if (length < 0x80) {
        out.push_back(static_cast<std::uint8_t>(length));
        return;
    }
    std::size_t count = 0;
    for (std::size_t rest = length; rest != 0; rest >>= 8U)
        ++count;
    out.push_back(static_cast<std::uint8_t>(0x80U | count));
    for (std::size_t i = count; i > 0; --i)
        out.push_back(static_cast<std::uint8_t>(length >> (8U * (i - 1))));
}

void append_tlv(Bytes& out, std::uint32_t tag_number, ByteView value)
{
    append_tag(out, tag_number);
    append_length(out, value.size());
    out.insert(out.end(), value.begin(), value.end());
}

Bytes encode_tlv(std::uint32_t tag_number, ByteView value)
{
    Bytes out;
    out.reserve(value.size() + 8);
    append_tlv(out, tag_number, value);
    return out;
}

Bytes encode_tlv(std::uint32_t tag_number, std::string_view text) { return encode_tlv(tag_number, as_bytes(text)); }

Bytes encode_unsigned(std::uint64_t number)
{
    Bytes value;
    for (int shift = 56; shift >= 0; shift -= 8) {
        auto const byte = static_cast<std::uint8_t>(number >> static_cast<unsigned>(shift));
        if (!value.empty() || byte != 0 || shift == 0) {
            if (value.empty() && (byte & 0x80U) != 0)
                value.push_back(0); // keep it positive
            value.push_back(byte);
        }
    }
    return encode_tlv(tag::INTEGER, value);
}

Result<Bytes> encode_oid(std::string_view dotted)
{
    std::array<std::uint64_t, 32> arcs {};
    std::size_t count = 0;
    while (!dotted.empty()) {
        if (count == arcs.size())
            return fail(Errc::invalid_argument, "OID: too many arcs");
        auto const dot = dotted.find('.');
        auto const part = dotted.substr(0, dot);
        auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), arcs[count]);
        if (ec != std::errc {} || end != part.data() + part.size() || part.empty())
            return fail(Errc::invalid_argument, "OID: arc is not a number");
        ++count;
        dotted = dot == std::string_view::npos ? std::string_view {} : dotted.substr(dot + 1);
        if (dot != std::string_view::npos && dotted.empty())
            return fail(Errc::invalid_argument, "OID: ends with a dot");
    }
    if (count < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40))
        return fail(Errc::invalid_argument, "OID: needs two valid leading arcs");
    Bytes value;
    auto push_arc = [&value](std::uint64_t arc) {
        std::array<std::uint8_t, 10> groups {};
        std::size_t n = 0;
        do {
            groups[n++] = static_cast<std::uint8_t>(arc & 0x7FU);
            arc >>= 7U;
        } while (arc != 0);
        for (std::size_t i = n; i > 0; --i)
            value.push_back(static_cast<std::uint8_t>(groups[i - 1] | (i > 1 ? 0x80U : 0U)));
    };
    push_arc(arcs[0] * 40 + arcs[1]);
    for (std::size_t i = 2; i < count; ++i)
        push_arc(arcs[i]);
    return encode_tlv(tag::OID, value);
}

} // namespace kiosk::id
