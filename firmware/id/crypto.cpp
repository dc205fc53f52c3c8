// SPDX-License-Identifier: MIT
#include "id/crypto.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <memory>
#include <utility>

namespace kiosk::id::crypto {

namespace {

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
struct MacFree {
    void operator()(EVP_MAC* mac) const noexcept { EVP_MAC_free(mac); }
};
struct MacCtxFree {
    void operator()(EVP_MAC_CTX* ctx) const noexcept { EVP_MAC_CTX_free(ctx); }
};
struct BnFree {
    void operator()(BIGNUM* number) const noexcept { BN_clear_free(number); }
};
struct BnCtxFree {
    void operator()(BN_CTX* ctx) const noexcept { BN_CTX_free(ctx); }
};
struct PointFree {
    void operator()(EC_POINT* point) const noexcept { EC_POINT_clear_free(point); }
};
struct GroupFree {
    void operator()(EC_GROUP* group) const noexcept { EC_GROUP_free(group); }
};

using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
using BnCtxPtr = std::unique_ptr<BN_CTX, BnCtxFree>;
using PointPtr = std::unique_ptr<EC_POINT, PointFree>;
using GroupPtr = std::unique_ptr<EC_GROUP, GroupFree>;

Bytes digest(EVP_MD const* md, ByteView data)
{
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    std::array<unsigned char, EVP_MAX_MD_SIZE> out {};
    unsigned int size = 0;
    // Hashing fails only when memory runs out: nothing sensible to do but stop.
    bool const hashed = ctx && EVP_DigestInit_ex(ctx.get(), md, nullptr) == 1
        && EVP_DigestUpdate(ctx.get(), data.data(), data.size()) == 1
        && EVP_DigestFinal_ex(ctx.get(), out.data(), &size) == 1;
    KIOSK_VERIFY(hashed);
    return { out.begin(), out.begin() + size };
}

EVP_CIPHER const* cbc_cipher(Cipher cipher)
{
    switch (cipher) {
    case Cipher::tdes:
        return EVP_des_ede_cbc();
    case Cipher::aes128:
        return EVP_aes_128_cbc();
    case Cipher::aes192:
        return EVP_aes_192_cbc();
    case Cipher::aes256:
        return EVP_aes_256_cbc();
    }
    return nullptr;
}

EVP_CIPHER const* ecb_cipher(Cipher cipher)
{
    switch (cipher) {
    case Cipher::tdes:
        return EVP_des_ede_ecb();
    case Cipher::aes128:
        return EVP_aes_128_ecb();
    case Cipher::aes192:
        return EVP_aes_192_ecb();
    case Cipher::aes256:
        return EVP_aes_256_ecb();
    }
    return nullptr;
}

// Runs @p evp over @p data with no padding. Sizes are checked by the callers.
Result<Bytes> run_cipher(EVP_CIPHER const* evp, Direction direction, ByteView key, ByteView iv, ByteView data)
{
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
    if (!ctx || data.size() > static_cast<std::size_t>(INT_MAX) - 64)
        return fail(Errc::internal, "cipher context");
    int const enc = direction == Direction::encrypt ? 1 : 0;
    if (EVP_CipherInit_ex(ctx.get(), evp, nullptr, key.data(), iv.empty() ? nullptr : iv.data(), enc) != 1)
        return fail(Errc::internal, "cipher init");
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    Bytes out(data.size() + 32);
    int written = 0;
    int final_written = 0;
    if (EVP_CipherUpdate(ctx.get(), out.data(), &written, data.data(), static_cast<int>(data.size())) != 1
        || EVP_CipherFinal_ex(ctx.get(), out.data() + written, &final_written) != 1)
        return fail(Errc::internal, "cipher update");
    out.resize(static_cast<std::size_t>(written) + static_cast<std::size_t>(final_written));
    return out;
}

// Sets odd parity on every byte of a DES key, as ICAO's worked examples print them.
void adjust_parity(Bytes& key)
{
    for (auto& byte : key) {
        int ones = 0;
        for (int bit = 1; bit < 8; ++bit)
            ones += (byte >> bit) & 1;
        byte = static_cast<std::uint8_t>((byte & 0xFE) | ((ones % 2 == 0) ? 1 : 0));
    }
}

// ISO 9797-1 MAC algorithm 3 with DES: CBC-DES with K1 over all blocks but the last, then the
// last block through 3DES (K1, K2). Single DES is 3DES with K1 K1, so the default provider
// suffices and the legacy provider need not be loaded.
Result<Bytes> retail_mac(ByteView key, ByteView data)
{
    if (key.size() != 16 || data.empty() || data.size() % 8 != 0)
        return fail(Errc::invalid_argument, "retail MAC needs a 16-byte key and whole blocks");
    Bytes single(16);
    std::copy(key.begin(), key.begin() + 8, single.begin());
    std::copy(key.begin(), key.begin() + 8, single.begin() + 8);
    std::array<std::uint8_t, 8> chain {};
    std::size_t const blocks = data.size() / 8;
    for (std::size_t block = 0; block < blocks; ++block) {
        std::array<std::uint8_t, 8> input {};
        for (std::size_t i = 0; i < 8; ++i)
            input[i] = static_cast<std::uint8_t>(chain[i] ^ data[block * 8 + i]);
        auto const step = KIOSK_TRY(run_cipher(EVP_des_ede_ecb(), Direction::encrypt,
            block + 1 < blocks ? ByteView(single) : key, {}, input));
        std::copy(step.begin(), step.begin() + 8, chain.begin());
    }
    wipe(single);
    return Bytes(chain.begin(), chain.end());
}

} // namespace

void wipe(Bytes& bytes) noexcept
{
    if (bytes.capacity() != 0)
        OPENSSL_cleanse(bytes.data(), bytes.capacity());
    bytes.clear();
}

void wipe(void* data, std::size_t size) noexcept
{
    if (size != 0)
        OPENSSL_cleanse(data, size);
}

bool equal(ByteView a, ByteView b) noexcept
{
    return a.size() == b.size() && (a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0);
}

void wipe(std::string& text) noexcept
{
    if (text.capacity() != 0)
        OPENSSL_cleanse(text.data(), text.capacity());
    text.clear();
}

Result<Bytes> random_bytes(std::size_t count)
{
    Bytes out(count);
    if (count > static_cast<std::size_t>(INT_MAX) || RAND_bytes(out.data(), static_cast<int>(count)) != 1)
        return fail(Errc::internal, "random generator failed");
    return out;
}

Bytes sha1(ByteView data) { return digest(EVP_sha1(), data); }

Bytes sha256(ByteView data) { return digest(EVP_sha256(), data); }

std::size_t block_size(Cipher cipher) noexcept { return cipher == Cipher::tdes ? 8 : 16; }

std::size_t key_size(Cipher cipher) noexcept
{
    switch (cipher) {
    case Cipher::tdes:
    case Cipher::aes128:
        return 16;
    case Cipher::aes192:
        return 24;
    case Cipher::aes256:
        return 32;
    }
    return 16;
}

Bytes pad(ByteView data, std::size_t block)
{
    Bytes out(data.begin(), data.end());
    out.push_back(0x80);
    while (out.size() % block != 0)
        out.push_back(0x00);
    return out;
}

Result<Bytes> unpad(ByteView data)
{
    std::size_t end = data.size();
    while (end > 0 && data[end - 1] == 0x00)
        --end;
    if (end == 0 || data[end - 1] != 0x80)
        return fail(Errc::malformed, "secure messaging padding missing");
    return Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(end - 1));
}

Result<Bytes> cbc(Cipher cipher, Direction direction, ByteView key, ByteView iv, ByteView data)
{
    if (key.size() != key_size(cipher) || iv.size() != block_size(cipher) || data.size() % block_size(cipher) != 0)
        return fail(Errc::invalid_argument, "cipher key, IV or data size");
    return run_cipher(cbc_cipher(cipher), direction, key, iv, data);
}

Result<Bytes> encrypt_block(Cipher cipher, ByteView key, ByteView block)
{
    if (key.size() != key_size(cipher) || block.size() != block_size(cipher))
        return fail(Errc::invalid_argument, "cipher key or block size");
    return run_cipher(ecb_cipher(cipher), Direction::encrypt, key, {}, block);
}

Result<Bytes> aes_cmac(ByteView key, ByteView data)
{
    char const* name = nullptr;
    switch (key.size()) {
    case 16:
        name = "AES-128-CBC";
        break;
    case 24:
        name = "AES-192-CBC";
        break;
    case 32:
        name = "AES-256-CBC";
        break;
    default:
        return fail(Errc::invalid_argument, "AES-CMAC key size");
    }
    std::unique_ptr<EVP_MAC, MacFree> mac(EVP_MAC_fetch(nullptr, "CMAC", nullptr));
    if (!mac)
        return fail(Errc::unsupported, "OpenSSL has no CMAC");
    std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(EVP_MAC_CTX_new(mac.get()));
    std::array<OSSL_PARAM, 2> params {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, const_cast<char*>(name), 0),
        OSSL_PARAM_construct_end(),
    };
    std::array<unsigned char, 16> out {};
    std::size_t size = 0;
    if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params.data()) != 1
        || EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1
        || EVP_MAC_final(ctx.get(), out.data(), &size, out.size()) != 1 || size != 16)
        return fail(Errc::internal, "AES-CMAC failed");
    return Bytes(out.begin(), out.end());
}

Result<Bytes> mac(Cipher cipher, ByteView key, ByteView data)
{
    if (cipher == Cipher::tdes)
        return retail_mac(key, data);
    if (key.size() != key_size(cipher))
        return fail(Errc::invalid_argument, "MAC key size");
    auto full = KIOSK_TRY(aes_cmac(key, data));
    full.resize(8);
    return full;
}

Bytes derive_key(Cipher cipher, ByteView secret, std::uint32_t counter)
{
    Bytes input(secret.begin(), secret.end());
    input.push_back(static_cast<std::uint8_t>(counter >> 24));
    input.push_back(static_cast<std::uint8_t>(counter >> 16));
    input.push_back(static_cast<std::uint8_t>(counter >> 8));
    input.push_back(static_cast<std::uint8_t>(counter));
    bool const long_key = cipher == Cipher::aes192 || cipher == Cipher::aes256;
    Bytes hash = long_key ? sha256(input) : sha1(input);
    wipe(input);
    hash.resize(key_size(cipher));
    if (cipher == Cipher::tdes)
        adjust_parity(hash);
    return hash;
}

// ---------------------------------------------------------------------------------------------
// Elliptic curves

struct EcGroup::State {
    GroupPtr group;
};

EcGroup::EcGroup(std::unique_ptr<State> state)
    : m_state(std::move(state))
{
}
EcGroup::EcGroup(EcGroup&&) noexcept = default;
EcGroup& EcGroup::operator=(EcGroup&&) noexcept = default;
EcGroup::~EcGroup() = default;

Result<EcGroup> EcGroup::create(Curve curve)
{
    int const nid = curve == Curve::nist_p256 ? NID_X9_62_prime256v1 : NID_brainpoolP256r1;
    GroupPtr group(EC_GROUP_new_by_curve_name(nid));
    if (!group)
        return fail(Errc::unsupported, "OpenSSL lacks the PACE curve");
    auto state = std::make_unique<State>();
    state->group = std::move(group);
    return EcGroup(std::move(state));
}

std::size_t EcGroup::field_size() const noexcept
{
    return static_cast<std::size_t>((EC_GROUP_get_degree(m_state->group.get()) + 7) / 8);
}

namespace {

Result<PointPtr> decode_point(EC_GROUP const* group, ByteView octets, BN_CTX* ctx)
{
    PointPtr point(EC_POINT_new(group));
    if (!point)
        return fail(Errc::internal, "EC point allocation");
    // Only uncompressed points: the form PACE sends, and one fewer parser to trust.
    if (octets.empty() || octets[0] != 0x04
        || EC_POINT_oct2point(group, point.get(), octets.data(), octets.size(), ctx) != 1
        || EC_POINT_is_at_infinity(group, point.get()) == 1 || EC_POINT_is_on_curve(group, point.get(), ctx) != 1)
        return fail(Errc::malformed, "not a valid curve point");
    return point;
}

Result<Bytes> encode_point(EC_GROUP const* group, EC_POINT const* point, BN_CTX* ctx)
{
    if (EC_POINT_is_at_infinity(group, point) == 1)
        return fail(Errc::malformed, "point at infinity");
    std::size_t const size = EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, nullptr, 0, ctx);
    Bytes out(size);
    if (size == 0 || EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, out.data(), size, ctx) != size)
        return fail(Errc::internal, "EC point encoding");
    return out;
}

Result<BnPtr> scalar_from(ByteView bytes)
{
    if (bytes.empty() || bytes.size() > 66)
        return fail(Errc::invalid_argument, "EC scalar size");
    BnPtr number(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
    if (!number)
        return fail(Errc::internal, "bignum allocation");
    return number;
}

} // namespace

Result<Bytes> EcGroup::random_scalar() const
{
    BIGNUM const* order = EC_GROUP_get0_order(m_state->group.get());
    BnPtr scalar(BN_new());
    if (!scalar || order == nullptr)
        return fail(Errc::internal, "bignum allocation");
    do {
        if (BN_priv_rand_range(scalar.get(), order) != 1)
            return fail(Errc::internal, "random scalar");
    } while (BN_is_zero(scalar.get()) == 1);
    Bytes out(field_size());
    if (BN_bn2binpad(scalar.get(), out.data(), static_cast<int>(out.size())) < 0)
        return fail(Errc::internal, "scalar encoding");
    return out;
}

Result<Bytes> EcGroup::public_key(ByteView scalar) const
{
    BnCtxPtr ctx(BN_CTX_new());
    auto const number = KIOSK_TRY(scalar_from(scalar));
    PointPtr point(EC_POINT_new(m_state->group.get()));
    if (!ctx || !point || EC_POINT_mul(m_state->group.get(), point.get(), number.get(), nullptr, nullptr, ctx.get()) != 1)
        return fail(Errc::internal, "EC multiplication");
    return encode_point(m_state->group.get(), point.get(), ctx.get());
}

Result<Bytes> EcGroup::multiply(ByteView scalar, ByteView point) const
{
    BnCtxPtr ctx(BN_CTX_new());
    if (!ctx)
        return fail(Errc::internal, "bignum context");
    auto const number = KIOSK_TRY(scalar_from(scalar));
    auto const input = KIOSK_TRY(decode_point(m_state->group.get(), point, ctx.get()));
    PointPtr product(EC_POINT_new(m_state->group.get()));
    if (!product
        || EC_POINT_mul(m_state->group.get(), product.get(), nullptr, input.get(), number.get(), ctx.get()) != 1)
        return fail(Errc::internal, "EC multiplication");
    return encode_point(m_state->group.get(), product.get(), ctx.get());
}

Result<Bytes> EcGroup::x_coordinate(ByteView point) const
{
    BnCtxPtr ctx(BN_CTX_new());
    if (!ctx)
        return fail(Errc::internal, "bignum context");
    (void)KIOSK_TRY(decode_point(m_state->group.get(), point, ctx.get()));
    return Bytes(point.begin() + 1, point.begin() + 1 + static_cast<std::ptrdiff_t>(field_size()));
}

bool EcGroup::valid_point(ByteView point) const
{
    BnCtxPtr ctx(BN_CTX_new());
    return ctx && decode_point(m_state->group.get(), point, ctx.get()).has_value();
}

Result<EcGroup> EcGroup::map_generator(ByteView nonce, ByteView shared_point) const
{
    BnCtxPtr ctx(BN_CTX_new());
    if (!ctx)
        return fail(Errc::internal, "bignum context");
    EC_GROUP const* group = m_state->group.get();
    auto const h = KIOSK_TRY(decode_point(group, shared_point, ctx.get()));
    auto const s = KIOSK_TRY(scalar_from(nonce));
    PointPtr mapped(EC_POINT_new(group));
    // G' = s*G + 1*H
    BnPtr one(BN_new());
    if (!mapped || !one || BN_one(one.get()) != 1
        || EC_POINT_mul(group, mapped.get(), s.get(), h.get(), one.get(), ctx.get()) != 1)
        return fail(Errc::internal, "EC mapping");
    if (EC_POINT_is_at_infinity(group, mapped.get()) == 1)
        return fail(Errc::malformed, "mapped generator is infinity");
    GroupPtr copy(EC_GROUP_dup(group));
    if (!copy
        || EC_GROUP_set_generator(copy.get(), mapped.get(), EC_GROUP_get0_order(group), EC_GROUP_get0_cofactor(group))
            != 1)
        return fail(Errc::internal, "EC group with mapped generator");
    auto state = std::make_unique<State>();
    state->group = std::move(copy);
    return EcGroup(std::move(state));
}

} // namespace kiosk::id::crypto
