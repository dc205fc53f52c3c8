// SPDX-License-Identifier: MIT
#include "id/secure_messaging.hpp"

#include "id/tlv.hpp"

#include <utility>

namespace kiosk::id {

namespace {

constexpr std::uint32_t DO_CRYPTOGRAM = 0x87; // padding indicator 01 + cryptogram
constexpr std::uint32_t DO_LE = 0x97;
constexpr std::uint32_t DO_STATUS = 0x99;
constexpr std::uint32_t DO_MAC = 0x8E;
constexpr std::size_t MAC_SIZE = 8;

void append(Bytes& out, ByteView more) { out.insert(out.end(), more.begin(), more.end()); }

} // namespace

SecureMessaging::SecureMessaging(crypto::Cipher cipher, Bytes enc_key, Bytes mac_key, Bytes ssc)
    : m_cipher(cipher)
    , m_enc_key(std::move(enc_key))
    , m_mac_key(std::move(mac_key))
    , m_ssc(std::move(ssc))
{
    if (m_ssc.size() != crypto::block_size(m_cipher) || m_enc_key.size() != crypto::key_size(m_cipher)
        || m_mac_key.size() != crypto::key_size(m_cipher))
        close();
}

SecureMessaging::~SecureMessaging() { close(); }

void SecureMessaging::close() noexcept
{
    m_open = false;
    crypto::wipe(m_enc_key);
    crypto::wipe(m_mac_key);
    crypto::wipe(m_ssc);
}

void SecureMessaging::increment_ssc() noexcept
{
    // Big-endian counter: carry from the last byte towards the first.
    for (std::size_t i = m_ssc.size(); i > 0; --i) {
        if (++m_ssc[i - 1] != 0)
            break;
    }
}

Result<Bytes> SecureMessaging::iv()
{
    // 3DES: zero IV. AES: IV = E(KSenc, SSC) (ICAO 9303-11 §9.8.6.1).
    if (m_cipher == crypto::Cipher::tdes)
        return Bytes(8, 0);
    return crypto::encrypt_block(m_cipher, m_enc_key, m_ssc);
}

Result<Bytes> SecureMessaging::compute_mac(ByteView data)
{
    Bytes input = m_ssc;
    append(input, data);
    auto const padded = crypto::pad(input, crypto::block_size(m_cipher));
    return crypto::mac(m_cipher, m_mac_key, padded);
}

Result<Bytes> SecureMessaging::encrypt(ByteView plain)
{
    auto const padded = crypto::pad(plain, crypto::block_size(m_cipher));
    auto const vector = KIOSK_TRY(iv());
    return crypto::cbc(m_cipher, crypto::Direction::encrypt, m_enc_key, vector, padded);
}

Result<Bytes> SecureMessaging::decrypt(ByteView cryptogram)
{
    if (cryptogram.empty() || cryptogram.size() % crypto::block_size(m_cipher) != 0)
        return fail(Errc::malformed, "secure messaging cryptogram is not whole blocks");
    auto const vector = KIOSK_TRY(iv());
    auto padded = KIOSK_TRY(crypto::cbc(m_cipher, crypto::Direction::decrypt, m_enc_key, vector, cryptogram));
    auto plain = crypto::unpad(padded);
    crypto::wipe(padded);
    return plain;
}

Result<Bytes> SecureMessaging::wrap_command(Apdu const& command)
{
    if (!m_open)
        return fail(Errc::refused, "secure channel closed");
    increment_ssc();
    std::uint8_t const cla = static_cast<std::uint8_t>(command.cla | 0x0C);
    Bytes const header { cla, command.ins, command.p1, command.p2 };
    Bytes body;
    if (!command.data.empty()) {
        Bytes value { 0x01 };
        append(value, KIOSK_TRY(encrypt(command.data)));
        append_tlv(body, DO_CRYPTOGRAM, value);
    }
    bool const extended_le = command.le && *command.le > 256;
    if (command.le) {
        std::size_t const le = *command.le;
        if (extended_le)
            append_tlv(body, DO_LE,
                Bytes { static_cast<std::uint8_t>((le >> 8) & 0xFF), static_cast<std::uint8_t>(le & 0xFF) });
        else
            append_tlv(body, DO_LE, Bytes { static_cast<std::uint8_t>(le & 0xFF) });
    }
    Bytes mac_input = crypto::pad(header, crypto::block_size(m_cipher));
    append(mac_input, body);
    auto const mac = KIOSK_TRY(compute_mac(mac_input));
    append_tlv(body, DO_MAC, mac);

    Apdu protected_command { cla, command.ins, command.p1, command.p2, std::move(body), std::nullopt };
    // The response is protected too and larger than the plain one: ask for everything.
    protected_command.le = extended_le || protected_command.data.size() > 255 ? 65536 : 256;
    return protected_command.encode();
}

Result<Response> SecureMessaging::unwrap_response(ByteView response)
{
    if (!m_open)
        return fail(Errc::refused, "secure channel closed");
    auto fail_closed = [this](Errc code, char const* context) {
        close();
        return fail(code, context);
    };
    increment_ssc();
    auto split = split_response(response);
    if (!split)
        return fail_closed(Errc::malformed, "secure messaging response shorter than a status word");
    if (split->data.empty())
        return fail_closed(Errc::refused, "card answered without secure messaging");

    ByteView rest = split->data;
    std::optional<Tlv> cryptogram;
    std::optional<Tlv> status;
    std::optional<Tlv> mac;
    std::size_t mac_offset = 0;
    while (!rest.empty()) {
        std::size_t const offset = split->data.size() - rest.size();
        auto element = read_tlv(rest);
        if (!element)
            return fail_closed(Errc::malformed, "secure messaging response objects do not parse");
        if (mac)
            return fail_closed(Errc::malformed, "secure messaging data after the MAC");
        switch (element->tag) {
        case DO_CRYPTOGRAM:
            if (cryptogram || status)
                return fail_closed(Errc::malformed, "secure messaging objects out of order");
            cryptogram = *element;
            break;
        case DO_STATUS:
            if (status)
                return fail_closed(Errc::malformed, "secure messaging status twice");
            status = *element;
            break;
        case DO_MAC:
            mac = *element;
            mac_offset = offset;
            break;
        default:
            return fail_closed(Errc::malformed, "unexpected secure messaging object");
        }
    }
    if (!mac || !status)
        return fail_closed(Errc::malformed, "secure messaging response lacks DO'99' or DO'8E'");
    if (status->value.size() != 2 || mac->value.size() != MAC_SIZE)
        return fail_closed(Errc::malformed, "secure messaging DO'99' or DO'8E' has a wrong length");
    auto const expected = compute_mac(ByteView(split->data).first(mac_offset));
    if (!expected)
        return fail_closed(Errc::internal, "secure messaging MAC computation");
    if (!crypto::equal(*expected, mac->value))
        return fail_closed(Errc::malformed, "secure messaging MAC check failed");

    Response plain;
    plain.status = static_cast<std::uint16_t>((status->value[0] << 8) | status->value[1]);
    if (cryptogram) {
        if (cryptogram->value.size() < 2 || cryptogram->value[0] != 0x01)
            return fail_closed(Errc::malformed, "secure messaging DO'87' without padding indicator");
        auto data = decrypt(cryptogram->value.subspan(1));
        if (!data)
            return fail_closed(Errc::malformed, "secure messaging cryptogram does not decrypt");
        plain.data = std::move(*data);
    }
    return plain;
}

Result<Apdu> SecureMessaging::unwrap_command(ByteView command)
{
    if (!m_open)
        return fail(Errc::refused, "secure channel closed");
    auto fail_closed = [this](char const* context) {
        close();
        return fail(Errc::malformed, context);
    };
    increment_ssc();
    auto apdu = Apdu::parse(command);
    if (!apdu)
        return fail_closed("protected command does not parse");
    if ((apdu->cla & 0x0C) != 0x0C)
        return fail_closed("command without secure messaging");
    ByteView rest = apdu->data;
    std::optional<Tlv> cryptogram;
    std::optional<Tlv> le;
    std::optional<Tlv> mac;
    std::size_t mac_offset = 0;
    while (!rest.empty()) {
        std::size_t const offset = apdu->data.size() - rest.size();
        auto element = read_tlv(rest);
        if (!element || mac)
            return fail_closed("protected command objects do not parse");
        if (element->tag == DO_CRYPTOGRAM && !cryptogram && !le)
            cryptogram = *element;
        else if (element->tag == DO_LE && !le)
            le = *element;
        else if (element->tag == DO_MAC) {
            mac = *element;
            mac_offset = offset;
        } else
            return fail_closed("unexpected object in protected command");
    }
    if (!mac || mac->value.size() != MAC_SIZE)
        return fail_closed("protected command lacks DO'8E'");
    Bytes const header { apdu->cla, apdu->ins, apdu->p1, apdu->p2 };
    Bytes mac_input = crypto::pad(header, crypto::block_size(m_cipher));
    append(mac_input, ByteView(apdu->data).first(mac_offset));
    auto const expected = compute_mac(mac_input);
    if (!expected || !crypto::equal(*expected, mac->value))
        return fail_closed("protected command MAC check failed");

    Apdu plain { static_cast<std::uint8_t>(apdu->cla & ~0x0C), apdu->ins, apdu->p1, apdu->p2, {}, std::nullopt };
    if (cryptogram) {
        if (cryptogram->value.size() < 2 || cryptogram->value[0] != 0x01)
            return fail_closed("DO'87' without padding indicator");
        auto data = decrypt(cryptogram->value.subspan(1));
        if (!data)
            return fail_closed("protected command cryptogram does not decrypt");
        plain.data = std::move(*data);
    }
    if (le) {
        if (le->value.size() == 1)
            plain.le = le->value[0] == 0 ? 256 : le->value[0];
        else if (le->value.size() == 2) {
            std::size_t const value = (static_cast<std::size_t>(le->value[0]) << 8) | le->value[1];
            plain.le = value == 0 ? 65536 : value;
        } else
            return fail_closed("DO'97' has a wrong length");
    }
    return plain;
}

Result<Bytes> SecureMessaging::wrap_response(ByteView data, std::uint16_t status)
{
    if (!m_open)
        return fail(Errc::refused, "secure channel closed");
    increment_ssc();
    Bytes body;
    if (!data.empty()) {
        Bytes value { 0x01 };
        append(value, KIOSK_TRY(encrypt(data)));
        append_tlv(body, DO_CRYPTOGRAM, value);
    }
    append_tlv(body, DO_STATUS,
        Bytes { static_cast<std::uint8_t>(status >> 8), static_cast<std::uint8_t>(status & 0xFF) });
    auto const mac = KIOSK_TRY(compute_mac(body));
    append_tlv(body, DO_MAC, mac);
    return join_response(body, sw::OK);
}

} // namespace kiosk::id
