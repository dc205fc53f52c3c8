// SPDX-License-Identifier: MIT
// Passive authentication against the emulator's card files of every persona fault, signed
// by the real test PKI (OpenSSL), and the trust store loaders.
#include "id/passive_auth.hpp"

#include "id/dg1.hpp"
#include "id/emul/card_files.hpp"
#include "id/emul/test_pki.hpp"
#include "id/persona.hpp"
#include "id/sod.hpp"
#include "id/tlv.hpp"
#include "support/temp_dir.hpp"

#include <array>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::Errc;
using namespace kiosk::id;

namespace {

ByteView view(Bytes const& bytes) { return { bytes.data(), bytes.size() }; }

// One PKI per test (created in setup, so CppUTest's leak check sees it freed).
std::optional<TestPki> g_pki;

TestPki const& pki() { return *g_pki; }

void create_pki() { g_pki = KIOSK_MUST(TestPki::create()); }
void destroy_pki() { g_pki.reset(); }

TrustStore trusted_store()
{
    TrustStore store;
    KIOSK_MUST(store.add_pem(pki().csca_pem()));
    return store;
}

CardFiles files_of(char const* persona)
{
    Persona const* found = find_persona(persona);
    CHECK_TRUE(found != nullptr);
    return KIOSK_MUST(build_card_files(*found, pki()));
}

PassiveAuthReport verify(CardFiles const& files, TrustStore const& store)
{
    std::array const dgs { DataGroupFile { 1, view(files.dg1) }, DataGroupFile { 2, view(files.dg2) },
        DataGroupFile { 13, view(files.dg13) } };
    return passive_authenticate(view(files.sod), dgs, store);
}

void write_bytes(std::filesystem::path const& path, Bytes const& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<char const*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

} // namespace

TEST_GROUP(PassiveAuth)
{
    void setup() override { create_pki(); }
    void teardown() override { destroy_pki(); }
};

TEST(PassiveAuth, genuine_card_passes_all_three)
{
    auto report = verify(files_of("hoa"), trusted_store());
    STRCMP_EQUAL("ok", check_name(report.hashes).data());
    STRCMP_EQUAL("ok", check_name(report.signature).data());
    STRCMP_EQUAL("ok", check_name(report.chain).data());
    CHECK_TRUE(report.verified());
    CHECK_TRUE((report.checked_dgs == std::vector<int> { 1, 2, 13 }));
    STRCMP_EQUAL("", report.detail.c_str());
}

TEST(PassiveAuth, tampered_dg13_fails_the_hashes_only)
{
    auto report = verify(files_of("tampered"), trusted_store());
    CHECK_TRUE(report.hashes == Check::failed);
    CHECK_TRUE(report.signature == Check::ok);
    CHECK_TRUE(report.chain == Check::ok);
    CHECK_FALSE(report.verified());
    CHECK_TRUE((report.mismatched_dgs == std::vector<int> { 13 }));
    STRCMP_EQUAL("DG13 hash differs", report.detail.c_str());
}

TEST(PassiveAuth, bad_signature_fails_the_signature_only)
{
    auto report = verify(files_of("bad-signature"), trusted_store());
    CHECK_TRUE(report.hashes == Check::ok);
    CHECK_TRUE(report.signature == Check::failed);
    CHECK_TRUE(report.chain == Check::ok);
    STRCMP_EQUAL("SOD signature does not verify", report.detail.c_str());
}

TEST(PassiveAuth, untrusted_csca_is_untrusted_until_added)
{
    CardFiles const files = files_of("untrusted");
    auto report = verify(files, trusted_store());
    CHECK_TRUE(report.hashes == Check::ok);
    CHECK_TRUE(report.signature == Check::ok);
    STRCMP_EQUAL("untrusted", check_name(report.chain).data());

    TrustStore both = trusted_store();
    Bytes const other = pki().untrusted_csca_der();
    CHECK_TRUE(both.add_der(view(other)).has_value());
    CHECK_TRUE(verify(files, both).verified());
}

TEST(PassiveAuth, empty_store_trusts_nothing)
{
    TrustStore empty;
    CHECK_TRUE(verify(files_of("hoa"), empty).chain == Check::untrusted);
}

TEST(PassiveAuth, expired_and_wrong_key_cards_are_genuine_chips)
{
    CardFiles const expired = files_of("expired");
    CHECK_TRUE(verify(expired, trusted_store()).verified());
    auto mrz = parse_dg1(view(expired.dg1));
    STRCMP_EQUAL("2025-06-30", mrz->expiry_date.c_str());

    CardFiles const wrong = files_of("wrong-key");
    CHECK_TRUE(verify(wrong, trusted_store()).verified());
    STRCMP_EQUAL("079090654321", wrong.id_number.c_str()); // not the persona's 079090123456
}

TEST(PassiveAuth, an_expired_document_signer_fails_the_chain_unless_time_is_ignored)
{
    CardFiles const files = files_of("hoa");
    auto const sod = KIOSK_MUST(parse_sod(view(files.sod)));
    auto const lds = KIOSK_MUST(build_lds_security_object(SHA256_OID, sod.dg_hashes));
    Bytes const expired = KIOSK_MUST(pki().sign_sod(view(lds), Signer::expired));
    std::array const dgs { DataGroupFile { 1, view(files.dg1) }, DataGroupFile { 13, view(files.dg13) } };

    auto now = passive_authenticate(view(expired), dgs, trusted_store());
    CHECK_TRUE(now.hashes == Check::ok);
    CHECK_TRUE(now.signature == Check::ok);
    STRCMP_EQUAL("failed", check_name(now.chain).data()); // known issuer, so failed, not untrusted
    STRCMP_EQUAL("DS certificate chain: certificate has expired", now.detail.c_str());

    auto past = passive_authenticate(view(expired), dgs, trusted_store(), CertificateTime::ignore);
    CHECK_TRUE(past.verified());
}

TEST(PassiveAuth, a_data_group_the_sod_does_not_list_fails)
{
    CardFiles const files = files_of("hoa");
    Bytes const extra { 0x6E, 0x01, 0x00 };
    std::array const dgs { DataGroupFile { 1, view(files.dg1) }, DataGroupFile { 14, view(extra) } };
    auto report = passive_authenticate(view(files.sod), dgs, trusted_store());
    CHECK_TRUE(report.hashes == Check::failed);
    CHECK_TRUE((report.mismatched_dgs == std::vector<int> { 14 }));
    STRCMP_EQUAL("DG14 not listed in the SOD", report.detail.c_str());
}

TEST(PassiveAuth, data_group_swapped_for_another_fails)
{
    CardFiles const files = files_of("hoa");
    std::array const dgs { DataGroupFile { 1, view(files.dg13) } };
    CHECK_TRUE(passive_authenticate(view(files.sod), dgs, trusted_store()).hashes == Check::failed);
}

TEST(PassiveAuth, unreadable_sod_checks_nothing)
{
    Bytes const garbage { 0x77, 0x03, 0x30, 0x01, 0x00 };
    auto report = passive_authenticate(view(garbage), {}, trusted_store());
    CHECK_TRUE(report.hashes == Check::not_checked);
    CHECK_TRUE(report.signature == Check::not_checked);
    CHECK_TRUE(report.chain == Check::not_checked);
    CHECK_FALSE(report.verified());
    STRCMP_EQUAL("SOD unreadable: EF.SOD: not a CMS ContentInfo", report.detail.c_str());

    CardFiles const files = files_of("hoa");
    Bytes truncated = files.sod;
    truncated.resize(truncated.size() / 2);
    CHECK_TRUE(passive_authenticate(view(truncated), {}, trusted_store()).signature == Check::not_checked);
}

TEST(PassiveAuth, no_data_groups_still_checks_signature_and_chain)
{
    CardFiles const files = files_of("hoa");
    auto report = passive_authenticate(view(files.sod), {}, trusted_store());
    CHECK_TRUE(report.hashes == Check::not_checked);
    CHECK_TRUE(report.signature == Check::ok);
    CHECK_TRUE(report.chain == Check::ok);
}

TEST(PassiveAuth, keys_are_the_same_in_every_process)
{
    // A second PKI (as another process would build) verifies cards of the first.
    TestPki const other = KIOSK_MUST(TestPki::create());
    TrustStore store;
    CHECK_TRUE(store.add_pem(other.csca_pem()).has_value());
    CHECK_TRUE(verify(files_of("minh"), store).verified());
}

TEST_GROUP(TrustStore)
{
    void setup() override { create_pki(); }
    void teardown() override { destroy_pki(); }
};

TEST(TrustStore, loads_a_pem_folder_written_by_the_test_pki)
{
    kiosk::test::TempDir dir;
    CHECK_TRUE(pki().write_trust_store(dir.path() / "csca").has_value());
    auto store = TrustStore::load(dir.path() / "csca");
    CHECK_TRUE(store.has_value());
    CHECK_EQUAL(1U, store->size());
    CHECK_TRUE(verify(files_of("h-hen"), *store).verified());
    // One file works as well as its folder.
    auto single = TrustStore::load(dir.path() / "csca" / "csca.pem");
    CHECK_TRUE(single.has_value());
}

TEST(TrustStore, loads_an_icao_master_list_and_der_files)
{
    kiosk::test::TempDir dir;
    write_bytes(dir.path() / "icao.ml", KIOSK_MUST(pki().master_list()));
    auto store = TrustStore::load(dir.path());
    CHECK_TRUE(store.has_value());
    CHECK_EQUAL(1U, store->size());
    CHECK_TRUE(verify(files_of("hoa"), *store).verified());
    CHECK_TRUE(verify(files_of("untrusted"), *store).chain == Check::untrusted);

    write_bytes(dir.path() / "other.der", pki().untrusted_csca_der());
    auto both = TrustStore::load(dir.path());
    CHECK_EQUAL(2U, both->size());
    CHECK_TRUE(verify(files_of("untrusted"), *both).verified());
}

TEST(TrustStore, a_tampered_master_list_is_refused)
{
    Bytes list = KIOSK_MUST(pki().master_list());
    // Flip a byte inside the CSCA certificate the list carries (its middle).
    list[list.size() / 3] ^= 0x01U;
    TrustStore store;
    auto added = store.add_master_list(view(list));
    CHECK_FALSE(added.has_value());
    CHECK_TRUE(added.error() == Errc::malformed);
    CHECK_EQUAL(0U, store.size());
}

TEST(TrustStore, bad_paths_and_files_are_clear_errors)
{
    kiosk::test::TempDir dir;
    CHECK_TRUE(TrustStore::load(dir.path() / "missing").error() == Errc::not_found);
    CHECK_TRUE(TrustStore::load(dir.path()).error() == Errc::invalid_argument); // empty folder
    dir.write("junk.pem", "not a certificate\n");
    auto junk = TrustStore::load(dir.path());
    CHECK_TRUE(junk.error() == Errc::malformed);
    STRCMP_EQUAL("trust store: a file holds no certificate or master list", junk.error().context());
    TrustStore store;
    CHECK_TRUE(store.add_pem("").error() == Errc::malformed);
    Bytes const sod = files_of("hoa").sod;
    CHECK_TRUE(store.add_master_list(view(sod)).error() == Errc::malformed); // an SOD is no master list
}

TEST_GROUP(Sod)
{
    void setup() override { create_pki(); }
    void teardown() override { destroy_pki(); }
};

TEST(Sod, parses_the_lds_security_object_and_signer)
{
    CardFiles const files = files_of("hoa");
    auto sod = parse_sod(view(files.sod));
    CHECK_TRUE(sod.has_value());
    STRCMP_EQUAL("2.16.840.1.101.3.4.2.1", sod->hash_algorithm_oid.c_str());
    STRCMP_EQUAL("SHA256", sod->hash_algorithm.c_str());
    CHECK_EQUAL(3U, sod->dg_hashes.size());
    CHECK_EQUAL(32U, sod->hash_of(13)->hash.size());
    CHECK_TRUE(sod->hash_of(3) == nullptr);
    CHECK_TRUE(sod->signer_certificate == pki().ds_der(Signer::trusted));
    CHECK_TRUE(*hash_with_oid(SHA256_OID, view(files.dg1)) == sod->hash_of(1)->hash);
}

TEST(Sod, refuses_malformed_security_objects)
{
    std::vector<DgHash> twice { DgHash { 1, Bytes(32, 0) }, DgHash { 1, Bytes(32, 1) } };
    auto lds = KIOSK_MUST(build_lds_security_object(SHA256_OID, twice));
    STRCMP_EQUAL("LDSSecurityObject: data group hashed twice", parse_lds_security_object(view(lds)).error().context());
    std::vector<DgHash> out_of_range { DgHash { 17, Bytes(32, 0) } };
    lds = KIOSK_MUST(build_lds_security_object(SHA256_OID, out_of_range));
    STRCMP_EQUAL("LDSSecurityObject: data group number outside 1..16",
        parse_lds_security_object(view(lds)).error().context());
    Bytes const not_sequence { 0x31, 0x00 };
    CHECK_TRUE(parse_lds_security_object(view(not_sequence)).error() == Errc::malformed);
    // A master list is CMS SignedData too, but not an SOD.
    Bytes const list = KIOSK_MUST(pki().master_list());
    STRCMP_EQUAL("EF.SOD: content is not an LDSSecurityObject", parse_sod(view(list)).error().context());
}

TEST(Sod, reads_lds_version_info_of_lds_1_8)
{
    // version 1 with ldsVersionInfo { "0108", "040000" }, as LDS 1.8 documents write it.
    Bytes const oid = KIOSK_MUST(encode_oid(SHA256_OID));
    Bytes const algorithm = encode_tlv(kiosk::id::tag::SEQUENCE, view(oid));
    Bytes entry = encode_unsigned(1);
    append_tlv(entry, kiosk::id::tag::OCTET_STRING, view(Bytes(32, 0xAB)));
    Bytes const entries = encode_tlv(kiosk::id::tag::SEQUENCE, view(encode_tlv(kiosk::id::tag::SEQUENCE, view(entry))));
    Bytes info = encode_tlv(kiosk::id::tag::PRINTABLE_STRING, std::string_view("0108"));
    append_tlv(info, kiosk::id::tag::PRINTABLE_STRING, as_bytes("040000"));
    Bytes body = encode_unsigned(1);
    body.insert(body.end(), algorithm.begin(), algorithm.end());
    body.insert(body.end(), entries.begin(), entries.end());
    append_tlv(body, kiosk::id::tag::SEQUENCE, view(info));
    Bytes const lds = encode_tlv(kiosk::id::tag::SEQUENCE, view(body));
    auto sod = parse_lds_security_object(view(lds));
    CHECK_TRUE(sod.has_value());
    STRCMP_EQUAL("0108", sod->lds_version.c_str());
    STRCMP_EQUAL("SHA256", sod->hash_algorithm.c_str());
    CHECK_TRUE(sod->hash_of(1)->hash == Bytes(32, 0xAB));
}

TEST(Sod, hash_algorithms)
{
    Bytes const abc { 'a', 'b', 'c' };
    CHECK_EQUAL(20U, hash_with_oid("1.3.14.3.2.26", view(abc))->size());
    CHECK_EQUAL(64U, hash_with_oid("2.16.840.1.101.3.4.2.3", view(abc))->size());
    CHECK_TRUE(hash_with_oid("1.2.3", view(abc)).error() == Errc::unsupported);
}
