// SPDX-License-Identifier: MIT
// The chip-ID flow in process: the real CardWorker reading persona cards through libnfc's
// pn532_uart driver on an emulated PN532 (EmulatedPn532Reader), the screens on the UI harness,
// and the session wipe: after "finish" or the idle timeout nothing of the card is left in the
// Session or the text textures, and the worker is stopped.
#include "ui_harness.hpp"

#include <id/emul/test_pki.hpp>
#include <id/passive_auth.hpp>
#include <nfc/emulated_pn532_reader.hpp>
#include <tools/card_factory.hpp>
#include <ui/app/card_worker.hpp>
#include <ui/app/chip_flow.hpp>

#include <chrono>
#include <memory>
#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::ui::CardReadPhase;
using kiosk::ui::CardWorker;
using kiosk::ui::ChipVerdict;
using kiosk::ui::test::UiHarness;

namespace {

kiosk::id::TrustStore test_trust()
{
    auto pki = KIOSK_MUST(kiosk::id::TestPki::create());
    kiosk::id::TrustStore trust;
    KIOSK_MUST(trust.add_pem(pki.csca_pem()));
    return trust;
}

/// The UI harness with a card worker on an emulated PN532 (real libnfc driver).
struct ChipRig {
    std::unique_ptr<kiosk::drivers::EmulatedPn532Reader> reader;
    kiosk::id::TrustStore trust = test_trust();
    std::unique_ptr<CardWorker> worker;
    std::unique_ptr<UiHarness> harness;

    explicit ChipRig(kiosk::ui::KioskUiOptions const& options = {})
    {
        reader = KIOSK_MUST(kiosk::drivers::EmulatedPn532Reader::open(nullptr));
        worker = std::make_unique<CardWorker>(*reader, &trust);
        kiosk::ui::Services services;
        services.card_reader = reader.get();
        services.card_worker = worker.get();
        harness = std::make_unique<UiHarness>(kiosk::hal::DisplaySpec { 540, 960, 0, 51 }, options, services);
        worker->attach(harness->ui().events());
    }
    ~ChipRig()
    {
        worker->cancel();
        harness.reset();
    }
    ChipRig(ChipRig const&) = delete;
    ChipRig& operator=(ChipRig const&) = delete;
    ChipRig(ChipRig&&) = delete;
    ChipRig& operator=(ChipRig&&) = delete;

    UiHarness& h() const { return *harness; }
    kiosk::ui::Session const& session() const { return harness->ui().session_state(); }

    void to_place_card(std::string const& digits) const
    {
        h().tap("Chạm vào đây để bắt đầu");
        h().tap("Dùng thẻ Căn cước gắn chip");
        h().ui().type_text(digits);
        h().tap("Tiếp tục");
        STRCMP_EQUAL("id_place_card", std::string(h().ui().screen_name()).c_str());
    }

    void place(std::string const& persona) const
    {
        reader->emulator().place(kiosk::test::make_test_card("persona:" + persona));
    }

    /// Ticks the UI as the worker's events arrive until @p done holds (at most 15 s real time).
    template <class Done> bool until(Done done)
    {
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            auto const pushed = h().ui().events().pushed();
            h().settle();
            if (done())
                return true;
            (void)h().ui().events().wait_pushed_beyond(pushed, std::chrono::milliseconds(200));
        }
        return true;
    }

    bool on(char const* screen)
    {
        return until([&] { return h().ui().screen_name() == screen; });
    }
};

} // namespace

TEST_GROUP(ChipFlow) {};

TEST(ChipFlow, ReadsTheCardShowsNamePhotoAndVerdict)
{
    ChipRig rig;
    rig.to_place_card("038187004512");
    CHECK(rig.h().shows("Đang chờ thẻ"));
    rig.place("hoa");
    CHECK(rig.on("chip_verified"));
    auto const& card = rig.session().chip.card;
    CHECK(card.has_value());
    STRCMP_EQUAL("LÊ THỊ HOA", card->full_name.c_str());
    STRCMP_EQUAL("1987-07-12", card->birth_date.c_str());
    CHECK(card->verdict == ChipVerdict::verified);
    CHECK(card->photo.has_value());
    CHECK(card->photo->width > 0
        && card->photo->rgb.size() == static_cast<std::size_t>(card->photo->width * card->photo->height * 3));
    CHECK(!card->sod.empty() && !card->dg13.empty());
    CHECK(rig.h().shows("Đã xác thực thẻ"));
    CHECK(rig.h().shows("LÊ THỊ HOA"));
    CHECK(rig.h().shows("Ngày sinh: 12/07/1987"));
    // Without a gateway the citizen is told so instead of a dead button.
    CHECK(!rig.h().can_tap("Xem hồ sơ của tôi"));
    CHECK(rig.h().shows("chưa kết nối được với hệ thống hồ sơ"));
    // Back goes to the number, not to a finished read.
    rig.h().tap("Quay lại");
    STRCMP_EQUAL("id_entry", std::string(rig.h().ui().screen_name()).c_str());
}

TEST(ChipFlow, WrongNumberIsAPlainErrorWithWhatToDo)
{
    ChipRig rig;
    rig.to_place_card("038187004521");
    rig.place("hoa");
    CHECK(rig.until([&] { return rig.session().chip.read.phase == CardReadPhase::failed; }));
    rig.h().settle();
    CHECK(rig.h().shows("Số đã nhập không mở được chip"));
    CHECK(rig.h().shows("Hãy so lại 12 số"));
    CHECK(!rig.session().chip.card.has_value());
    // "Type the number again" goes back to the pad.
    rig.h().tap("Nhập lại số trên thẻ");
    STRCMP_EQUAL("id_entry", std::string(rig.h().ui().screen_name()).c_str());
}

TEST(ChipFlow, GarbageAnswersAreAPlainError)
{
    ChipRig rig;
    rig.to_place_card("079199667788");
    rig.place("garbage");
    CHECK(rig.until([&] { return rig.session().chip.read.phase == CardReadPhase::failed; }));
    rig.h().settle();
    CHECK(rig.h().shows("Thẻ trả lời không rõ"));
    CHECK(rig.h().can_tap("Thử lại"));
}

TEST(ChipFlow, CardLiftedMidReadIsCalmAndTheReadGoesOn)
{
    // The `lifted` persona's card leaves the field 700 bytes into the read and comes back
    // 300 ms later by itself.
    ChipRig rig;
    rig.to_place_card("001201334455");
    rig.place("lifted");
    bool saw_moved_away = false;
    CHECK(rig.until([&] {
        saw_moved_away = saw_moved_away || rig.session().chip.read.phase == CardReadPhase::moved_away;
        return rig.h().ui().screen_name() == "chip_verified";
    }));
    CHECK(saw_moved_away);
    CHECK(rig.session().chip.card.has_value());
    // Its expiry date (2026-02-28) has passed: genuine, but expired, said plainly.
    CHECK(rig.session().chip.card->verdict == ChipVerdict::expired);
    CHECK(rig.h().shows("thẻ đã hết hạn"));
}

TEST(ChipFlow, FinishWipesEveryPieceOfTheCard)
{
    ChipRig rig;
    rig.to_place_card("038187004512");
    rig.place("hoa");
    CHECK(rig.on("chip_verified"));
    CHECK(rig.h().ui().text_cache().holds_text_containing("LÊ THỊ HOA"));
    rig.h().tap("Kết thúc");
    STRCMP_EQUAL("attract", std::string(rig.h().ui().screen_name()).c_str());
    auto const& chip = rig.session().chip;
    CHECK(chip.empty());
    CHECK(!chip.card.has_value());
    CHECK(chip.dossiers.list.empty());
    CHECK(rig.session().id_digits.empty());
    CHECK(rig.session().empty());
    CHECK(!rig.h().ui().text_cache().holds_text_containing("LÊ THỊ HOA"));
    CHECK(!rig.h().ui().text_cache().holds_text_containing("038187004512"));
    CHECK(!rig.worker->running());
}

TEST(ChipFlow, IdleTimeoutWhileWaitingStopsTheWorkerAndWipes)
{
    kiosk::ui::KioskUiOptions options;
    options.idle_timeout = std::chrono::seconds(30);
    options.idle_countdown = std::chrono::seconds(5);
    ChipRig rig(options);
    rig.to_place_card("038187004512");
    CHECK(rig.worker->running());
    rig.h().advance(36'000);
    STRCMP_EQUAL("attract", std::string(rig.h().ui().screen_name()).c_str());
    CHECK(!rig.worker->running());
    CHECK(rig.session().empty());
    // A card placed now is read by nobody: nothing arrives in the session.
    rig.place("hoa");
    rig.h().settle();
    CHECK(!rig.session().chip.card.has_value());
}

TEST(ChipFlow, ChipFlowWipeZeroesAndEmpties)
{
    kiosk::ui::ChipFlow chip;
    chip.read.phase = CardReadPhase::done;
    chip.card.emplace();
    chip.card->full_name = "LÊ THỊ HOA";
    chip.card->id_number = "038187004512";
    chip.card->photo = kiosk::ui::CardPhoto { 2, 1, kiosk::Bytes(6, 0x7F) };
    chip.card->sod = kiosk::Bytes(40, 1);
    chip.dossiers.loaded = true;
    chip.dossiers.list.emplace_back();
    chip.dossiers.list.back().code = "H40.50-CD01-0001";
    CHECK(!chip.empty());
    chip.wipe();
    CHECK(chip.empty());
    CHECK(!chip.card.has_value());

    std::string text = "LÊ THỊ HOA, 038187004512, a long enough string for the heap";
    char const* buffer = text.data();
    std::size_t const capacity = text.capacity();
    kiosk::ui::secure_clear(text);
    // secure_clear keeps the buffer (clear() does not free) and has zeroed all of it.
    CHECK(text.data() == buffer);
    for (std::size_t i = 0; i < capacity; ++i)
        CHECK(buffer[i] == '\0');
}
