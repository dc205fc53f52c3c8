// SPDX-License-Identifier: MIT
#include "id/ef_com.hpp"

#include "id/tlv.hpp"

#include <array>

namespace kiosk::id {

namespace {

// ICAO 9303 part 10, table 34: DG1..DG16 file tags.
constexpr std::array<std::uint8_t, 16> DG_TAGS { 0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C,
    0x6D, 0x6E, 0x6F, 0x70 };

} // namespace

int dg_number_of_tag(std::uint8_t tag) noexcept
{
    for (std::size_t i = 0; i < DG_TAGS.size(); ++i) {
        if (DG_TAGS[i] == tag)
            return static_cast<int>(i) + 1;
    }
    return 0;
}

std::uint8_t dg_tag_of_number(int number) noexcept
{
    if (number < 1 || number > 16)
        return 0;
    return DG_TAGS[static_cast<std::size_t>(number - 1)];
}

std::vector<int> EfCom::data_groups() const
{
    std::vector<int> numbers;
    for (auto tag : dg_tags) {
        if (int const number = dg_number_of_tag(tag); number != 0)
            numbers.push_back(number);
    }
    return numbers;
}

Result<EfCom> parse_ef_com(ByteView file)
{
    auto const com = KIOSK_TRY(parse_single(file));
    if (com.tag != 0x60)
        return fail(Errc::malformed, "EF.COM: tag is not 0x60");
    EfCom out;
    bool have_list = false;
    TlvReader reader(com.value);
    while (auto child = KIOSK_TRY(reader.next())) {
        if (child->tag == 0x5F01)
            out.lds_version = std::string(as_text(child->value));
        else if (child->tag == 0x5F36)
            out.unicode_version = std::string(as_text(child->value));
        else if (child->tag == 0x5C) {
            out.dg_tags.assign(child->value.begin(), child->value.end());
            have_list = true;
        }
    }
    if (!have_list)
        return fail(Errc::malformed, "EF.COM: no tag list (0x5C)");
    return out;
}

Bytes build_ef_com(EfCom const& com)
{
    Bytes inner;
    append_tlv(inner, 0x5F01, as_bytes(com.lds_version));
    append_tlv(inner, 0x5F36, as_bytes(com.unicode_version));
    append_tlv(inner, 0x5C, ByteView { com.dg_tags.data(), com.dg_tags.size() });
    return encode_tlv(0x60, ByteView { inner.data(), inner.size() });
}

} // namespace kiosk::id
