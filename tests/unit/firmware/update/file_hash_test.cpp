// SPDX-License-Identifier: MIT
#include <update/file_hash.hpp>

#include <string>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;

TEST_GROUP(FileHash)
{
    kiosk::test::TempDir m_dir;
};

TEST(FileHash, sha256_of_a_known_text)
{
    // FIPS 180-2 example: SHA-256("abc").
    auto hash = kiosk::update::sha256_file(m_dir.write("abc", "abc"));
    KIOSK_CHECK_OK(hash);
    STRCMP_EQUAL("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hash->c_str());
}

TEST(FileHash, sha256_of_an_empty_file)
{
    STRCMP_EQUAL("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        kiosk::update::sha256_file(m_dir.write("empty", ""))->c_str());
}

TEST(FileHash, verify_accepts_the_signed_length_and_hash_in_either_case)
{
    auto file = m_dir.write("abc", "abc");
    KIOSK_CHECK_OK(kiosk::update::verify_file(file, 3, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
}

TEST(FileHash, verify_refuses_a_tampered_file)
{
    auto file = m_dir.write("abc", "abd");
    auto verdict = kiosk::update::verify_file(file, 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_TRUE(verdict.error() == Errc::refused);
    STRCMP_CONTAINS("SHA-256", verdict.error().message().c_str());
}

TEST(FileHash, verify_refuses_a_wrong_length_before_hashing)
{
    auto verdict = kiosk::update::verify_file(m_dir.write("abc", "abcd"), 3, "00");
    CHECK_TRUE(verdict.error() == Errc::refused);
    STRCMP_CONTAINS("length", verdict.error().message().c_str());
}

TEST(FileHash, a_missing_file_is_not_found)
{
    CHECK_TRUE(kiosk::update::sha256_file(m_dir.path() / "none").error() == Errc::not_found);
}
