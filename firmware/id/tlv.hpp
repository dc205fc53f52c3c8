// SPDX-License-Identifier: MIT
#pragma once

// BER-TLV / DER for everything in issue 6: EF.COM, DG1..DG16, EF.SOD, EF.CardAccess, secure
// messaging data objects. Hardened for hostile input from a chip:
// - tags of 1 to 4 bytes (ISO 7816-4 / X.690 multi-byte tags), returned as a big-endian
//   number of their bytes: 0x30, 0x5F1F, 0x7F61;
// - definite lengths only, short form or 0x81..0x84 (up to 4 length bytes); indefinite
//   length (0x80) and 0x85+ are refused;
// - every length is checked against the bytes that remain, before anything is read;
// - no recursion: readers go one level at a time; validate() walks a whole tree with an
//   explicit stack bounded by MAX_DEPTH.
// Every parsed element is a view into the caller's buffer: keep the buffer alive.
//
//     ByteView in = file;
//     auto dg = KIOSK_TRY(read_tlv(in));            // one element off the front
//     auto mrz = KIOSK_TRY(find(dg.value, 0x5F1F)); // a direct child, or not_found
//     for (TlvReader children(dg.value); auto child = KIOSK_TRY(children.next());) { ... }

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::id {

/// Deepest nesting validate() accepts (a DG2 or SOD is about 8 deep).
inline constexpr std::size_t TLV_MAX_DEPTH = 24;
/// Largest value length accepted (a DG2 face image is far smaller).
inline constexpr std::size_t TLV_MAX_LENGTH = std::size_t { 16 } * 1024 * 1024;

/// Universal tags used across the LDS.
namespace tag {
inline constexpr std::uint32_t INTEGER = 0x02;
inline constexpr std::uint32_t BIT_STRING = 0x03;
inline constexpr std::uint32_t OCTET_STRING = 0x04;
inline constexpr std::uint32_t NULL_VALUE = 0x05;
inline constexpr std::uint32_t OID = 0x06;
inline constexpr std::uint32_t UTF8_STRING = 0x0C;
inline constexpr std::uint32_t PRINTABLE_STRING = 0x13;
inline constexpr std::uint32_t IA5_STRING = 0x16;
inline constexpr std::uint32_t SEQUENCE = 0x30;
inline constexpr std::uint32_t SET = 0x31;
} // namespace tag

/// One element: its tag and views of its value and of the whole encoding.
struct Tlv {
    std::uint32_t tag = 0; ///< tag bytes as a big-endian number (0x5F1F)
    ByteView value;        ///< the contents, without tag and length
    ByteView encoded;      ///< tag, length and contents

    /// Whether the tag says the value is itself a series of elements (bit 6 of the first byte).
    [[nodiscard]] bool constructed() const noexcept;
};

/// Reads one element from the front of @p input and advances @p input past it.
/// @return Errc::malformed (with a context naming what was wrong: truncated tag, tag too
/// long, indefinite length, length beyond the buffer...) and leaves @p input unchanged;
/// an empty @p input is malformed too ("no element").
Result<Tlv> read_tlv(ByteView& input);

/// Reads @p input as exactly one element with nothing after it.
/// @return Errc::malformed as read_tlv(), or when bytes follow the element.
Result<Tlv> parse_single(ByteView input);

/// The direct children of a constructed value, one at a time:
/// `while (auto child = KIOSK_TRY(reader.next())) use(*child);`
class TlvReader {
public:
    explicit TlvReader(ByteView contents) noexcept
        : m_rest(contents)
    {
    }
    /// The next child, std::nullopt at the end, Errc::malformed if the bytes left do not
    /// form an element (the reader then stays at the end).
    Result<std::optional<Tlv>> next();
    /// Whether every byte has been consumed.
    [[nodiscard]] bool at_end() const noexcept { return m_rest.empty(); }

private:
    ByteView m_rest;
};

/// The first direct child of @p contents with tag @p wanted.
/// @return Errc::not_found if there is none, Errc::malformed if the children do not parse
/// up to it.
Result<Tlv> find(ByteView contents, std::uint32_t wanted);

/// Checks that @p input is a series of well-formed elements and that every constructed
/// value is itself a well-formed series, at most @p max_depth levels deep. Iterative.
/// @return Errc::malformed on the first problem.
Result<void> validate(ByteView input, std::size_t max_depth = TLV_MAX_DEPTH);

/// A non-negative INTEGER's value (DER: at most 8 significant bytes).
/// @return Errc::malformed if empty, negative or too large.
Result<std::uint64_t> to_unsigned(ByteView integer_value);

/// An OBJECT IDENTIFIER's value as dotted text ("2.23.136.1.1.1").
/// @return Errc::malformed on an empty value, an unterminated arc or an arc over 2^64.
Result<std::string> oid_to_string(ByteView oid_value);

/// Appends the tag bytes of @p tag_number (1 to 4 bytes, leading zero bytes dropped).
void append_tag(Bytes& out, std::uint32_t tag_number);
/// Appends a DER (minimal) length.
void append_length(Bytes& out, std::size_t length);
/// Appends one element: tag, DER length, @p value.
void append_tlv(Bytes& out, std::uint32_t tag_number, ByteView value);
/// One element: tag, DER length, @p value.
Bytes encode_tlv(std::uint32_t tag_number, ByteView value);
/// One element holding text (UTF-8 bytes as they are).
Bytes encode_tlv(std::uint32_t tag_number, std::string_view text);
/// A DER INTEGER element for a non-negative @p number.
Bytes encode_unsigned(std::uint64_t number);
/// A DER OBJECT IDENTIFIER element from dotted text.
/// @return Errc::invalid_argument if @p dotted is not at least two numeric arcs.
Result<Bytes> encode_oid(std::string_view dotted);

/// View of the bytes of @p text.
inline ByteView as_bytes(std::string_view text) noexcept
{
    return { reinterpret_cast<std::uint8_t const*>(text.data()), text.size() };
}
/// View of @p bytes as text (no validation).
inline std::string_view as_text(ByteView bytes) noexcept
{
    return { reinterpret_cast<char const*>(bytes.data()), bytes.size() };
}

} // namespace kiosk::id
