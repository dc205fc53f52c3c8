// SPDX-License-Identifier: MIT
#include "id/card_access.hpp"

#include "id/tlv.hpp"

#include <algorithm>
#include <array>

namespace kiosk::id {

namespace {

// 0.4.0.127.0.7.2.2.4 (id-PACE)
constexpr std::array<std::uint8_t, 8> ID_PACE { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04 };
constexpr std::uint8_t ECDH_GM = 0x02;

bool supported_curve(std::uint64_t parameter_id) noexcept
{
    // NIST P-256 and brainpoolP256r1: the curves the crypto layer provides.
    return parameter_id == 12 || parameter_id == 13;
}

int strength(crypto::Cipher cipher) noexcept
{
    switch (cipher) {
    case crypto::Cipher::tdes:
        return 0;
    case crypto::Cipher::aes128:
        return 1;
    case crypto::Cipher::aes192:
        return 2;
    case crypto::Cipher::aes256:
        return 3;
    }
    return 0;
}

} // namespace

Bytes pace_ecdh_gm_oid(crypto::Cipher cipher)
{
    Bytes oid(ID_PACE.begin(), ID_PACE.end());
    oid.push_back(ECDH_GM);
    oid.push_back(static_cast<std::uint8_t>(strength(cipher) + 1));
    return oid;
}

std::optional<PaceInfo> CardAccess::best() const
{
    std::optional<PaceInfo> chosen;
    for (auto const& info : pace) {
        if (info.supported && (!chosen || strength(info.cipher) > strength(chosen->cipher)))
            chosen = info;
    }
    return chosen;
}

Result<CardAccess> parse_card_access(ByteView file)
{
    auto const set = KIOSK_TRY(parse_single(file));
    if (set.tag != tag::SET)
        return fail(Errc::malformed, "EF.CardAccess is not a SET");
    CardAccess result;
    TlvReader infos(set.value);
    while (auto info = KIOSK_TRY(infos.next())) {
        if (info->tag != tag::SEQUENCE)
            return fail(Errc::malformed, "SecurityInfo is not a SEQUENCE");
        TlvReader fields(info->value);
        auto const protocol = KIOSK_TRY(fields.next());
        if (!protocol || protocol->tag != tag::OID || protocol->value.empty())
            return fail(Errc::malformed, "SecurityInfo does not start with an OID");
        ByteView const oid = protocol->value;
        bool const is_pace = oid.size() == ID_PACE.size() + 2 && std::equal(ID_PACE.begin(), ID_PACE.end(), oid.begin());
        if (!is_pace)
            continue; // another protocol (PACEDomainParameterInfo, CA, TA...): not ours
        auto const version = KIOSK_TRY(fields.next());
        if (!version || version->tag != tag::INTEGER)
            return fail(Errc::malformed, "PACEInfo version is not an INTEGER");
        PaceInfo pace;
        pace.oid.assign(oid.begin(), oid.end());
        pace.version = KIOSK_TRY(to_unsigned(version->value));
        if (auto const parameter = KIOSK_TRY(fields.next())) {
            if (parameter->tag != tag::INTEGER)
                return fail(Errc::malformed, "PACEInfo parameterId is not an INTEGER");
            pace.parameter_id = KIOSK_TRY(to_unsigned(parameter->value));
        }
        std::uint8_t const mapping = oid[ID_PACE.size()];
        std::uint8_t const cipher = oid[ID_PACE.size() + 1];
        if (cipher >= 1 && cipher <= 4)
            pace.cipher = static_cast<crypto::Cipher>(cipher - 1);
        pace.supported
            = mapping == ECDH_GM && cipher >= 1 && cipher <= 4 && pace.version == 2 && supported_curve(pace.parameter_id);
        result.pace.push_back(std::move(pace));
    }
    return result;
}

Bytes encode_card_access(std::vector<PaceInfo> const& infos)
{
    Bytes set;
    for (auto const& info : infos) {
        Bytes fields = encode_tlv(tag::OID, info.oid);
        auto const version = encode_unsigned(info.version);
        fields.insert(fields.end(), version.begin(), version.end());
        auto const parameter = encode_unsigned(info.parameter_id);
        fields.insert(fields.end(), parameter.begin(), parameter.end());
        append_tlv(set, tag::SEQUENCE, fields);
    }
    return encode_tlv(tag::SET, set);
}

} // namespace kiosk::id
