// SPDX-License-Identifier: MIT
#include "id/pace.hpp"

#include "id/tlv.hpp"

#include <utility>

namespace kiosk::id {

namespace {

constexpr std::uint8_t INS_MSE = 0x22;
constexpr std::uint8_t INS_GENERAL_AUTHENTICATE = 0x86;
constexpr std::uint32_t DYNAMIC_AUTH = 0x7C;
constexpr std::size_t NONCE_SIZE = 16;

Bytes dynamic_auth(std::uint32_t inner_tag, ByteView value)
{
    if (inner_tag == 0)
        return encode_tlv(DYNAMIC_AUTH, ByteView {});
    return encode_tlv(DYNAMIC_AUTH, encode_tlv(inner_tag, value));
}

// The value of @p inner_tag inside a 7C dynamic authentication data object.
Result<Bytes> dynamic_auth_value(ByteView data, std::uint32_t inner_tag)
{
    auto const outer = KIOSK_TRY(parse_single(data));
    if (outer.tag != DYNAMIC_AUTH)
        return fail(Errc::malformed, "PACE: no dynamic authentication data");
    auto const inner = KIOSK_TRY(find(outer.value, inner_tag));
    return Bytes(inner.value.begin(), inner.value.end());
}

Result<Bytes> nonce_cipher(crypto::Cipher cipher, crypto::Direction direction, ByteView password, ByteView data)
{
    Bytes key = crypto::derive_key(cipher, password, 3);
    Bytes const iv(crypto::block_size(cipher), 0);
    auto out = crypto::cbc(cipher, direction, key, iv, data);
    crypto::wipe(key);
    return out;
}

Result<Bytes> random_scalar(crypto::EcGroup const& group) { return group.random_scalar(); }

bool same(ByteView a, ByteView b) { return crypto::equal(a, b); }

// GENERAL AUTHENTICATE step: sends @p body (chained unless last), returns the response data.
Result<Bytes> general_authenticate(Transmit const& transmit, Bytes body, bool last)
{
    Apdu command { static_cast<std::uint8_t>(last ? 0x00 : 0x10), INS_GENERAL_AUTHENTICATE, 0x00, 0x00,
        std::move(body), 256 };
    auto const encoded = KIOSK_TRY(command.encode());
    auto const raw = KIOSK_TRY(transmit(encoded));
    auto response = KIOSK_TRY(split_response(raw));
    if (response.status == sw::AUTH_FAILED || response.status == sw::SECURITY_NOT_SATISFIED
        || (response.status & 0xFFF0) == 0x63C0)
        return fail(Errc::refused, "PACE: chip refused the password");
    if (!response.ok())
        return fail(Errc::refused, "PACE: GENERAL AUTHENTICATE refused");
    return std::move(response.data);
}

} // namespace

Result<Bytes> pace_decrypt_nonce(crypto::Cipher cipher, ByteView password, ByteView encrypted_nonce)
{
    return nonce_cipher(cipher, crypto::Direction::decrypt, password, encrypted_nonce);
}

Result<Bytes> pace_encrypt_nonce(crypto::Cipher cipher, ByteView password, ByteView nonce)
{
    return nonce_cipher(cipher, crypto::Direction::encrypt, password, nonce);
}

Bytes pace_public_key_object(ByteView oid, ByteView point)
{
    Bytes inner = encode_tlv(tag::OID, oid);
    append_tlv(inner, 0x86, point);
    return encode_tlv(0x7F49, inner);
}

Result<Bytes> pace_token(crypto::Cipher cipher, ByteView mac_key, ByteView oid, ByteView point)
{
    Bytes const object = pace_public_key_object(oid, point);
    if (cipher == crypto::Cipher::tdes)
        return crypto::mac(cipher, mac_key, crypto::pad(object, 8));
    return crypto::mac(cipher, mac_key, object);
}

Result<SecureMessaging> pace_authenticate(Transmit const& transmit, PaceInfo const& info, PacePassword password_type,
    ByteView password, ScalarSource const& scalars)
{
    if (!info.supported)
        return fail(Errc::unsupported, "PACE: protocol or curve not supported");
    ScalarSource const& make_scalar = scalars ? scalars : ScalarSource(random_scalar);

    // MSE:Set AT: protocol, password reference, domain parameters.
    Bytes mse = encode_tlv(0x80, info.oid);
    append_tlv(mse, 0x83, Bytes { static_cast<std::uint8_t>(password_type) });
    if (info.parameter_id != 0)
        append_tlv(mse, 0x84, Bytes { static_cast<std::uint8_t>(info.parameter_id) });
    Apdu set_at { 0x00, INS_MSE, 0xC1, 0xA4, std::move(mse), std::nullopt };
    auto const set_encoded = KIOSK_TRY(set_at.encode());
    auto const set_raw = KIOSK_TRY(transmit(set_encoded));
    auto const set_response = KIOSK_TRY(split_response(set_raw));
    if (!set_response.ok() && (set_response.status & 0xFF00) != 0x6300)
        return fail(Errc::refused, "PACE: MSE:Set AT refused");

    // 1. Encrypted nonce.
    auto const step1 = KIOSK_TRY(general_authenticate(transmit, dynamic_auth(0, {}), false));
    auto const z = KIOSK_TRY(dynamic_auth_value(step1, 0x80));
    if (z.empty() || z.size() % crypto::block_size(info.cipher) != 0 || z.size() > 64)
        return fail(Errc::malformed, "PACE: encrypted nonce has a wrong length");
    Bytes nonce = KIOSK_TRY(pace_decrypt_nonce(info.cipher, password, z));

    // 2. Mapping: H = SK_map * PK_map,IC; G' = s*G + H.
    auto const group = KIOSK_TRY(crypto::EcGroup::create(info.curve()));
    Bytes map_secret = KIOSK_TRY(make_scalar(group));
    auto const map_public = KIOSK_TRY(group.public_key(map_secret));
    auto const step2 = KIOSK_TRY(general_authenticate(transmit, dynamic_auth(0x81, map_public), false));
    auto const chip_map_public = KIOSK_TRY(dynamic_auth_value(step2, 0x82));
    if (same(chip_map_public, map_public))
        return fail(Errc::malformed, "PACE: chip echoed our mapping key");
    auto const shared = KIOSK_TRY(group.multiply(map_secret, chip_map_public));
    crypto::wipe(map_secret);
    auto const mapped = KIOSK_TRY(group.map_generator(nonce, shared));
    crypto::wipe(nonce);

    // 3. Key agreement on the mapped generator.
    Bytes secret = KIOSK_TRY(make_scalar(mapped));
    auto const public_key = KIOSK_TRY(mapped.public_key(secret));
    auto const step3 = KIOSK_TRY(general_authenticate(transmit, dynamic_auth(0x83, public_key), false));
    auto const chip_public = KIOSK_TRY(dynamic_auth_value(step3, 0x84));
    if (same(chip_public, public_key))
        return fail(Errc::malformed, "PACE: chip echoed our ephemeral key");
    auto point = KIOSK_TRY(mapped.multiply(secret, chip_public));
    crypto::wipe(secret);
    Bytes k = KIOSK_TRY(mapped.x_coordinate(point));
    crypto::wipe(point);
    auto enc = crypto::derive_key(info.cipher, k, 1);
    auto mac = crypto::derive_key(info.cipher, k, 2);
    crypto::wipe(k);

    // 4. Mutual authentication tokens.
    auto const token = KIOSK_TRY(pace_token(info.cipher, mac, info.oid, chip_public));
    auto const step4 = KIOSK_TRY(general_authenticate(transmit, dynamic_auth(0x85, token), true));
    auto const chip_token = KIOSK_TRY(dynamic_auth_value(step4, 0x86));
    auto const expected = KIOSK_TRY(pace_token(info.cipher, mac, info.oid, public_key));
    if (!same(chip_token, expected))
        return fail(Errc::refused, "PACE: chip's token does not verify");
    return SecureMessaging(info.cipher, std::move(enc), std::move(mac), Bytes(crypto::block_size(info.cipher), 0));
}

// ---------------------------------------------------------------------------------------------
// Card side

PaceCard::PaceCard(std::vector<PaceInfo> offered, Bytes can, Bytes mrz_password)
    : m_offered(std::move(offered))
    , m_can(std::move(can))
    , m_mrz_password(std::move(mrz_password))
{
}

PaceCard::~PaceCard()
{
    reset();
    crypto::wipe(m_can);
    crypto::wipe(m_mrz_password);
}

void PaceCard::reset() noexcept
{
    m_step = 0;
    crypto::wipe(m_password);
    crypto::wipe(m_nonce);
    crypto::wipe(m_secret);
    crypto::wipe(m_enc_key);
    crypto::wipe(m_mac_key);
    m_public.clear();
    m_reader_public.clear();
    m_mapped.reset();
}

Bytes PaceCard::handle(Apdu const& command)
{
    auto answer = step(command);
    if (answer)
        return std::move(*answer);
    reset();
    if (answer.error().code() == Errc::refused)
        return join_response({}, sw::AUTH_FAILED);
    return join_response({}, sw::WRONG_DATA);
}

Result<Bytes> PaceCard::step(Apdu const& command)
{
    if (command.ins == INS_MSE) {
        reset();
        m_session.reset();
        if (command.p1 != 0xC1 || command.p2 != 0xA4)
            return fail(Errc::malformed, "MSE: not Set AT for PACE");
        auto const oid = KIOSK_TRY(find(command.data, 0x80));
        auto const reference = KIOSK_TRY(find(command.data, 0x83));
        std::uint64_t parameter = 0;
        if (auto const domain = find(command.data, 0x84))
            parameter = KIOSK_TRY(to_unsigned(domain->value));
        for (auto const& info : m_offered) {
            if (same(info.oid, oid.value) && (parameter == 0 || parameter == info.parameter_id))
                m_selected = info;
        }
        if (!m_selected || reference.value.size() != 1)
            return fail(Errc::malformed, "MSE: protocol not offered");
        if (reference.value[0] == static_cast<std::uint8_t>(PacePassword::can) && !m_can.empty())
            m_password = m_can;
        else if (reference.value[0] == static_cast<std::uint8_t>(PacePassword::mrz) && !m_mrz_password.empty())
            m_password = m_mrz_password;
        else
            return fail(Errc::malformed, "MSE: password not available");
        m_group.emplace(KIOSK_TRY(crypto::EcGroup::create(m_selected->curve())));
        m_step = 1;
        return join_response({}, sw::OK);
    }
    if (command.ins != INS_GENERAL_AUTHENTICATE || !m_selected || !m_group)
        return fail(Errc::malformed, "PACE: unexpected command");
    auto const cipher = m_selected->cipher;
    bool const last = (command.cla & 0x10) == 0;
    switch (m_step) {
    case 1: {
        if (last)
            return fail(Errc::malformed, "PACE: chain ended early");
        m_nonce = KIOSK_TRY(crypto::random_bytes(NONCE_SIZE));
        auto const z = KIOSK_TRY(pace_encrypt_nonce(cipher, m_password, m_nonce));
        m_step = 2;
        return join_response(dynamic_auth(0x80, z), sw::OK);
    }
    case 2: {
        auto const reader_map = KIOSK_TRY(dynamic_auth_value(command.data, 0x81));
        Bytes map_secret = KIOSK_TRY(m_group->random_scalar());
        auto const map_public = KIOSK_TRY(m_group->public_key(map_secret));
        auto const shared = KIOSK_TRY(m_group->multiply(map_secret, reader_map));
        crypto::wipe(map_secret);
        m_mapped.emplace(KIOSK_TRY(m_group->map_generator(m_nonce, shared)));
        m_step = 3;
        return join_response(dynamic_auth(0x82, map_public), sw::OK);
    }
    case 3: {
        m_reader_public = KIOSK_TRY(dynamic_auth_value(command.data, 0x83));
        m_secret = KIOSK_TRY(m_mapped->random_scalar());
        m_public = KIOSK_TRY(m_mapped->public_key(m_secret));
        if (same(m_public, m_reader_public))
            return fail(Errc::malformed, "PACE: reader echoed our key");
        auto point = KIOSK_TRY(m_mapped->multiply(m_secret, m_reader_public));
        Bytes k = KIOSK_TRY(m_mapped->x_coordinate(point));
        m_enc_key = crypto::derive_key(cipher, k, 1);
        m_mac_key = crypto::derive_key(cipher, k, 2);
        crypto::wipe(k);
        m_step = 4;
        return join_response(dynamic_auth(0x84, m_public), sw::OK);
    }
    case 4: {
        if (!last)
            return fail(Errc::malformed, "PACE: chain too long");
        auto const reader_token = KIOSK_TRY(dynamic_auth_value(command.data, 0x85));
        auto const expected = KIOSK_TRY(pace_token(cipher, m_mac_key, m_selected->oid, m_public));
        if (!same(reader_token, expected))
            return fail(Errc::refused, "PACE: reader's token does not verify");
        auto const token = KIOSK_TRY(pace_token(cipher, m_mac_key, m_selected->oid, m_reader_public));
        m_session.emplace(cipher, m_enc_key, m_mac_key, Bytes(crypto::block_size(cipher), 0));
        reset();
        return join_response(dynamic_auth(0x86, token), sw::OK);
    }
    default:
        return fail(Errc::malformed, "PACE: no protocol selected");
    }
}

} // namespace kiosk::id
