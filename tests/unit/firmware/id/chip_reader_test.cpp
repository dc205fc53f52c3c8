// SPDX-License-Identifier: MIT
// ChipReader against EmrtdCardEmul in process: the reader's protocol code and the card
// emulator's, with the role-level SimCardReader carrying APDUs between them (no PN532 here;
// the pty chain has its own integration test). Every persona, wrong keys, lifted and replaced
// cards, malformed and truncated answers, hostile lengths.
#include "id/chip_reader.hpp"
#include "id/emul/card_files.hpp"
#include "id/emul/persona_card.hpp"
#include "id/emul/test_pki.hpp"
#include "id/persona.hpp"
#include "id/tlv.hpp"

#include <nfc/sim_card_reader.hpp>

#include "hex.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::Errc;
using kiosk::drivers::SimCard;
using kiosk::drivers::SimCardReader;
using namespace kiosk::id;

namespace {

// A fresh PKI per card (a few milliseconds): no static state for the leak checker to see.
TestPki pki() { return KIOSK_MUST(TestPki::create()); }

// A card on the simulated reader. When the emulator drops an answer (lifted), the card is
// taken out of the field and, if `replace_at_once`, put straight back (a citizen who lifts
// and replaces their card), so the reader sees a new card arrival.
struct Field {
    std::unique_ptr<SimCardReader> reader = SimCardReader::create();
    /// The card's files, to compare what was read with.
    std::map<std::uint16_t, Bytes> files;
    std::unique_ptr<EmrtdCardEmul> card;
    bool replace_at_once = true;
    /// Applied to each answer after the first `corrupt_after` commands (hostile chip tests).
    std::function<void(Bytes&)> corrupt;
    std::size_t corrupt_after = 0;
    std::size_t exchanged = 0;

    explicit Field(EmrtdCardConfig config)
        : files(config.files)
        , card(KIOSK_MUST(EmrtdCardEmul::create(std::move(config))))
    {
        place();
    }

    void place()
    {
        card->power_up();
        SimCard sim;
        sim.info.uid = card->uid();
        sim.info.answer_to_select = card->historical_bytes();
        sim.info.extended_length = card->extended_length();
        sim.respond = [this](ByteView command) -> Bytes {
            auto answer = card->respond(command);
            if (!answer) {
                reader->remove_card();
                if (replace_at_once)
                    place();
                return {};
            }
            if (corrupt && ++exchanged > corrupt_after)
                corrupt(*answer);
            return *answer;
        };
        reader->place_card(std::move(sim));
    }

    kiosk::Result<ChipSession> read(AccessKey const& key, ReadOptions const& options = {}) const
    {
        auto const info = KIOSK_MUST(reader->wait_for_card(std::chrono::milliseconds(100)));
        CHECK_TRUE(info.has_value());
        ChipReader chip(*reader);
        return chip.read(*info, key, options);
    }
};

Persona const& persona(char const* name)
{
    Persona const* found = find_persona(name);
    CHECK_TRUE(found != nullptr);
    return *found;
}

std::string yymmdd(std::string_view iso) { return std::string(iso.substr(2, 2)) + std::string(iso.substr(5, 2)) + std::string(iso.substr(8, 2)); }

AccessKey mrz_key(Persona const& who)
{
    return KIOSK_MUST(AccessKey::from_mrz(who.id_number.substr(3), yymmdd(who.birth_date), yymmdd(who.expiry_date)));
}

EmrtdCardConfig card_of(Persona const& who, PersonaCardOptions const& options = {})
{
    return KIOSK_MUST(persona_card_config(who, pki(), options));
}

void check_files_match(ChipSession const& session, Field const& field, bool with_dg2)
{
    auto same = [&](LdsFile file, std::uint16_t id) {
        return session.file(file) != nullptr && *session.file(file) == field.files.at(id);
    };
    CHECK_TRUE(same(LdsFile::com, fid::EF_COM));
    CHECK_TRUE(same(LdsFile::dg1, fid::DG1));
    CHECK_TRUE(same(LdsFile::dg13, fid::DG13));
    CHECK_TRUE(same(LdsFile::sod, fid::EF_SOD));
    if (with_dg2)
        CHECK_TRUE(same(LdsFile::dg2, fid::DG2));
    else
        CHECK_TRUE(session.file(LdsFile::dg2) == nullptr);
}

} // namespace

TEST_GROUP(ChipReader) {};

TEST(ChipReader, EveryValidPersonaReadsWithPaceCan)
{
    for (char const* name : { "hoa", "minh", "h-hen", "expired", "tampered", "bad-signature", "untrusted" }) {
        Persona const& who = persona(name);
        Field field(card_of(who));
        auto const key = KIOSK_MUST(AccessKey::from_id_number(who.id_number));
        auto session = field.read(key);
        CHECK_TRUE(session.has_value());
        CHECK_TRUE(session->protocol == AccessProtocol::pace);
        CHECK_EQUAL(0U, session->resumes);
        check_files_match(*session, field, false);
        // CardAccess, MSE, 4 x GA, SELECT, then one READ BINARY per file (extended length).
        CHECK_EQUAL(11U, session->apdus);
    }
}

TEST(ChipReader, BacOnlyCardUsesBac)
{
    Persona const& who = persona("hoa");
    Field field(card_of(who, { .pace = false }));
    auto session = field.read(mrz_key(who));
    CHECK_TRUE(session.has_value());
    CHECK_TRUE(session->protocol == AccessProtocol::bac);
    check_files_match(*session, field, false);
}

TEST(ChipReader, MrzKeyOnPaceCardUsesPaceWithMrzPassword)
{
    Persona const& who = persona("minh");
    Field field(card_of(who));
    auto session = field.read(mrz_key(who));
    CHECK_TRUE(session.has_value());
    CHECK_TRUE(session->protocol == AccessProtocol::pace);
}

TEST(ChipReader, CanOnlyKeyOnBacOnlyCardIsUnsupported)
{
    Persona const& who = persona("hoa");
    Field field(card_of(who, { .pace = false }));
    auto session = field.read(KIOSK_MUST(AccessKey::from_id_number(who.id_number)));
    CHECK_TRUE(session.error().code() == Errc::unsupported);
}

TEST(ChipReader, PaceRefusedFallsBackToBac)
{
    // CAN wrong, MRZ right (a mistyped CAN with a scanned MRZ): PACE fails, BAC opens it.
    Persona const& who = persona("hoa");
    Field field(card_of(who));
    // A key with both: from a TD1 MRZ whose optional data carries another ID number.
    auto const files = KIOSK_MUST(build_card_files(who, pki()));
    std::string mrz_text = files.mrz;
    // Put a different 12-digit number into the optional data (line 1, columns 16-27).
    mrz_text.replace(15, 12, "999999999999");
    auto both = KIOSK_MUST(AccessKey::from_mrz_text(mrz_text));
    CHECK_TRUE(both.has_can() && both.has_mrz());
    auto session = field.read(both);
    CHECK_TRUE(session.has_value());
    CHECK_TRUE(session->protocol == AccessProtocol::bac);
}

TEST(ChipReader, WrongKeyPersonaIsRefused)
{
    Persona const& who = persona("wrong-key");
    {
        Field field(card_of(who));
        auto session = field.read(KIOSK_MUST(AccessKey::from_id_number(who.id_number)));
        CHECK_TRUE(session.error().code() == Errc::refused);
    }
    {
        Field field(card_of(who));
        auto session = field.read(mrz_key(who));
        CHECK_TRUE(session.error().code() == Errc::refused);
    }
}

TEST(ChipReader, LiftedCardResumesAfterReauthentication)
{
    Persona const& who = persona("lifted");
    Field field(card_of(who, { .lifted_for = std::chrono::milliseconds(0) }));
    std::size_t waits = 0;
    ReadOptions options;
    options.max_response_bytes = 258; // short APDUs: many chunks, the lift falls mid-file
    options.progress = [&](ReadProgress const& progress) { waits += progress.resuming ? 1 : 0; };
    auto session = field.read(KIOSK_MUST(AccessKey::from_id_number(who.id_number)), options);
    CHECK_TRUE(session.has_value());
    CHECK_EQUAL(1U, session->resumes);
    CHECK_EQUAL(1U, waits);
    CHECK_EQUAL(1U, field.card->stats().lifts);
    check_files_match(*session, field, false);
}

TEST(ChipReader, LiftedCardNotReplacedInTimeIsDisconnected)
{
    Persona const& who = persona("lifted");
    Field field(card_of(who));
    field.replace_at_once = false;
    ReadOptions options;
    options.resume_window = std::chrono::milliseconds(20);
    auto session = field.read(KIOSK_MUST(AccessKey::from_id_number(who.id_number)), options);
    CHECK_TRUE(session.error().code() == Errc::disconnected);
}

TEST(ChipReader, GarbageChipEndsTheSessionCleanly)
{
    Persona const& who = persona("garbage");
    Field field(card_of(who));
    auto session = field.read(KIOSK_MUST(AccessKey::from_id_number(who.id_number)));
    CHECK_TRUE(session.error().code() == Errc::malformed);
    // Nothing is sent after the failed MAC: the first READ BINARY was the last command.
    CHECK_EQUAL(8U, field.card->stats().commands);
}

TEST(ChipReader, ShortApduCardNeedsMoreCommandsForTheSameBytes)
{
    Persona const& who = persona("hoa");
    auto config = card_of(who);
    Field extended(config);
    auto const key = KIOSK_MUST(AccessKey::from_id_number(who.id_number));
    ReadOptions options;
    options.data_groups = { 1, 2, 13 };
    auto fast = extended.read(key, options);
    CHECK_TRUE(fast.has_value());
    check_files_match(*fast, extended, true);

    config.extended_length = false;
    Field short_only(std::move(config));
    auto slow = short_only.read(key, options);
    CHECK_TRUE(slow.has_value());
    check_files_match(*slow, short_only, true);
    CHECK_EQUAL(fast->bytes_read, slow->bytes_read);
    CHECK_TRUE(slow->apdus > fast->apdus + 10);
}

TEST(ChipReader, ProgressCountsEveryByte)
{
    Persona const& who = persona("h-hen");
    Field field(card_of(who));
    std::size_t last = 0;
    bool monotonic = true;
    ReadOptions options;
    options.max_response_bytes = 258;
    options.progress = [&](ReadProgress const& progress) {
        monotonic = monotonic && progress.bytes_read >= last && progress.file_offset <= progress.file_size;
        last = progress.bytes_read;
    };
    auto session = field.read(KIOSK_MUST(AccessKey::from_id_number(who.id_number)), options);
    CHECK_TRUE(session.has_value());
    CHECK_TRUE(monotonic);
    CHECK_EQUAL(session->bytes_read, last);
    std::size_t total = 0;
    for (auto const& [file, bytes] : session->files())
        total += bytes.size();
    CHECK_EQUAL(total, session->bytes_read);
}

TEST(ChipReader, CorruptedAnswersAfterAuthenticationAreMalformed)
{
    Persona const& who = persona("hoa");
    auto const key = KIOSK_MUST(AccessKey::from_id_number(who.id_number));
    std::function<void(Bytes&)> const corruptions[] = {
        [](Bytes& answer) { answer[answer.size() / 2] ^= 0x01; },             // flipped bit
        [](Bytes& answer) { answer.erase(answer.begin() + 3, answer.end() - 2); }, // truncated
        [](Bytes& answer) { answer = { 0x69, 0x88 }; },                        // plain SW
        [](Bytes& answer) { answer = { 0x87, 0xFF, 0x90, 0x00 }; },            // hostile length
        [](Bytes& answer) { answer = { 0x90 }; },                              // half a status word
    };
    for (auto const& corruption : corruptions) {
        Field field(card_of(who));
        field.corrupt = corruption;
        field.corrupt_after = 8; // past PACE and SELECT: inside the file reads
        auto session = field.read(key);
        CHECK_FALSE(session.has_value());
        auto const code = session.error().code();
        CHECK_TRUE(code == Errc::malformed || code == Errc::refused);
    }
}

TEST(ChipReader, HostileFileLengthsAreRefused)
{
    Persona const& who = persona("hoa");
    auto const key = KIOSK_MUST(AccessKey::from_id_number(who.id_number));
    Bytes const hostile[] = {
        kiosk::test::hex("6084FFFFFFFF5C02616D"), // 4-byte length
        kiosk::test::hex("6082FFF05C02616D"),      // longer than the file
        kiosk::test::hex("60"),                    // header cut short
    };
    for (auto const& com : hostile) {
        auto config = KIOSK_MUST(persona_card_config(who, pki()));
        config.files[fid::EF_COM] = com;
        Field field(std::move(config));
        auto session = field.read(key);
        CHECK_TRUE(session.error().code() == Errc::malformed);
    }
}

TEST(ChipReader, SessionWipesOnMove)
{
    Persona const& who = persona("hoa");
    Field field(card_of(who));
    auto const key = KIOSK_MUST(AccessKey::from_id_number(who.id_number));
    auto session = KIOSK_MUST(field.read(key));
    ChipSession moved = std::move(session);
    CHECK_TRUE(session.files().empty()); // NOLINT(bugprone-use-after-move): the point of the test
    CHECK_FALSE(moved.files().empty());
    moved.wipe();
    CHECK_TRUE(moved.file(LdsFile::dg13) == nullptr);
}

TEST(ChipReader, SecurityGroupsAreReadWhenListedAndMissingOnesSkipped)
{
    // EF.COM lists DG14 (present) and DG15 (absent from the chip: 6A82 is not an error).
    Persona const& who = persona("hoa");
    auto config = card_of(who);
    config.files[fid::EF_COM] = kiosk::test::hex("60175F0104303130375F36063034303030305C0561756D6E6F");
    config.files[fid::DG14] = kiosk::test::hex("6E0A310830060604007F0007");
    Field field(std::move(config));
    auto session = field.read(KIOSK_MUST(AccessKey::from_id_number(who.id_number)));
    CHECK_TRUE(session.has_value());
    CHECK_TRUE(session->file(LdsFile::dg14) != nullptr && *session->file(LdsFile::dg14) == field.files.at(fid::DG14));
    CHECK_TRUE(session->file(LdsFile::dg15) == nullptr);
    CHECK_TRUE(session->file(LdsFile::dg2) == nullptr); // listed, not asked for
}
