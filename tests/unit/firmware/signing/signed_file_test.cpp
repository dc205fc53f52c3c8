// SPDX-License-Identifier: MIT
// kiosk-signed/1 files: what verifies and everything that must not (tampered, unsigned,
// wrong key, wrong type, truncated), plus the openssl CLI as an independent verifier.
#include <signing/signed_file.hpp>
#include <signing/signing_key.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using namespace kiosk::signing;

namespace {

SigningKey key_from(std::uint8_t fill)
{
    std::vector<std::uint8_t> seed(32, fill);
    return KIOSK_MUST(SigningKey::from_seed(seed));
}

std::string make(SigningKey const& key, std::string const& payload, std::string const& type = "kiosk-catalog/1")
{
    std::vector<SigningKey const*> keys { &key };
    return KIOSK_MUST(make_signed_file(type, as_bytes(payload), keys));
}

kiosk::Errc open_error(std::string const& file, TrustedKeys const& trusted, std::size_t threshold = 1)
{
    auto opened = open_signed_file(as_bytes(file), "kiosk-catalog/1", trusted, threshold);
    CHECK_FALSE(opened.has_value());
    return opened ? kiosk::Errc::internal : opened.error().code();
}

} // namespace

TEST_GROUP(SignedFile)
{
    SigningKey publisher = key_from(1);
    SigningKey stranger = key_from(2);
    TrustedKeys trusted;
    std::string payload = "{\"format\": \"kiosk-catalog/1\", \"name\": \"Đăng ký khai sinh\"}\n";

    void setup() override { trusted.add(KIOSK_MUST(publisher.verify_key())); }
};

TEST(SignedFile, a_file_signed_by_a_trusted_key_opens_to_its_payload)
{
    auto file = make(publisher, payload);
    CHECK_TRUE(looks_signed(as_bytes(file)));
    auto opened = KIOSK_MUST(open_signed_file(as_bytes(file), "kiosk-catalog/1", trusted));
    STRCMP_EQUAL(payload.c_str(), opened.payload.c_str());
    LONGS_EQUAL(1, static_cast<long>(opened.key_ids.size()));
    STRCMP_EQUAL(KIOSK_MUST(publisher.verify_key()).key_id().c_str(), opened.key_ids[0].c_str());
}

TEST(SignedFile, an_unsigned_payload_is_refused)
{
    CHECK_FALSE(looks_signed(as_bytes(payload)));
    CHECK_TRUE(open_error(payload, trusted) == kiosk::Errc::malformed);
}

TEST(SignedFile, a_tampered_payload_is_refused)
{
    auto file = make(publisher, payload);
    auto at = file.find("khai sinh");
    file[at] = 'K';
    CHECK_TRUE(open_error(file, trusted) == kiosk::Errc::malformed);
}

TEST(SignedFile, a_tampered_digest_or_signature_is_refused)
{
    auto file = make(publisher, payload);
    // Replace the payload and its digest consistently: only the signature can tell.
    std::string const other = payload + " ";
    auto const old_digest = to_hex(sha256(as_bytes(payload)));
    auto const new_digest = to_hex(sha256(as_bytes(other)));
    auto forged = file;
    forged.replace(forged.find(old_digest), old_digest.size(), new_digest);
    auto const size_key = std::string("\"payload_bytes\":") + std::to_string(payload.size());
    forged.replace(forged.find(size_key), size_key.size(),
        std::string("\"payload_bytes\":") + std::to_string(other.size()));
    forged += " ";
    CHECK_TRUE(open_error(forged, trusted) == kiosk::Errc::refused);

    auto flipped = file;
    auto const signature_at = flipped.find("\"signature\":\"") + 13;
    flipped[signature_at] = flipped[signature_at] == '0' ? '1' : '0';
    CHECK_TRUE(open_error(flipped, trusted) == kiosk::Errc::refused);
}

TEST(SignedFile, a_file_signed_by_an_untrusted_key_is_refused)
{
    CHECK_TRUE(open_error(make(stranger, payload), trusted) == kiosk::Errc::refused);
    CHECK_TRUE(open_error(make(publisher, payload), TrustedKeys {}) == kiosk::Errc::refused);
}

TEST(SignedFile, another_payload_type_is_refused_even_when_signed)
{
    CHECK_TRUE(open_error(make(publisher, payload, "kiosk-update-targets/1"), trusted) == kiosk::Errc::refused);
}

TEST(SignedFile, truncated_or_extended_files_are_refused)
{
    auto file = make(publisher, payload);
    CHECK_TRUE(open_error(file.substr(0, file.size() - 1), trusted) == kiosk::Errc::malformed);
    CHECK_TRUE(open_error(file + "x", trusted) == kiosk::Errc::malformed);
    CHECK_TRUE(open_error(file.substr(0, 20), trusted) == kiosk::Errc::malformed);
}

TEST(SignedFile, a_threshold_needs_that_many_distinct_trusted_keys)
{
    trusted.add(KIOSK_MUST(stranger.verify_key()));
    std::vector<SigningKey const*> both { &publisher, &stranger };
    auto file = KIOSK_MUST(make_signed_file("kiosk-catalog/1", as_bytes(payload), both));
    CHECK_TRUE(open_signed_file(as_bytes(file), "kiosk-catalog/1", trusted, 2).has_value());
    std::vector<SigningKey const*> twice { &publisher, &publisher };
    auto same = KIOSK_MUST(make_signed_file("kiosk-catalog/1", as_bytes(payload), twice));
    CHECK_TRUE(open_error(same, trusted, 2) == kiosk::Errc::refused);
}

TEST(SignedFile, key_files_round_trip_and_are_never_overwritten)
{
    kiosk::test::TempDir dir;
    auto const private_file = dir.path() / "k.key";
    auto const public_file = dir.path() / "k.pub";
    auto const private_pem = KIOSK_MUST(publisher.to_pem());
    auto const public_key = KIOSK_MUST(publisher.verify_key());
    auto const public_pem = KIOSK_MUST(public_key.to_pem());
    KIOSK_MUST(write_key_file(private_file, private_pem, 0600));
    KIOSK_MUST(write_key_file(public_file, public_pem, 0644));
    CHECK_FALSE(write_key_file(private_file, "x", 0600).has_value());
    auto loaded = KIOSK_MUST(load_signing_key(private_file));
    TrustedKeys from_folder;
    KIOSK_MUST(from_folder.add_folder(dir.path()));
    LONGS_EQUAL(1, static_cast<long>(from_folder.size()));
    CHECK_TRUE(open_signed_file(as_bytes(make(loaded, payload)), "kiosk-catalog/1", from_folder).has_value());
    CHECK_FALSE(load_verify_key(dir.path() / "missing.pub").has_value());
}

TEST(SignedFile, the_openssl_cli_verifies_our_signature_of_the_statement)
{
    kiosk::test::TempDir dir;
    auto file = make(publisher, payload);
    auto const statement = signed_statement("kiosk-catalog/1", to_hex(sha256(as_bytes(payload))));
    auto const signature_at = file.find("\"signature\":\"") + 13;
    auto signature = KIOSK_MUST(from_hex(file.substr(signature_at, 128)));
    auto const statement_file = dir.write("statement", statement);
    auto const signature_file
        = dir.write("signature", std::string(reinterpret_cast<char const*>(signature.data()), signature.size()));
    auto const public_key = KIOSK_MUST(publisher.verify_key());
    auto const public_pem = KIOSK_MUST(public_key.to_pem());
    auto const public_file = dir.write("k.pub", public_pem);
    auto result = kiosk::test::run_process({ "/usr/bin/openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
        public_file.string(), "-rawin", "-in", statement_file.string(), "-sigfile", signature_file.string() });
    LONGS_EQUAL(0, result.exit_code);
    STRCMP_CONTAINS("Signature Verified Successfully", result.out.c_str());
}
