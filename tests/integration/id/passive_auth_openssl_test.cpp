// SPDX-License-Identifier: MIT
// Passive authentication cross-checked with an independent CMS implementation: the
// `openssl` command-line tool verifies the SODs our test PKI signs (and refuses the faulty
// ones), and our passive_authenticate() verifies an SOD that `openssl asn1parse -genconf`
// encoded and `openssl cms -sign` signed under a CSCA made by `openssl req`.
#include "id/dg1.hpp"
#include "id/emul/card_files.hpp"
#include "id/emul/test_pki.hpp"
#include "id/passive_auth.hpp"
#include "id/persona.hpp"
#include "id/sod.hpp"
#include "id/tlv.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::test::run_process;
using namespace kiosk::id;

namespace {

constexpr char const* OPENSSL = "/usr/bin/openssl";

ByteView view(Bytes const& bytes) { return { bytes.data(), bytes.size() }; }

void write_bytes(std::filesystem::path const& path, ByteView bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<char const*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

Bytes read_bytes(std::filesystem::path const& path)
{
    std::ifstream in(path, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

std::string hex(Bytes const& bytes)
{
    std::string out;
    for (auto byte : bytes) {
        std::array<char, 3> two {};
        std::snprintf(two.data(), two.size(), "%02X", byte);
        out += two.data();
    }
    return out;
}

std::optional<TestPki> g_pki;

// `openssl cms -verify` of @p persona's SOD against the trusted CSCA; returns its exit code
// and leaves the verified content in DIR/content.der.
int openssl_verify(kiosk::test::TempDir const& dir, char const* persona)
{
    CardFiles const files = KIOSK_MUST(build_card_files(*find_persona(persona), *g_pki));
    auto const outer = KIOSK_MUST(parse_single(view(files.sod)));
    write_bytes(dir.path() / "sod.der", outer.value);
    KIOSK_MUST(g_pki->write_trust_store(dir.path()));
    auto const result = run_process({ OPENSSL, "cms", "-verify", "-inform", "DER", "-in", (dir.path() / "sod.der").string(),
        "-CAfile", (dir.path() / "csca.pem").string(), "-purpose", "any", "-binary", "-out",
        (dir.path() / "content.der").string() });
    return result.exit_code;
}

} // namespace

TEST_GROUP(PassiveAuthOpenssl)
{
    void setup() override { g_pki = KIOSK_MUST(TestPki::create()); }
    void teardown() override { g_pki.reset(); }
};

TEST(PassiveAuthOpenssl, openssl_verifies_our_sod_and_finds_the_lds_security_object)
{
    kiosk::test::TempDir dir;
    CHECK_EQUAL(0, openssl_verify(dir, "hoa"));
    Bytes const content = read_bytes(dir.path() / "content.der");
    auto lds = parse_lds_security_object(view(content));
    CHECK_TRUE(lds.has_value());
    CardFiles const files = KIOSK_MUST(build_card_files(*find_persona("hoa"), *g_pki));
    CHECK_TRUE(lds->hash_of(13)->hash == *hash_with_oid(SHA256_OID, view(files.dg13)));
}

TEST(PassiveAuthOpenssl, openssl_refuses_the_bad_signature_and_untrusted_personas)
{
    kiosk::test::TempDir bad;
    CHECK_TRUE(openssl_verify(bad, "bad-signature") != 0);
    kiosk::test::TempDir untrusted;
    CHECK_TRUE(openssl_verify(untrusted, "untrusted") != 0);
}

TEST(PassiveAuthOpenssl, we_verify_an_sod_made_entirely_by_the_openssl_tool)
{
    kiosk::test::TempDir dir;
    auto const path = [&dir](char const* name) { return (dir.path() / name).string(); };
    auto const ok = [](kiosk::test::ProcessResult const& result) {
        if (result.exit_code != 0)
            std::fprintf(stderr, "openssl failed: %s\n", result.err.c_str());
        return result.exit_code == 0;
    };
    // CSCA and document signer, P-256.
    CHECK_TRUE(ok(run_process({ OPENSSL, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", path("csca.key") })));
    CHECK_TRUE(ok(run_process({ OPENSSL, "req", "-x509", "-new", "-key", path("csca.key"), "-subj", "/C=UT/CN=CLI CSCA", "-days",
        "3650", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out",
        path("csca.pem") })));
    CHECK_TRUE(ok(run_process({ OPENSSL, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", path("ds.key") })));
    CHECK_TRUE(ok(run_process({ OPENSSL, "req", "-new", "-key", path("ds.key"), "-subj", "/C=UT/CN=CLI DS", "-out", path("ds.csr") })));
    dir.write("ds.ext", "keyUsage=critical,digitalSignature\n");
    CHECK_TRUE(ok(run_process({ OPENSSL, "x509", "-req", "-in", path("ds.csr"), "-CA", path("csca.pem"), "-CAkey",
        path("csca.key"), "-set_serial", "2", "-days", "365", "-extfile", path("ds.ext"), "-out", path("ds.pem") })));

    // The ICAO TD1 specimen as DG1, hashed into an LDSSecurityObject that openssl encodes.
    Bytes const dg1 = build_dg1("I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
    std::string const conf = "asn1=SEQUENCE:lds\n[lds]\nversion=INTEGER:0\nalgorithm=SEQUENCE:algorithm\nhashes=SEQUENCE:hashes\n"
                             "[algorithm]\noid=OID:sha256\n[hashes]\ndg1=SEQUENCE:dg1\n[dg1]\nnumber=INTEGER:1\nhash=FORMAT:HEX,OCTETSTRING:"
        + hex(*hash_with_oid(SHA256_OID, view(dg1))) + "\n";
    dir.write("lds.conf", conf);
    CHECK_TRUE(ok(run_process({ OPENSSL, "asn1parse", "-genconf", path("lds.conf"), "-noout", "-out", path("lds.der") })));
    CHECK_TRUE(ok(run_process({ OPENSSL, "cms", "-sign", "-in", path("lds.der"), "-binary", "-nodetach", "-outform", "DER",
        "-econtent_type", "2.23.136.1.1.1", "-signer", path("ds.pem"), "-inkey", path("ds.key"), "-md", "sha256", "-nosmimecap",
        "-out", path("sod.cms") })));

    Bytes const cms = read_bytes(dir.path() / "sod.cms");
    Bytes const sod = encode_tlv(0x77, view(cms));
    auto trust = TrustStore::load(dir.path() / "csca.pem");
    CHECK_TRUE(trust.has_value());
    std::array const dgs { DataGroupFile { 1, view(dg1) } };
    auto const report = passive_authenticate(view(sod), dgs, *trust);
    STRCMP_EQUAL("", report.detail.c_str());
    CHECK_TRUE(report.verified());

    // The same SOD under our test CSCA instead: untrusted. A changed DG1: hashes failed.
    TrustStore ours;
    KIOSK_MUST(ours.add_pem(g_pki->csca_pem()));
    CHECK_TRUE(passive_authenticate(view(sod), dgs, ours).chain == Check::untrusted);
    Bytes altered = dg1;
    altered.back() = '9';
    std::array const altered_dgs { DataGroupFile { 1, view(altered) } };
    CHECK_TRUE(passive_authenticate(view(sod), altered_dgs, *trust).hashes == Check::failed);
}
