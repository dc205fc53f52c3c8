// SPDX-License-Identifier: MIT
#include "signing/verify_key.hpp"

#include "signing/openssl_handles.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>

namespace kiosk::signing {

std::string to_hex(ByteView bytes)
{
    static constexpr char DIGITS[] = "0123456789abcdef";
    std::string text;
    text.reserve(bytes.size() * 2);
    for (auto byte : bytes) {
        text += DIGITS[byte >> 4U];
        text += DIGITS[byte & 0x0fU];
    }
    return text;
}

Result<Bytes> from_hex(std::string_view hex)
{
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    if (hex.size() % 2 != 0)
        return fail(Errc::malformed, "reading hex: odd number of digits");
    Bytes bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int const high = nibble(hex[i]);
        int const low = nibble(hex[i + 1]);
        if (high < 0 || low < 0)
            return fail(Errc::malformed, "reading hex: not a hex digit");
        bytes.push_back(static_cast<std::uint8_t>((high << 4) | low));
    }
    return bytes;
}

Result<VerifyKey> VerifyKey::from_raw(ByteView raw)
{
    if (raw.size() != SIZE)
        return fail(Errc::malformed, "reading an Ed25519 public key: it must be 32 bytes");
    VerifyKey key;
    std::copy(raw.begin(), raw.end(), key.m_raw.begin());
    return key;
}

Result<VerifyKey> VerifyKey::from_hex(std::string_view hex)
{
    auto const bytes = KIOSK_TRY(signing::from_hex(hex));
    return from_raw(bytes);
}

Result<VerifyKey> VerifyKey::from_pem(std::string_view pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio)
        return fail(Errc::internal, "reading a public key: out of memory");
    PkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        return fail(Errc::malformed, "reading a public key: not an Ed25519 PEM public key");
    std::array<std::uint8_t, SIZE> raw {};
    std::size_t length = raw.size();
    if (EVP_PKEY_get_raw_public_key(key.get(), raw.data(), &length) != 1 || length != SIZE)
        return fail(Errc::malformed, "reading a public key: not an Ed25519 key");
    return from_raw(raw);
}

std::string VerifyKey::hex() const { return to_hex(m_raw); }

Result<std::string> VerifyKey::to_pem() const
{
    PkeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, m_raw.data(), m_raw.size()));
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!key || !bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1)
        return fail(Errc::internal, "writing a public key as PEM");
    return bio_text(bio.get());
}

std::string VerifyKey::key_id() const
{
    std::array<std::uint8_t, 32> digest {};
    unsigned int length = 0;
    EVP_Digest(m_raw.data(), m_raw.size(), digest.data(), &length, EVP_sha256(), nullptr);
    return to_hex(ByteView(digest.data(), length));
}

Result<void> VerifyKey::verify(ByteView message, ByteView signature) const
{
    if (signature.size() != SIGNATURE_SIZE)
        return fail(Errc::refused, "checking a signature: it is not 64 bytes");
    PkeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, m_raw.data(), m_raw.size()));
    DigestContextPtr context(EVP_MD_CTX_new());
    if (!key || !context || EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return fail(Errc::internal, "checking a signature: OpenSSL could not start");
    if (EVP_DigestVerify(context.get(), signature.data(), signature.size(), message.data(), message.size()) != 1)
        return fail(Errc::refused, "checking a signature: it does not verify with this key");
    return {};
}

} // namespace kiosk::signing
