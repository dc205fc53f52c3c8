// SPDX-License-Identifier: MIT
#include "id/emul/test_pki.hpp"

#include "id/ossl_ptr.hpp"
#include "id/sod.hpp"
#include "id/tlv.hpp"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <array>
#include <fstream>
#include <system_error>

namespace kiosk::id {

namespace {

constexpr std::string_view MASTER_LIST_OID = "2.23.136.1.1.2";

using EcGroup = std::unique_ptr<EC_GROUP, ossl::Deleter<EC_GROUP, EC_GROUP_free>>;
using EcPoint = std::unique_ptr<EC_POINT, ossl::Deleter<EC_POINT, EC_POINT_free>>;
using BnCtx = std::unique_ptr<BN_CTX, ossl::Deleter<BN_CTX, BN_CTX_free>>;
using ParamBuild = std::unique_ptr<OSSL_PARAM_BLD, ossl::Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, ossl::Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, ossl::Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using Object = std::unique_ptr<ASN1_OBJECT, ossl::Deleter<ASN1_OBJECT, ASN1_OBJECT_free>>;

// P-256 key whose private scalar is SHA-256(label) reduced modulo the group order.
ossl::Pkey derive_key(std::string_view label)
{
    std::array<unsigned char, 32> digest {};
    unsigned int digest_length = 0;
    EVP_Digest(label.data(), label.size(), digest.data(), &digest_length, EVP_sha256(), nullptr);
    EcGroup group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
    BnCtx bn_ctx(BN_CTX_new());
    ossl::Bignum scalar(BN_bin2bn(digest.data(), static_cast<int>(digest.size()), nullptr));
    if (!group || !bn_ctx || !scalar || BN_nnmod(scalar.get(), scalar.get(), EC_GROUP_get0_order(group.get()), bn_ctx.get()) != 1)
        return {};
    EcPoint point(EC_POINT_new(group.get()));
    std::array<unsigned char, 65> public_octets {};
    if (!point || EC_POINT_mul(group.get(), point.get(), scalar.get(), nullptr, nullptr, bn_ctx.get()) != 1)
        return {};
    std::size_t const public_length = EC_POINT_point2oct(group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED,
        public_octets.data(), public_octets.size(), bn_ctx.get());
    ParamBuild build(OSSL_PARAM_BLD_new());
    if (!build || public_length == 0
        || OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1
        || OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) != 1
        || OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, public_octets.data(), public_length) != 1)
        return {};
    Params params(OSSL_PARAM_BLD_to_param(build.get()));
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
        || EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) != 1)
        return {};
    return ossl::Pkey(key);
}

bool add_extension(X509* cert, X509* issuer, int nid, char const* value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (extension == nullptr)
        return false;
    bool const ok = X509_add_ext(cert, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return ok;
}

enum class Role {
    csca,
    signer,
    expired_signer,
};

// A certificate for @p key named @p common_name, issued by @p issuer (null: self-signed).
ossl::X509Ptr make_certificate(EVP_PKEY* key, char const* common_name, long serial, Role role, X509* issuer,
    EVP_PKEY* issuer_key)
{
    ossl::X509Ptr cert(X509_new());
    if (!cert)
        return {};
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC, reinterpret_cast<unsigned char const*>("VN"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<unsigned char const*>("Kiosk Test PKI"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<unsigned char const*>(common_name), -1, -1, 0);
    X509* const issuer_cert = issuer == nullptr ? cert.get() : issuer;
    if (X509_set_version(cert.get(), X509_VERSION_3) != 1 || ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial) != 1
        || X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer_cert)) != 1
        || ASN1_TIME_set_string_X509(X509_getm_notBefore(cert.get()), "20200101000000Z") != 1
        || ASN1_TIME_set_string_X509(X509_getm_notAfter(cert.get()),
               role == Role::csca ? "20600101000000Z" : role == Role::signer ? "20550101000000Z" : "20210101000000Z")
            != 1
        || X509_set_pubkey(cert.get(), key) != 1)
        return {};
    bool const ok = role == Role::csca
        ? add_extension(cert.get(), issuer_cert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0")
            && add_extension(cert.get(), issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign")
        : add_extension(cert.get(), issuer_cert, NID_key_usage, "critical,digitalSignature");
    if (!ok || !add_extension(cert.get(), issuer_cert, NID_subject_key_identifier, "hash")
        || !add_extension(cert.get(), issuer_cert, NID_authority_key_identifier, "keyid:always"))
        return {};
    if (X509_sign(cert.get(), issuer_key == nullptr ? key : issuer_key, EVP_sha256()) == 0)
        return {};
    return cert;
}

Bytes to_der(X509* cert)
{
    unsigned char* der = nullptr;
    int const length = i2d_X509(cert, &der);
    if (length <= 0)
        return {};
    Bytes out(der, der + length);
    OPENSSL_free(der);
    return out;
}

// CMS SignedData over @p content with eContentType @p oid, signed by @p cert/@p key.
Result<Bytes> sign_cms(ByteView content, std::string_view oid, X509* cert, EVP_PKEY* key)
{
    ossl::Bio data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
    unsigned int const flags = CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP;
    ossl::Cms cms(CMS_sign(cert, key, nullptr, nullptr, flags));
    Object type(OBJ_txt2obj(std::string(oid).c_str(), 1));
    if (!data || !cms || !type || CMS_set1_eContentType(cms.get(), type.get()) != 1
        || CMS_final(cms.get(), data.get(), nullptr, CMS_BINARY) != 1) {
        ERR_clear_error();
        return fail(Errc::internal, "test PKI: CMS signing failed");
    }
    unsigned char* der = nullptr;
    int const length = i2d_CMS_ContentInfo(cms.get(), &der);
    if (length <= 0)
        return fail(Errc::internal, "test PKI: CMS encoding failed");
    Bytes out(der, der + length);
    OPENSSL_free(der);
    return out;
}

} // namespace

struct TestPki::Impl {
    ossl::Pkey csca_key;
    ossl::Pkey ds_key;
    ossl::Pkey untrusted_csca_key;
    ossl::Pkey untrusted_ds_key;
    ossl::Pkey list_signer_key;
    ossl::Pkey expired_ds_key;
    ossl::X509Ptr csca;
    ossl::X509Ptr ds;
    ossl::X509Ptr untrusted_csca;
    ossl::X509Ptr untrusted_ds;
    ossl::X509Ptr list_signer;
    ossl::X509Ptr expired_ds;

    [[nodiscard]] X509* ds_of(Signer signer) const
    {
        return signer == Signer::trusted ? ds.get() : signer == Signer::untrusted ? untrusted_ds.get() : expired_ds.get();
    }
    [[nodiscard]] EVP_PKEY* key_of(Signer signer) const
    {
        return signer == Signer::trusted ? ds_key.get()
            : signer == Signer::untrusted ? untrusted_ds_key.get()
                                          : expired_ds_key.get();
    }
};

Result<TestPki> TestPki::create()
{
    auto impl = std::make_shared<Impl>();
    impl->csca_key = derive_key("kiosk test PKI: CSCA");
    impl->ds_key = derive_key("kiosk test PKI: document signer");
    impl->untrusted_csca_key = derive_key("kiosk test PKI: untrusted CSCA");
    impl->untrusted_ds_key = derive_key("kiosk test PKI: untrusted document signer");
    impl->list_signer_key = derive_key("kiosk test PKI: master list signer");
    impl->expired_ds_key = derive_key("kiosk test PKI: expired document signer");
    if (!impl->csca_key || !impl->ds_key || !impl->untrusted_csca_key || !impl->untrusted_ds_key || !impl->list_signer_key
        || !impl->expired_ds_key)
        return fail(Errc::internal, "test PKI: key derivation failed");
    impl->csca = make_certificate(impl->csca_key.get(), "Kiosk Test CSCA", 1, Role::csca, nullptr, nullptr);
    if (!impl->csca)
        return fail(Errc::internal, "test PKI: CSCA certificate failed");
    impl->ds = make_certificate(impl->ds_key.get(), "Kiosk Test Document Signer", 2, Role::signer, impl->csca.get(),
        impl->csca_key.get());
    impl->list_signer = make_certificate(impl->list_signer_key.get(), "Kiosk Test Master List Signer", 3, Role::signer,
        impl->csca.get(), impl->csca_key.get());
    impl->expired_ds = make_certificate(impl->expired_ds_key.get(), "Kiosk Test Expired Document Signer", 4,
        Role::expired_signer, impl->csca.get(), impl->csca_key.get());
    impl->untrusted_csca
        = make_certificate(impl->untrusted_csca_key.get(), "Kiosk Untrusted CSCA", 1, Role::csca, nullptr, nullptr);
    if (!impl->ds || !impl->list_signer || !impl->expired_ds || !impl->untrusted_csca)
        return fail(Errc::internal, "test PKI: certificate failed");
    impl->untrusted_ds = make_certificate(impl->untrusted_ds_key.get(), "Kiosk Untrusted Document Signer", 2, Role::signer,
        impl->untrusted_csca.get(), impl->untrusted_csca_key.get());
    if (!impl->untrusted_ds)
        return fail(Errc::internal, "test PKI: certificate failed");
    ERR_clear_error();
    return TestPki(std::move(impl));
}

std::string TestPki::csca_pem() const
{
    ossl::Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), m_impl->csca.get()) != 1)
        return {};
    char* data = nullptr;
    long const length = BIO_get_mem_data(bio.get(), &data);
    return { data, static_cast<std::size_t>(length) };
}

Bytes TestPki::csca_der() const { return to_der(m_impl->csca.get()); }
Bytes TestPki::untrusted_csca_der() const { return to_der(m_impl->untrusted_csca.get()); }
Bytes TestPki::ds_der(Signer signer) const { return to_der(m_impl->ds_of(signer)); }

Result<void> TestPki::write_trust_store(std::filesystem::path const& folder) const
{
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        return fail(Errc::io, "test PKI: cannot create the trust store folder");
    std::ofstream out(folder / "csca.pem", std::ios::binary | std::ios::trunc);
    out << csca_pem();
    out.close();
    if (!out)
        return fail(Errc::io, "test PKI: cannot write csca.pem");
    return {};
}

Result<Bytes> TestPki::master_list() const
{
    Bytes const csca = csca_der();
    Bytes body = encode_unsigned(0);
    append_tlv(body, tag::SET, ByteView { csca.data(), csca.size() });
    Bytes const list = encode_tlv(tag::SEQUENCE, ByteView { body.data(), body.size() });
    return sign_cms({ list.data(), list.size() }, MASTER_LIST_OID, m_impl->list_signer.get(), m_impl->list_signer_key.get());
}

Result<Bytes> TestPki::sign_sod(ByteView lds_security_object, Signer signer) const
{
    auto const cms = KIOSK_TRY(
        sign_cms(lds_security_object, LDS_SECURITY_OBJECT_OID, m_impl->ds_of(signer), m_impl->key_of(signer)));
    return encode_tlv(0x77, ByteView { cms.data(), cms.size() });
}

Result<Bytes> corrupt_sod_signature(ByteView sod)
{
    auto const outer = KIOSK_TRY(parse_single(sod));
    if (outer.tag != 0x77)
        return fail(Errc::malformed, "corrupt_sod_signature: not EF.SOD");
    auto const* cursor = outer.value.data();
    ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(outer.value.size())));
    STACK_OF(CMS_SignerInfo)* signers = cms ? CMS_get0_SignerInfos(cms.get()) : nullptr;
    if (signers == nullptr || sk_CMS_SignerInfo_num(signers) < 1) {
        ERR_clear_error();
        return fail(Errc::malformed, "corrupt_sod_signature: no signer");
    }
    ASN1_OCTET_STRING* signature = CMS_SignerInfo_get0_signature(sk_CMS_SignerInfo_value(signers, 0));
    int const length = ASN1_STRING_length(signature);
    if (length < 8)
        return fail(Errc::malformed, "corrupt_sod_signature: no signature");
    Bytes bytes(ASN1_STRING_get0_data(signature), ASN1_STRING_get0_data(signature) + length);
    // The last byte belongs to the ECDSA s value: the DER stays valid, the value is wrong.
    bytes.back() ^= 0x01U;
    if (ASN1_STRING_set(signature, bytes.data(), length) != 1)
        return fail(Errc::internal, "corrupt_sod_signature: OpenSSL failed");
    unsigned char* der = nullptr;
    int const der_length = i2d_CMS_ContentInfo(cms.get(), &der);
    if (der_length <= 0)
        return fail(Errc::internal, "corrupt_sod_signature: encoding failed");
    Bytes const encoded(der, der + der_length);
    OPENSSL_free(der);
    return encode_tlv(0x77, ByteView { encoded.data(), encoded.size() });
}

} // namespace kiosk::id
