// SPDX-License-Identifier: MIT
#include "id/sod.hpp"

#include "id/ossl_ptr.hpp"
#include "id/tlv.hpp"

#include <openssl/objects.h>

#include <array>

namespace kiosk::id {

namespace {

struct HashAlgorithm {
    std::string_view oid;
    char const* name;
};
constexpr std::array HASHES {
    HashAlgorithm { "1.3.14.3.2.26", "SHA1" },
    HashAlgorithm { "2.16.840.1.101.3.4.2.4", "SHA224" },
    HashAlgorithm { "2.16.840.1.101.3.4.2.1", "SHA256" },
    HashAlgorithm { "2.16.840.1.101.3.4.2.2", "SHA384" },
    HashAlgorithm { "2.16.840.1.101.3.4.2.3", "SHA512" },
};

char const* hash_name(std::string_view oid)
{
    for (auto const& hash : HASHES) {
        if (hash.oid == oid)
            return hash.name;
    }
    return nullptr;
}

std::string object_text(ASN1_OBJECT const* object)
{
    std::array<char, 128> text {};
    int const length = OBJ_obj2txt(text.data(), static_cast<int>(text.size()), object, 1);
    if (length <= 0 || static_cast<std::size_t>(length) >= text.size())
        return {};
    return { text.data(), static_cast<std::size_t>(length) };
}

} // namespace

DgHash const* Sod::hash_of(int number) const noexcept
{
    for (auto const& entry : dg_hashes) {
        if (entry.number == number)
            return &entry;
    }
    return nullptr;
}

Result<Sod> parse_lds_security_object(ByteView der)
{
    auto const top = KIOSK_TRY(parse_single(der));
    if (top.tag != tag::SEQUENCE)
        return fail(Errc::malformed, "LDSSecurityObject: not a SEQUENCE");
    TlvReader fields(top.value);
    auto version = KIOSK_TRY(fields.next());
    if (!version || version->tag != tag::INTEGER || !to_unsigned(version->value))
        return fail(Errc::malformed, "LDSSecurityObject: no version");
    auto algorithm = KIOSK_TRY(fields.next());
    if (!algorithm || algorithm->tag != tag::SEQUENCE)
        return fail(Errc::malformed, "LDSSecurityObject: no hash algorithm");
    ByteView algorithm_body = algorithm->value;
    auto const oid = KIOSK_TRY(read_tlv(algorithm_body));
    if (oid.tag != tag::OID)
        return fail(Errc::malformed, "LDSSecurityObject: hash algorithm is not an OID");
    Sod sod;
    sod.hash_algorithm_oid = KIOSK_TRY(oid_to_string(oid.value));
    if (char const* name = hash_name(sod.hash_algorithm_oid); name != nullptr)
        sod.hash_algorithm = name;
    auto hashes = KIOSK_TRY(fields.next());
    if (!hashes || hashes->tag != tag::SEQUENCE)
        return fail(Errc::malformed, "LDSSecurityObject: no data group hashes");
    TlvReader entries(hashes->value);
    while (auto entry = KIOSK_TRY(entries.next())) {
        if (entry->tag != tag::SEQUENCE)
            return fail(Errc::malformed, "LDSSecurityObject: hash entry is not a SEQUENCE");
        TlvReader parts(entry->value);
        auto number = KIOSK_TRY(parts.next());
        auto hash = KIOSK_TRY(parts.next());
        if (!number || number->tag != tag::INTEGER || !hash || hash->tag != tag::OCTET_STRING || !parts.at_end())
            return fail(Errc::malformed, "LDSSecurityObject: hash entry is not {INTEGER, OCTET STRING}");
        auto const value = to_unsigned(number->value);
        if (!value || *value < 1 || *value > 16)
            return fail(Errc::malformed, "LDSSecurityObject: data group number outside 1..16");
        int const dg = static_cast<int>(*value);
        if (sod.hash_of(dg) != nullptr)
            return fail(Errc::malformed, "LDSSecurityObject: data group hashed twice");
        sod.dg_hashes.push_back(DgHash { dg, Bytes(hash->value.begin(), hash->value.end()) });
    }
    if (auto info = KIOSK_TRY(fields.next()); info && info->tag == tag::SEQUENCE) {
        if (auto lds = find(info->value, tag::PRINTABLE_STRING))
            sod.lds_version = std::string(as_text(lds->value));
    }
    return sod;
}

Result<Sod> parse_sod(ByteView file)
{
    auto const outer = KIOSK_TRY(parse_single(file));
    ByteView cms_der = outer.tag == 0x77 ? outer.value : outer.encoded;
    // OpenSSL's DER decoder is hardened and bounded; it also takes the BER some issuers use
    // inside the CMS.
    auto const* cursor = cms_der.data();
    ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(cms_der.size())));
    if (!cms || cursor != cms_der.data() + cms_der.size())
        return fail(Errc::malformed, "EF.SOD: not a CMS ContentInfo");
    if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed)
        return fail(Errc::malformed, "EF.SOD: CMS content is not SignedData");
    if (object_text(CMS_get0_eContentType(cms.get())) != LDS_SECURITY_OBJECT_OID)
        return fail(Errc::malformed, "EF.SOD: content is not an LDSSecurityObject");
    ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
    if (content == nullptr || *content == nullptr)
        return fail(Errc::malformed, "EF.SOD: SignedData has no content");
    ByteView const lds { ASN1_STRING_get0_data(*content), static_cast<std::size_t>(ASN1_STRING_length(*content)) };
    auto sod = KIOSK_TRY(parse_lds_security_object(lds));
    sod.cms.assign(cms_der.begin(), cms_der.end());

    ossl::X509Stack certs(CMS_get1_certs(cms.get()));
    STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
    if (signers == nullptr || sk_CMS_SignerInfo_num(signers) != 1)
        return fail(Errc::malformed, "EF.SOD: not exactly one signer");
    CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
    for (int i = 0; certs && i < sk_X509_num(certs.get()); ++i) {
        X509* cert = sk_X509_value(certs.get(), i);
        if (CMS_SignerInfo_cert_cmp(signer, cert) == 0) {
            unsigned char* der = nullptr;
            int const length = i2d_X509(cert, &der);
            if (length > 0) {
                sod.signer_certificate.assign(der, der + length);
                OPENSSL_free(der);
            }
            break;
        }
    }
    return sod;
}

Result<Bytes> build_lds_security_object(std::string_view hash_algorithm_oid, std::vector<DgHash> const& hashes)
{
    Bytes algorithm = KIOSK_TRY(encode_oid(hash_algorithm_oid));
    Bytes const null_params { 0x05, 0x00 };
    algorithm.insert(algorithm.end(), null_params.begin(), null_params.end());
    Bytes entries;
    for (auto const& entry : hashes) {
        Bytes body = encode_unsigned(static_cast<std::uint64_t>(entry.number));
        append_tlv(body, tag::OCTET_STRING, ByteView { entry.hash.data(), entry.hash.size() });
        append_tlv(entries, tag::SEQUENCE, ByteView { body.data(), body.size() });
    }
    Bytes body = encode_unsigned(0);
    append_tlv(body, tag::SEQUENCE, ByteView { algorithm.data(), algorithm.size() });
    append_tlv(body, tag::SEQUENCE, ByteView { entries.data(), entries.size() });
    return encode_tlv(tag::SEQUENCE, ByteView { body.data(), body.size() });
}

Result<Bytes> hash_with_oid(std::string_view oid, ByteView data)
{
    char const* name = hash_name(oid);
    if (name == nullptr)
        return fail(Errc::unsupported, "hash algorithm not supported");
    EVP_MD const* md = EVP_get_digestbyname(name);
    if (md == nullptr)
        return fail(Errc::unsupported, "hash algorithm not available in OpenSSL");
    Bytes digest(static_cast<std::size_t>(EVP_MD_get_size(md)));
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &length, md, nullptr) != 1)
        return fail(Errc::internal, "hashing failed");
    digest.resize(length);
    return digest;
}

} // namespace kiosk::id
