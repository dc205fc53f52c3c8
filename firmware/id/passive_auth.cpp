// SPDX-License-Identifier: MIT
#include "id/passive_auth.hpp"

#include "id/ossl_ptr.hpp"
#include "id/sod.hpp"
#include "id/tlv.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <system_error>

namespace kiosk::id {

namespace {

// id-icao-cscaMasterList.
constexpr std::string_view MASTER_LIST_OID = "2.23.136.1.1.2";

std::string object_text(ASN1_OBJECT const* object)
{
    std::array<char, 128> text {};
    int const length = OBJ_obj2txt(text.data(), static_cast<int>(text.size()), object, 1);
    if (length <= 0 || static_cast<std::size_t>(length) >= text.size())
        return {};
    return { text.data(), static_cast<std::size_t>(length) };
}

Result<Bytes> read_file(std::filesystem::path const& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(Errc::io, "trust store: cannot open a file");
    Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        return fail(Errc::io, "trust store: cannot read a file");
    return bytes;
}

std::string lower_extension(std::filesystem::path const& path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

bool is_untrusted_error(int error)
{
    return error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY || error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
        || error == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT || error == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        || error == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE;
}

Result<ossl::Cms> read_cms(ByteView der)
{
    auto const* cursor = der.data();
    ossl::Cms cms(d2i_CMS_ContentInfo(nullptr, &cursor, static_cast<long>(der.size())));
    if (!cms)
        return fail(Errc::malformed, "CMS does not parse");
    return cms;
}

} // namespace

std::string_view check_name(Check check) noexcept
{
    switch (check) {
    case Check::ok: return "ok";
    case Check::failed: return "failed";
    case Check::untrusted: return "untrusted";
    case Check::not_checked: return "not_checked";
    }
    return "not_checked";
}

void TrustStore::StoreFree::operator()(x509_store_st* store) const noexcept { X509_STORE_free(store); }

TrustStore::TrustStore()
    : m_store(X509_STORE_new())
{
    KIOSK_VERIFY(m_store != nullptr);
}

TrustStore::~TrustStore() = default;
TrustStore::TrustStore(TrustStore&&) noexcept = default;
TrustStore& TrustStore::operator=(TrustStore&&) noexcept = default;

Result<void> TrustStore::add_der(ByteView der)
{
    auto const* cursor = der.data();
    ossl::X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    if (!cert || cursor != der.data() + der.size()) {
        ERR_clear_error();
        return fail(Errc::malformed, "trust store: not a DER certificate");
    }
    if (X509_STORE_add_cert(m_store.get(), cert.get()) != 1) {
        ERR_clear_error();
        return fail(Errc::internal, "trust store: OpenSSL refused a certificate");
    }
    ++m_count;
    return {};
}

Result<void> TrustStore::add_pem(std::string_view pem)
{
    ossl::Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio)
        return fail(Errc::internal, "trust store: out of memory");
    std::size_t added = 0;
    while (ossl::X509Ptr cert { PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) }) {
        if (X509_STORE_add_cert(m_store.get(), cert.get()) != 1) {
            ERR_clear_error();
            return fail(Errc::internal, "trust store: OpenSSL refused a certificate");
        }
        ++added;
    }
    ERR_clear_error(); // the loop ends on "no start line"
    if (added == 0)
        return fail(Errc::malformed, "trust store: no PEM certificate");
    m_count += added;
    return {};
}

Result<void> TrustStore::add_master_list(ByteView der)
{
    auto cms = KIOSK_TRY(read_cms(der));
    if (object_text(CMS_get0_eContentType(cms.get())) != MASTER_LIST_OID)
        return fail(Errc::malformed, "master list: content is not a CscaMasterList");
    // The signature proves the list is intact; whom it comes from is the operator's choice
    // of file (the list signer is itself certified by one of the CSCAs inside).
    ossl::Bio content(BIO_new(BIO_s_mem()));
    if (!content || CMS_verify(cms.get(), nullptr, nullptr, nullptr, content.get(), CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
        ERR_clear_error();
        return fail(Errc::malformed, "master list: signature does not verify");
    }
    char* data = nullptr;
    long const length = BIO_get_mem_data(content.get(), &data);
    if (length <= 0 || data == nullptr)
        return fail(Errc::malformed, "master list: empty content");
    ByteView const list { reinterpret_cast<std::uint8_t const*>(data), static_cast<std::size_t>(length) };
    auto const top = KIOSK_TRY(parse_single(list));
    if (top.tag != tag::SEQUENCE)
        return fail(Errc::malformed, "master list: not a SEQUENCE");
    TlvReader fields(top.value);
    auto version = KIOSK_TRY(fields.next());
    auto certs = KIOSK_TRY(fields.next());
    if (!version || version->tag != tag::INTEGER || !certs || certs->tag != tag::SET)
        return fail(Errc::malformed, "master list: not {version, SET OF Certificate}");
    TlvReader entries(certs->value);
    std::size_t added = 0;
    while (auto cert = KIOSK_TRY(entries.next())) {
        KIOSK_TRY(add_der(cert->encoded));
        ++added;
    }
    if (added == 0)
        return fail(Errc::malformed, "master list: no certificate");
    return {};
}

Result<TrustStore> TrustStore::load(std::filesystem::path const& path)
{
    std::error_code ec;
    auto const status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        return fail(Errc::not_found, "trust store: path does not exist");
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(status)) {
        for (std::filesystem::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
            auto const ext = lower_extension(it->path());
            if (ext == ".pem" || ext == ".crt" || ext == ".cer" || ext == ".der" || ext == ".ml")
                files.push_back(it->path());
        }
        if (ec)
            return fail(Errc::io, "trust store: cannot list the folder");
        std::sort(files.begin(), files.end());
    } else {
        files.push_back(path);
    }
    TrustStore store;
    for (auto const& file : files) {
        auto const bytes = KIOSK_TRY(read_file(file));
        ByteView const view { bytes.data(), bytes.size() };
        auto const ext = lower_extension(file);
        Result<void> added;
        if (ext == ".ml") {
            added = store.add_master_list(view);
        } else {
            added = store.add_pem(as_text(view));
            if (!added)
                added = store.add_der(view);
        }
        if (!added)
            return fail(Errc::malformed, "trust store: a file holds no certificate or master list");
    }
    if (store.size() == 0)
        return fail(Errc::invalid_argument, "trust store: no certificate found");
    return store;
}

PassiveAuthReport passive_authenticate(ByteView sod_file, std::span<DataGroupFile const> data_groups,
    TrustStore const& trust, CertificateTime time)
{
    PassiveAuthReport report;
    auto sod = parse_sod(sod_file);
    if (!sod) {
        report.detail = std::string("SOD unreadable: ") + sod.error().context();
        return report;
    }

    // 1. Hashes.
    if (data_groups.empty()) {
        report.detail = "no data groups to check";
    } else {
        bool all_match = true;
        for (auto const& dg : data_groups) {
            DgHash const* expected = sod->hash_of(dg.number);
            auto const actual = hash_with_oid(sod->hash_algorithm_oid, dg.bytes);
            if (!actual) {
                report.detail = "SOD hash algorithm not supported";
                all_match = false;
                report.mismatched_dgs.push_back(dg.number);
                continue;
            }
            if (expected == nullptr || expected->hash != *actual) {
                all_match = false;
                report.mismatched_dgs.push_back(dg.number);
                if (report.detail.empty())
                    report.detail = "DG" + std::to_string(dg.number) + (expected == nullptr ? " not listed in the SOD" : " hash differs");
            } else {
                report.checked_dgs.push_back(dg.number);
            }
        }
        report.hashes = all_match ? Check::ok : Check::failed;
    }

    // 2. Signature: the signed attributes' message digest covers the LDSSecurityObject,
    // and the signature covers the signed attributes.
    auto cms = read_cms({ sod->cms.data(), sod->cms.size() });
    if (!cms || sod->signer_certificate.empty()) {
        report.signature = Check::failed;
        report.chain = Check::not_checked;
        if (report.detail.empty())
            report.detail = "SOD carries no document signer certificate";
        return report;
    }
    if (CMS_verify(cms->get(), nullptr, nullptr, nullptr, nullptr, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1) {
        report.signature = Check::ok;
    } else {
        report.signature = Check::failed;
        if (report.detail.empty())
            report.detail = "SOD signature does not verify";
    }
    ERR_clear_error();

    // 3. Chain: DS certificate -> CSCA in the trust store. Other certificates in the SOD may
    // serve as intermediates but never as anchors.
    auto const* cursor = sod->signer_certificate.data();
    ossl::X509Ptr ds(d2i_X509(nullptr, &cursor, static_cast<long>(sod->signer_certificate.size())));
    ossl::X509Stack intermediates(CMS_get1_certs(cms->get()));
    ossl::StoreCtx ctx(X509_STORE_CTX_new());
    if (!ds || !ctx || X509_STORE_CTX_init(ctx.get(), trust.native(), ds.get(), intermediates.get()) != 1) {
        ERR_clear_error();
        report.chain = Check::failed;
        if (report.detail.empty())
            report.detail = "DS certificate unreadable";
        return report;
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    unsigned long flags = X509_V_FLAG_PARTIAL_CHAIN;
    if (time == CertificateTime::ignore)
        flags |= X509_V_FLAG_NO_CHECK_TIME;
    X509_VERIFY_PARAM_set_flags(param, flags);
    if (X509_verify_cert(ctx.get()) == 1) {
        report.chain = Check::ok;
    } else {
        int const error = X509_STORE_CTX_get_error(ctx.get());
        report.chain = is_untrusted_error(error) ? Check::untrusted : Check::failed;
        if (report.detail.empty())
            report.detail = std::string("DS certificate chain: ") + X509_verify_cert_error_string(error);
    }
    ERR_clear_error();
    return report;
}

} // namespace kiosk::id
