// SPDX-License-Identifier: MIT
// Spoken guidance in the real UI: the speaker button and audio mode, with the real espeak-ng
// synthesiser and a recording speaker (a Fake: no software can hear a loudspeaker; the SDL
// speaker itself is tested on SDL's dummy and disk drivers in tests/unit/drivers/audio).
#include "golden_compare.hpp"
#include "ui_harness.hpp"

#include <speech/espeak_synthesizer.hpp>

#include <kiosk/hal/speaker.hpp>

#include <memory>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::ui::test::compare_or_update;
using kiosk::ui::test::UiHarness;

namespace {

/// Records every call; "plays" from play() until stop().
class FakeSpeaker final : public kiosk::hal::Speaker {
public:
    kiosk::Result<std::string> self_test() override { return std::string("recording speaker"); }
    kiosk::Result<void> play(kiosk::hal::AudioClip const& clip) override
    {
        clips.push_back(clip);
        volume_at_play.push_back(volume);
        playing = true;
        return {};
    }
    void stop() override
    {
        playing = false;
        ++stops;
    }
    kiosk::Result<void> set_volume(int percent) override
    {
        volume = percent;
        return {};
    }

    std::vector<kiosk::hal::AudioClip> clips;
    std::vector<int> volume_at_play;
    bool playing = false;
    int stops = 0;
    int volume = -1;
};

constexpr char const* HOME_VI = "Bạn cần làm gì? Có ba lựa chọn. Tra cứu thủ tục: Giấy tờ cần có, lệ phí, thời gian giải "
                                "quyết. Tra cứu hồ sơ: Nhập mã hồ sơ hoặc quét mã QR trên giấy biên nhận. Dùng thẻ "
                                "Căn cước gắn chip: Xem tất cả hồ sơ của bạn. Hãy chạm vào lựa chọn bạn muốn.";

double seconds(kiosk::hal::AudioClip const& clip)
{
    return static_cast<double>(clip.samples.size()) / clip.sample_rate_hz;
}

} // namespace

TEST_GROUP(SpokenGuidance)
{
    std::unique_ptr<kiosk::speech::EspeakSynthesizer> m_synth;
    FakeSpeaker m_speaker;
    std::unique_ptr<UiHarness> m_ui;

    void setup() override
    {
        m_synth = KIOSK_MUST(kiosk::speech::EspeakSynthesizer::open());
        kiosk::ui::Services services;
        services.speaker = &m_speaker;
        services.speech = m_synth.get();
        m_ui = std::make_unique<UiHarness>(kiosk::hal::DisplaySpec { 540, 960, 0, 51 }, kiosk::ui::KioskUiOptions {}, services);
    }
    void teardown() override
    {
        m_ui.reset();
        m_synth.reset();
    }
    UiHarness& h() const { return *m_ui; }
    std::string screen() const { return std::string(h().ui().screen_name()); }
};

TEST(SpokenGuidance, without_a_speaker_there_is_no_speaker_button)
{
    UiHarness plain;
    plain.tap("Chạm vào đây để bắt đầu");
    CHECK_FALSE(plain.can_tap("Đọc to"));
    CHECK_FALSE(plain.can_tap("Tự đọc"));
    CHECK(h().can_tap("Đọc to"));
    CHECK(h().can_tap("Tự đọc"));
}

TEST(SpokenGuidance, speaker_button_reads_the_home_instruction)
{
    h().tap("Chạm vào đây để bắt đầu");
    CHECK(m_speaker.clips.empty());
    h().tap("Đọc to");
    h().settle();
    UNSIGNED_LONGS_EQUAL(1, m_speaker.clips.size());
    STRCMP_EQUAL(HOME_VI, h().ui().speech().speaking().c_str());
    auto const& clip = m_speaker.clips.front();
    LONGS_EQUAL(22050, clip.sample_rate_hz);
    // The clip is that text spoken: as long as the synthesiser makes it on its own (within 3 %).
    auto const alone = KIOSK_MUST(m_synth->synthesize(HOME_VI, kiosk::speech::Voice::vietnamese, {}));
    double const ratio = seconds(clip) / seconds(alone);
    CHECK_TEXT(ratio > 0.97 && ratio < 1.03, std::to_string(ratio).c_str());
    CHECK(m_speaker.playing);
    LONGS_EQUAL(70, m_speaker.volume_at_play.front());
}

TEST(SpokenGuidance, changing_screen_stops_the_speech)
{
    h().tap("Chạm vào đây để bắt đầu");
    h().tap("Đọc to");
    h().settle();
    CHECK(m_speaker.playing);
    h().tap("Tra cứu thủ tục");
    STRCMP_EQUAL("procedures", screen().c_str());
    CHECK_FALSE(m_speaker.playing);
    CHECK(h().ui().speech().speaking().empty());
    h().settle();
    // Audio mode is off: the new screen is not read.
    UNSIGNED_LONGS_EQUAL(1, m_speaker.clips.size());
}

TEST(SpokenGuidance, finishing_the_session_stops_the_speech)
{
    h().tap("Chạm vào đây để bắt đầu");
    h().tap("Đọc to");
    h().settle();
    CHECK(m_speaker.playing);
    h().tap("Kết thúc");
    STRCMP_EQUAL("attract", screen().c_str());
    CHECK_FALSE(m_speaker.playing);
    CHECK(h().ui().speech().speaking().empty());
}

TEST(SpokenGuidance, idle_wipe_stops_the_speech_and_audio_mode)
{
    h().tap("Chạm vào đây để bắt đầu");
    h().tap("Tự đọc");
    h().settle();
    CHECK(m_speaker.playing);
    h().advance(90'000 + 20'000 + 500);
    STRCMP_EQUAL("attract", screen().c_str());
    CHECK_FALSE(m_speaker.playing);
    CHECK_FALSE(h().ui().session_state().settings.audio_mode);
    auto const clips = m_speaker.clips.size();
    h().tap("Chạm vào đây để bắt đầu");
    h().settle();
    UNSIGNED_LONGS_EQUAL(clips, m_speaker.clips.size());
}

TEST(SpokenGuidance, audio_mode_reads_each_screen_as_it_appears)
{
    h().tap("Chạm vào đây để bắt đầu");
    h().tap("Tự đọc");
    h().settle();
    UNSIGNED_LONGS_EQUAL(1, m_speaker.clips.size());
    STRCMP_EQUAL(HOME_VI, h().ui().speech().speaking().c_str());
    CHECK(h().shows("Âm lượng 70%"));

    h().tap("Tra cứu thủ tục");
    h().settle();
    UNSIGNED_LONGS_EQUAL(2, m_speaker.clips.size());
    // Other screens read their title.
    STRCMP_EQUAL("Tra cứu thủ tục", h().ui().speech().speaking().c_str());
    CHECK(m_speaker.playing);
    CHECK(seconds(m_speaker.clips.back()) < seconds(m_speaker.clips.front()));

    h().tap("Quay lại");
    h().settle();
    UNSIGNED_LONGS_EQUAL(3, m_speaker.clips.size());
    STRCMP_EQUAL(HOME_VI, h().ui().speech().speaking().c_str());

    // Off: silence at once, and the next screen is not read.
    h().tap("Tự đọc");
    CHECK_FALSE(m_speaker.playing);
    CHECK_FALSE(h().shows("Âm lượng"));
    h().tap("Tra cứu thủ tục");
    h().settle();
    UNSIGNED_LONGS_EQUAL(3, m_speaker.clips.size());
}

TEST(SpokenGuidance, switching_language_reads_the_screen_again_in_english)
{
    h().tap("Chạm vào đây để bắt đầu");
    h().tap("Tự đọc");
    h().settle();
    h().tap("English");
    h().settle();
    UNSIGNED_LONGS_EQUAL(2, m_speaker.clips.size());
    std::string const& text = h().ui().speech().speaking();
    CHECK_TEXT(text.rfind("What do you need?", 0) == 0, text.c_str());
    CHECK(h().can_tap("Read aloud"));
    CHECK(h().shows("Volume 70%"));
}

TEST(SpokenGuidance, volume_buttons_change_the_volume_within_bounds)
{
    h().tap("Chạm vào đây để bắt đầu");
    h().tap("Tự đọc");
    h().settle();
    h().tap("To hơn");
    h().settle();
    CHECK(h().shows("Âm lượng 80%"));
    LONGS_EQUAL(80, m_speaker.volume_at_play.back());
    for (int i = 0; i < 5; ++i)
        h().tap("To hơn");
    h().settle();
    CHECK(h().shows("Âm lượng 100%"));
    LONGS_EQUAL(100, m_speaker.volume_at_play.back());
    for (int i = 0; i < 12; ++i)
        h().tap("Nhỏ hơn");
    h().settle();
    CHECK(h().shows("Âm lượng 10%"));
    LONGS_EQUAL(10, m_speaker.volume_at_play.back());
}

TEST(SpokenGuidance, attract_screen_reads_what_the_kiosk_can_do)
{
    h().tap("Đọc to");
    h().settle();
    UNSIGNED_LONGS_EQUAL(1, m_speaker.clips.size());
    std::string const& text = h().ui().speech().speaking();
    CHECK(text.rfind("Xin chào!", 0) == 0);
    CHECK(text.find("Chạm vào đây để bắt đầu") != std::string::npos);
}

TEST(SpokenGuidance, golden_frames_of_the_speaker_buttons_and_the_volume_strip)
{
    // Home with the speaker buttons (vi, normal), then with audio mode on and its volume strip
    // (vi normal, en large): tests/golden/ui/speech-*.png.
    h().tap("Chạm vào đây để bắt đầu");
    std::string problem = compare_or_update(h(), "speech-home-vi-normal");
    CHECK_TEXT(problem.empty(), problem.c_str());
    h().tap("Tự đọc");
    problem = compare_or_update(h(), "speech-audio-mode-vi-normal");
    CHECK_TEXT(problem.empty(), problem.c_str());
    h().tap("English");
    h().tap("Large text");
    problem = compare_or_update(h(), "speech-audio-mode-en-large");
    CHECK_TEXT(problem.empty(), problem.c_str());
}
