// SPDX-License-Identifier: MIT
#include "id/tlv.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::Errc;
using namespace kiosk::id;

namespace {

ByteView view(Bytes const& bytes) { return { bytes.data(), bytes.size() }; }

Errc error_of(Bytes const& bytes)
{
    ByteView in = view(bytes);
    auto result = read_tlv(in);
    CHECK_FALSE(result.has_value());
    CHECK_EQUAL(bytes.size(), in.size()); // input untouched on failure
    return result.error().code();
}

} // namespace

TEST_GROUP(Tlv) {};

TEST(Tlv, reads_short_and_multi_byte_tags)
{
    Bytes const bytes { 0x5F, 0x1F, 0x03, 'a', 'b', 'c', 0x30, 0x00 };
    ByteView in = view(bytes);
    auto first = read_tlv(in);
    CHECK_TRUE(first.has_value());
    CHECK_EQUAL(0x5F1FU, first->tag);
    CHECK_EQUAL(3U, first->value.size());
    CHECK_EQUAL(6U, first->encoded.size());
    CHECK_FALSE(first->constructed());
    auto second = read_tlv(in);
    CHECK_TRUE(second.has_value());
    CHECK_EQUAL(0x30U, second->tag);
    CHECK_TRUE(second->constructed());
    CHECK_TRUE(in.empty());
}

TEST(Tlv, reads_long_form_lengths)
{
    Bytes bytes { 0x04, 0x82, 0x01, 0x00 };
    bytes.resize(bytes.size() + 256, 0xAB);
    auto tlv = parse_single(view(bytes));
    CHECK_TRUE(tlv.has_value());
    CHECK_EQUAL(256U, tlv->value.size());

    Bytes non_minimal { 0x04, 0x81, 0x02, 0x01, 0x02 }; // BER allows it; cards use it
    CHECK_TRUE(parse_single(view(non_minimal)).has_value());
}

TEST(Tlv, refuses_hostile_lengths_and_truncations)
{
    CHECK_TRUE(error_of({}) == Errc::malformed);
    CHECK_TRUE(error_of({ 0x04 }) == Errc::malformed);                         // no length
    CHECK_TRUE(error_of({ 0x04, 0x05, 1, 2 }) == Errc::malformed);             // value short
    CHECK_TRUE(error_of({ 0x04, 0x80, 1, 0, 0 }) == Errc::malformed);          // indefinite
    CHECK_TRUE(error_of({ 0x04, 0x85, 0, 0, 0, 0, 1, 0 }) == Errc::malformed); // 5 length bytes
    CHECK_TRUE(error_of({ 0x04, 0x84, 0xFF, 0xFF, 0xFF, 0xFF }) == Errc::malformed); // 4 GiB
    CHECK_TRUE(error_of({ 0x04, 0x84, 0x00, 0x00, 0x01 }) == Errc::malformed);    // length cut
    CHECK_TRUE(error_of({ 0x04, 0x83, 0x7F, 0xFF, 0xFF, 0x00 }) == Errc::malformed); // 8 MiB claimed
    CHECK_TRUE(error_of({ 0x5F }) == Errc::malformed);                            // tag cut
    CHECK_TRUE(error_of({ 0x7F, 0x81, 0x82, 0x83, 0x04, 0x00 }) == Errc::malformed); // tag > 4 bytes
    CHECK_TRUE(error_of({ 0x5F, 0x80, 0x01, 0x00 }) == Errc::malformed);          // zero group
    CHECK_TRUE(error_of({ 0x00, 0x00 }) == Errc::malformed);                      // padding
    CHECK_TRUE(error_of({ 0xFF, 0x00 }) == Errc::malformed);
}

TEST(Tlv, parse_single_refuses_trailing_bytes)
{
    auto result = parse_single(view({ 0x02, 0x01, 0x05, 0x00 }));
    CHECK_FALSE(result.has_value());
    STRCMP_EQUAL("TLV: bytes after the element", result.error().context());
}

TEST(Tlv, reader_walks_children_and_stops_on_garbage)
{
    Bytes const bytes { 0x02, 0x01, 0x01, 0x0C, 0x02, 'h', 'i', 0x04, 0x09, 0x00 };
    TlvReader reader(view(bytes));
    auto a = reader.next();
    CHECK_TRUE(a.has_value() && a->has_value());
    CHECK_EQUAL(0x02U, (*a)->tag);
    auto b = reader.next();
    CHECK_TRUE(b.has_value() && b->has_value());
    CHECK_EQUAL(0x0CU, (*b)->tag);
    auto c = reader.next();
    CHECK_FALSE(c.has_value());
    CHECK_TRUE(reader.at_end());
    auto d = reader.next();
    CHECK_TRUE(d.has_value());
    CHECK_FALSE(d->has_value());
}

TEST(Tlv, find_returns_not_found_or_malformed)
{
    Bytes const bytes { 0x02, 0x01, 0x01, 0x5F, 0x1F, 0x01, 'X' };
    auto found = find(view(bytes), 0x5F1F);
    CHECK_TRUE(found.has_value());
    CHECK_EQUAL('X', found->value[0]);
    auto missing = find(view(bytes), 0x61);
    CHECK_TRUE(missing.error() == Errc::not_found);
    Bytes const broken { 0x02, 0x05, 0x01 };
    CHECK_TRUE(find(view(broken), 0x61).error() == Errc::malformed);
}

TEST(Tlv, validate_bounds_depth_without_recursion)
{
    // 10 000 nested SEQUENCEs of one byte length each would blow a recursive parser.
    Bytes deep;
    std::size_t const levels = 10000;
    for (std::size_t i = 0; i < levels; ++i) {
        Bytes outer;
        append_tlv(outer, tag::SEQUENCE, view(deep));
        deep = std::move(outer);
    }
    auto result = validate(view(deep));
    CHECK_FALSE(result.has_value());
    STRCMP_EQUAL("TLV: nested too deep", result.error().context());

    Bytes const seven = encode_unsigned(7);
    Bytes const set = encode_tlv(tag::SET, view(seven));
    Bytes const shallow = encode_tlv(tag::SEQUENCE, view(set));
    CHECK_TRUE(validate(view(shallow)).has_value());
    Bytes const truncated { 0x02, 0x03, 0x01 };
    Bytes const bad_inside = encode_tlv(tag::SEQUENCE, view(truncated));
    CHECK_TRUE(validate(view(bad_inside)).error() == Errc::malformed);
}

TEST(Tlv, encodes_tags_lengths_and_integers)
{
    Bytes out;
    append_tag(out, 0x7F61);
    append_length(out, 0x7F);
    append_length(out, 0x80);
    append_length(out, 0x1234);
    Bytes const expected { 0x7F, 0x61, 0x7F, 0x81, 0x80, 0x82, 0x12, 0x34 };
    CHECK_TRUE(out == expected);
    CHECK_TRUE(encode_unsigned(0) == (Bytes { 0x02, 0x01, 0x00 }));
    CHECK_TRUE(encode_unsigned(0x80) == (Bytes { 0x02, 0x02, 0x00, 0x80 }));
    Bytes const encoded = encode_unsigned(0x123456789AULL);
    auto round = parse_single(view(encoded));
    CHECK_EQUAL(0x123456789AULL, *to_unsigned(round->value));
    CHECK_TRUE(to_unsigned(view({ 0x80 })).error() == Errc::malformed);
    CHECK_TRUE(to_unsigned(view({})).error() == Errc::malformed);
    CHECK_TRUE(to_unsigned(view({ 1, 2, 3, 4, 5, 6, 7, 8, 9 })).error() == Errc::malformed);
}

TEST(Tlv, oids_round_trip)
{
    // id-icao-mrtd-security-ldsSecurityObject and id-PACE-ECDH-GM-AES-CBC-CMAC-128.
    for (char const* text : { "2.23.136.1.1.1", "0.4.0.127.0.7.2.2.4.2.2", "1.2.840.113549.1.7.2" }) {
        auto encoded = encode_oid(text);
        CHECK_TRUE(encoded.has_value());
        auto tlv = parse_single(view(*encoded));
        CHECK_EQUAL(tag::OID, tlv->tag);
        STRCMP_EQUAL(text, oid_to_string(tlv->value)->c_str());
    }
    Bytes const sha256 { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
    STRCMP_EQUAL("2.16.840.1.101.3.4.2.1", oid_to_string(view(sha256))->c_str());
    CHECK_TRUE(oid_to_string(view({ 0x2B, 0x86 })).error() == Errc::malformed);
    CHECK_FALSE(encode_oid("1").has_value());
    CHECK_FALSE(encode_oid("1.2.").has_value());
    CHECK_FALSE(encode_oid("3.1").has_value());
    CHECK_FALSE(encode_oid("1.x").has_value());
}
