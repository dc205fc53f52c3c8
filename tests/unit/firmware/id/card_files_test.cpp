// SPDX-License-Identifier: MIT
// The emulated card's file set for every persona: every file parses, DG1 and DG13 agree
// with the persona, and the faults are where the persona table says.
#include "id/emul/card_files.hpp"

#include "id/dg1.hpp"
#include "id/dg13.hpp"
#include "id/dg2.hpp"
#include "id/ef_com.hpp"
#include "id/sod.hpp"

#include <optional>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::ByteView;
using namespace kiosk::id;

namespace {

ByteView view(Bytes const& bytes) { return { bytes.data(), bytes.size() }; }

std::optional<TestPki> g_pki;

} // namespace

TEST_GROUP(CardFiles)
{
    void setup() override { g_pki = KIOSK_MUST(TestPki::create()); }
    void teardown() override { g_pki.reset(); }
};

TEST(CardFiles, every_persona_has_a_readable_card)
{
    for (auto const& persona : personas()) {
        CardFiles const files = KIOSK_MUST(build_card_files(persona, *g_pki));
        auto com = parse_ef_com(view(files.ef_com));
        CHECK_TRUE(com.has_value());
        CHECK_TRUE((com->data_groups() == std::vector<int> { 1, 2, 13 }));

        auto mrz = parse_dg1(view(files.dg1));
        CHECK_TRUE(mrz.has_value());
        STRCMP_EQUAL(files.document_number.c_str(), mrz->document_number.c_str());
        STRCMP_EQUAL(files.id_number.c_str(), mrz->optional_data.c_str());
        STRCMP_EQUAL(std::string(persona.birth_date).c_str(), mrz->birth_date.c_str());
        STRCMP_EQUAL(std::string(persona.expiry_date).c_str(), mrz->expiry_date.c_str());
        STRCMP_EQUAL(std::string(persona.sex).c_str(), mrz->sex.c_str());
        STRCMP_EQUAL("VNM", mrz->nationality.c_str());
        STRCMP_EQUAL(to_mrz_characters(persona.full_name).c_str(), to_mrz_characters(mrz->names()).c_str());

        auto dg13 = parse_dg13(view(files.dg13));
        CHECK_TRUE(dg13.has_value());
        STRCMP_EQUAL(files.id_number.c_str(), dg13->id_number.c_str());
        STRCMP_EQUAL(std::string(persona.full_name).c_str(), dg13->full_name.c_str());
        STRCMP_EQUAL(std::string(persona.birth_date).c_str(), dg13->birth_date.c_str());
        STRCMP_EQUAL(std::string(persona.sex).c_str(), dg13->sex_code().c_str());

        auto face = parse_dg2(view(files.dg2));
        CHECK_TRUE(face.has_value());
        CHECK_TRUE(decode_face_image(*face).has_value());

        auto sod = parse_sod(view(files.sod));
        CHECK_TRUE(sod.has_value());
        CHECK_EQUAL(3U, sod->dg_hashes.size());

        STRCMP_EQUAL(files.id_number.substr(6).c_str(), files.can.c_str());
        CHECK_TRUE(files.by_fid(fid::DG13) == &files.dg13);
        CHECK_TRUE(files.by_sfi(sfi::EF_SOD) == &files.sod);
        CHECK_TRUE(files.by_fid(0x0105) == nullptr);
    }
}

TEST(CardFiles, keys_follow_the_id_number_except_for_wrong_key)
{
    CardFiles const hoa = KIOSK_MUST(build_card_files(*find_persona("hoa"), *g_pki));
    STRCMP_EQUAL("004512", hoa.can.c_str());
    STRCMP_EQUAL("187004512", hoa.document_number.c_str());
    STRCMP_EQUAL("870712", hoa.birth_yymmdd.c_str());
    STRCMP_EQUAL("470712", hoa.expiry_yymmdd.c_str());
    STRCMP_EQUAL("IDVNM1870045122038187004512<<<", hoa.mrz.substr(0, 30).c_str());

    CardFiles const wrong = KIOSK_MUST(build_card_files(*find_persona("wrong-key"), *g_pki));
    STRCMP_EQUAL("654321", wrong.can.c_str()); // the persona's ID says 123456
}

TEST(CardFiles, tampered_card_differs_only_in_dg13)
{
    CardFiles const tampered = KIOSK_MUST(build_card_files(*find_persona("tampered"), *g_pki));
    auto dg13 = parse_dg13(view(tampered.dg13));
    CHECK_TRUE(dg13.has_value());
    CHECK_TRUE(dg13->place_of_residence.find("Số 99") == 0);
    auto sod = parse_sod(view(tampered.sod));
    CHECK_TRUE(*hash_with_oid(SHA256_OID, view(tampered.dg13)) != sod->hash_of(13)->hash);
    CHECK_TRUE(*hash_with_oid(SHA256_OID, view(tampered.dg1)) == sod->hash_of(1)->hash);
}

TEST(CardFiles, jpeg2000_faces_on_request)
{
    CardFiles const files = KIOSK_MUST(build_card_files(*find_persona("minh"), *g_pki, { FaceFormat::jpeg2000 }));
    auto face = parse_dg2(view(files.dg2));
    CHECK_TRUE(face->format == FaceFormat::jpeg2000);
    auto pixels = decode_face_image(*face);
    CHECK_TRUE(pixels.has_value());
    CHECK_EQUAL(64, pixels->width);
    CHECK_EQUAL(80, pixels->height);
}

TEST(CardFiles, wipe_clears_keys_and_files)
{
    CardFiles files = KIOSK_MUST(build_card_files(*find_persona("hoa"), *g_pki));
    files.wipe();
    CHECK_TRUE(files.can.empty());
    CHECK_TRUE(files.mrz.empty());
    CHECK_TRUE(files.dg13.empty());
    CHECK_TRUE(files.sod.empty());
}
