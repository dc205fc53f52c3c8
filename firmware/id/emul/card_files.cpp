// SPDX-License-Identifier: MIT
#include "id/emul/card_files.hpp"

#include "id/dg1.hpp"
#include "id/dg13.hpp"
#include "id/ef_com.hpp"
#include "id/sod.hpp"
#include "id/wipe.hpp"

#include <array>
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace kiosk::id {

namespace {

struct Province {
    std::string_view code;
    std::string_view name;
};
constexpr std::array PROVINCES {
    Province { "001", "Hà Nội" },
    Province { "011", "Điện Biên" },
    Province { "038", "Thanh Hóa" },
    Province { "040", "Nghệ An" },
    Province { "048", "Đà Nẵng" },
    Province { "066", "Đắk Lắk" },
    Province { "079", "TP Hồ Chí Minh" },
    Province { "092", "Cần Thơ" },
};

std::string province_of(std::string_view id_number)
{
    for (auto const& province : PROVINCES) {
        if (id_number.substr(0, 3) == province.code)
            return std::string(province.name);
    }
    return "Hà Nội";
}

// The chip's ID number: the persona's, except for wrong_key, whose chip has its last six
// digits reversed (so CAN, document number and MRZ all differ).
std::string chip_id_number(Persona const& persona)
{
    std::string id(persona.id_number);
    if (persona.fault == CardFault::wrong_key && id.size() == 12)
        std::reverse(id.begin() + 6, id.end());
    return id;
}

std::string yymmdd(std::string_view iso)
{
    if (iso.size() != 10)
        return {};
    std::string out;
    out += iso.substr(2, 2);
    out += iso.substr(5, 2);
    out += iso.substr(8, 2);
    return out;
}

// A 64 x 80 synthetic face (background gradient, head, eyes, mouth), shaded per persona so
// every card's DG2 differs. Not a photograph of anyone.
FacePixels synthetic_face(std::string_view seed)
{
    unsigned hash = 2166136261U;
    for (char c : seed)
        hash = (hash ^ static_cast<unsigned char>(c)) * 16777619U;
    FacePixels face;
    face.width = 64;
    face.height = 80;
    face.channels = 3;
    face.pixels.resize(std::size_t { 64 } * 80 * 3);
    auto const skin = static_cast<int>(150 + hash % 80);
    for (int y = 0; y < face.height; ++y) {
        for (int x = 0; x < face.width; ++x) {
            double const dx = (x - 32) / 22.0;
            double const dy = (y - 38) / 30.0;
            bool const head = dx * dx + dy * dy <= 1.0;
            bool const eye = (std::abs(x - 23) <= 2 || std::abs(x - 41) <= 2) && std::abs(y - 32) <= 2;
            bool const mouth = std::abs(x - 32) <= 7 && std::abs(y - 52) <= 1;
            int r = 40 + y;
            int g = 90 + y / 2;
            int b = 200 - y;
            if (head) {
                r = skin;
                g = skin * 3 / 4;
                b = skin / 2;
            }
            if (head && (eye || mouth)) {
                r = 40;
                g = 30;
                b = 30;
            }
            auto* pixel = &face.pixels[(static_cast<std::size_t>(y) * 64U + static_cast<std::size_t>(x)) * 3U];
            pixel[0] = static_cast<std::uint8_t>(r);
            pixel[1] = static_cast<std::uint8_t>(g);
            pixel[2] = static_cast<std::uint8_t>(b);
        }
    }
    return face;
}

Result<Bytes> face_dg2(Persona const& persona, FaceFormat format)
{
    FacePixels const face = synthetic_face(persona.name);
    Bytes image = format == FaceFormat::jpeg ? KIOSK_TRY(encode_jpeg(face, 85)) : KIOSK_TRY(encode_jpeg2000(face, 8.0F));
    Bytes dg2 = build_dg2(format, ByteView { image.data(), image.size() }, static_cast<std::uint16_t>(face.width),
        static_cast<std::uint16_t>(face.height));
    wipe_bytes(image);
    return dg2;
}

void split_name(std::string_view full_name, std::string_view& surname, std::string_view& given)
{
    auto const space = full_name.find(' ');
    surname = full_name.substr(0, space);
    given = space == std::string_view::npos ? std::string_view {} : full_name.substr(space + 1);
}

} // namespace

CardFiles::~CardFiles() { wipe(); }

void CardFiles::wipe() noexcept
{
    for (auto* text : { &id_number, &can, &document_number, &birth_yymmdd, &expiry_yymmdd, &mrz })
        wipe_string(*text);
    for (auto* file : { &ef_com, &dg1, &dg2, &dg13, &sod })
        wipe_bytes(*file);
}

Bytes const* CardFiles::by_fid(std::uint16_t file_id) const noexcept
{
    switch (file_id) {
    case fid::EF_COM: return &ef_com;
    case fid::DG1: return &dg1;
    case fid::DG2: return &dg2;
    case fid::DG13: return &dg13;
    case fid::EF_SOD: return &sod;
    default: return nullptr;
    }
}

Bytes const* CardFiles::by_sfi(std::uint8_t short_id) const noexcept
{
    switch (short_id) {
    case sfi::EF_COM: return &ef_com;
    case sfi::DG1: return &dg1;
    case sfi::DG2: return &dg2;
    case sfi::DG13: return &dg13;
    case sfi::EF_SOD: return &sod;
    default: return nullptr;
    }
}

Dg13 persona_dg13(Persona const& persona)
{
    Dg13 fields;
    std::string const id = chip_id_number(persona);
    std::string const province = province_of(id);
    std::string_view surname;
    std::string_view given;
    split_name(persona.full_name, surname, given);
    fields.id_number = id;
    fields.full_name = std::string(persona.full_name);
    fields.birth_date = std::string(persona.birth_date);
    fields.sex = persona.sex == "F" ? "Nữ" : "Nam";
    fields.nationality = "Việt Nam";
    fields.ethnicity = persona.name == "h-hen" ? "Ê Đê" : persona.name == "expired" ? "Thái" : "Kinh";
    fields.religion = persona.name == "h-hen" ? "Tin Lành" : "Không";
    fields.place_of_origin = "Xã Tân Phú, " + province;
    fields.place_of_residence = "Số 12 Đường Trần Phú, Phường Quang Trung, " + province;
    fields.identifying_marks = "Nốt ruồi C:1cm trên trước mép trái";
    fields.issue_date = persona.fault == CardFault::expired ? "2010-06-30" : "2021-04-15";
    fields.expiry_date = std::string(persona.expiry_date);
    fields.father_name = std::string(surname) + " VĂN AN";
    fields.mother_name = "NGUYỄN THỊ BÌNH";
    fields.spouse_name = persona.birth_date < "1996" ? "TRẦN MINH KHÔI" : "";
    // Citizens born before 2000 had a 9-digit CMND before the 12-digit CCCD.
    if (persona.birth_date < "2000")
        fields.old_id_number = "1" + id.substr(4, 8);
    return fields;
}

Result<CardFiles> build_card_files(Persona const& persona, TestPki const& pki, CardFileOptions const& options)
{
    CardFiles files;
    files.id_number = chip_id_number(persona);
    if (files.id_number.size() != 12)
        return fail(Errc::invalid_argument, "card files: the persona's ID number is not 12 digits");
    files.can = files.id_number.substr(6);
    files.document_number = files.id_number.substr(3);
    files.birth_yymmdd = yymmdd(persona.birth_date);
    files.expiry_yymmdd = yymmdd(persona.expiry_date);

    std::string_view surname;
    std::string_view given;
    split_name(persona.full_name, surname, given);
    MrzInput mrz;
    mrz.document_number = files.document_number;
    mrz.optional_data = files.id_number;
    mrz.birth_date = persona.birth_date;
    mrz.sex = persona.sex;
    mrz.expiry_date = persona.expiry_date;
    mrz.surname = surname;
    mrz.given_names = given;
    files.mrz = KIOSK_TRY(build_td1(mrz));
    files.dg1 = build_dg1(files.mrz);
    files.dg2 = KIOSK_TRY(face_dg2(persona, options.face));
    files.dg13 = build_dg13(persona_dg13(persona));
    files.ef_com = build_ef_com(EfCom { "0107", "040000", { 0x61, 0x75, 0x6D } });

    std::vector<DgHash> hashes;
    for (auto const& [number, file] : { std::pair { 1, &files.dg1 }, std::pair { 2, &files.dg2 }, std::pair { 13, &files.dg13 } })
        hashes.push_back(DgHash { number, KIOSK_TRY(hash_with_oid(SHA256_OID, ByteView { file->data(), file->size() })) });
    auto const lds = KIOSK_TRY(build_lds_security_object(SHA256_OID, hashes));
    Signer const signer = persona.fault == CardFault::untrusted_csca ? Signer::untrusted : Signer::trusted;
    files.sod = KIOSK_TRY(pki.sign_sod(ByteView { lds.data(), lds.size() }, signer));

    if (persona.fault == CardFault::bad_signature)
        files.sod = KIOSK_TRY(corrupt_sod_signature(ByteView { files.sod.data(), files.sod.size() }));
    if (persona.fault == CardFault::tampered_dg) {
        // The house number changed in the place of residence: still a well-formed DG13.
        Dg13 altered = persona_dg13(persona);
        altered.place_of_residence.replace(altered.place_of_residence.find("12"), 2, "99");
        files.dg13 = build_dg13(altered);
    }
    return files;
}

} // namespace kiosk::id
