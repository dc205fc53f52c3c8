// SPDX-License-Identifier: MIT
#include "signing/signing_key.hpp"

#include "signing/openssl_handles.hpp"

#include <openssl/pem.h>

#include <array>
#include <utility>

namespace kiosk::signing {

struct SigningKey::Key {
    PkeyPtr pkey;
};

SigningKey::SigningKey(std::unique_ptr<Key> key)
    : m_key(std::move(key))
{
}

SigningKey::~SigningKey() = default;
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;

Result<SigningKey> SigningKey::generate()
{
    PkeyContextPtr context(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!context || EVP_PKEY_keygen_init(context.get()) != 1 || EVP_PKEY_keygen(context.get(), &raw) != 1)
        return fail(Errc::internal, "generating an Ed25519 key");
    auto key = std::make_unique<Key>();
    key->pkey.reset(raw);
    return SigningKey(std::move(key));
}

Result<SigningKey> SigningKey::from_seed(ByteView seed)
{
    if (seed.size() != 32)
        return fail(Errc::malformed, "reading an Ed25519 seed: it must be 32 bytes");
    PkeyPtr pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
    if (!pkey)
        return fail(Errc::internal, "making an Ed25519 key from its seed");
    auto key = std::make_unique<Key>();
    key->pkey = std::move(pkey);
    return SigningKey(std::move(key));
}

Result<SigningKey> SigningKey::from_pem(std::string_view pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio)
        return fail(Errc::internal, "reading a private key: out of memory");
    PkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!pkey || EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519)
        return fail(Errc::malformed, "reading a private key: not an Ed25519 PEM private key");
    auto key = std::make_unique<Key>();
    key->pkey = std::move(pkey);
    return SigningKey(std::move(key));
}

Result<std::string> SigningKey::to_pem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return fail(Errc::internal, "writing a private key as PEM");
    return bio_text(bio.get());
}

Result<VerifyKey> SigningKey::verify_key() const
{
    std::array<std::uint8_t, VerifyKey::SIZE> raw {};
    std::size_t length = raw.size();
    if (EVP_PKEY_get_raw_public_key(m_key->pkey.get(), raw.data(), &length) != 1)
        return fail(Errc::internal, "deriving the public key");
    return VerifyKey::from_raw(ByteView(raw.data(), length));
}

Result<Bytes> SigningKey::sign(ByteView message) const
{
    DigestContextPtr context(EVP_MD_CTX_new());
    if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, m_key->pkey.get()) != 1)
        return fail(Errc::internal, "signing: OpenSSL could not start");
    Bytes signature(VerifyKey::SIGNATURE_SIZE);
    std::size_t length = signature.size();
    if (EVP_DigestSign(context.get(), signature.data(), &length, message.data(), message.size()) != 1)
        return fail(Errc::internal, "signing failed");
    signature.resize(length);
    return signature;
}

} // namespace kiosk::signing
