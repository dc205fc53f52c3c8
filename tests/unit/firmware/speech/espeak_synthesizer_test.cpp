// SPDX-License-Identifier: MIT
// EspeakSynthesizer: the real libespeak-ng with its Vietnamese and English voices, into memory.
#include <speech/espeak_synthesizer.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::hal::AudioClip;
using kiosk::speech::EspeakSynthesizer;
using kiosk::speech::Voice;

namespace {

constexpr char const* HOME_INSTRUCTION = "Bạn cần làm gì? Chạm vào một trong ba ô lớn: tra cứu thủ tục, "
                                         "xem hồ sơ, hoặc dùng thẻ căn cước gắn chip.";

double seconds(AudioClip const& clip)
{
    return static_cast<double>(clip.samples.size()) / clip.sample_rate_hz;
}

double rms(AudioClip const& clip)
{
    double sum = 0;
    for (auto sample : clip.samples)
        sum += static_cast<double>(sample) * sample;
    return clip.samples.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(clip.samples.size()));
}

int peak(AudioClip const& clip)
{
    int top = 0;
    for (auto sample : clip.samples)
        top = std::max(top, std::abs(static_cast<int>(sample)));
    return top;
}

kiosk::speech::CancelCheck const NEVER {};

} // namespace

TEST_GROUP(EspeakSynthesizer)
{
    std::unique_ptr<EspeakSynthesizer> m_synth;
    void setup() override { m_synth = KIOSK_MUST(EspeakSynthesizer::open()); }
    void teardown() override { m_synth.reset(); }
};

TEST(EspeakSynthesizer, vietnamese_with_diacritics_becomes_audible_speech_of_plausible_length)
{
    auto clip = m_synth->synthesize(HOME_INSTRUCTION, Voice::vietnamese, NEVER);
    KIOSK_CHECK_OK(clip);
    LONGS_EQUAL(22050, clip->sample_rate_hz);
    LONGS_EQUAL(m_synth->sample_rate_hz(), clip->sample_rate_hz);
    // 25 syllables at ~145 words per minute, with pauses at the punctuation: a few seconds.
    CHECK_TEXT(seconds(*clip) > 3.0 && seconds(*clip) < 20.0, std::to_string(seconds(*clip)).c_str());
    CHECK_TEXT(rms(*clip) > 500.0, std::to_string(rms(*clip)).c_str());
    CHECK(peak(*clip) > 4000);
}

TEST(EspeakSynthesizer, more_text_speaks_longer)
{
    auto short_clip = KIOSK_MUST(m_synth->synthesize("Xin chào.", Voice::vietnamese, NEVER));
    auto long_clip = KIOSK_MUST(m_synth->synthesize(HOME_INSTRUCTION, Voice::vietnamese, NEVER));
    CHECK(seconds(short_clip) > 0.3);
    CHECK(seconds(long_clip) > 2 * seconds(short_clip));
}

TEST(EspeakSynthesizer, the_same_text_gives_about_the_same_clip)
{
    // espeak-ng carries a little state from one synthesis to the next (the samples differ in
    // the last digits), but not the speech: the length stays within 2 %.
    auto first = KIOSK_MUST(m_synth->synthesize(HOME_INSTRUCTION, Voice::vietnamese, NEVER));
    (void)KIOSK_MUST(m_synth->synthesize("Touch a choice.", Voice::english, NEVER));
    auto again = KIOSK_MUST(m_synth->synthesize(HOME_INSTRUCTION, Voice::vietnamese, NEVER));
    double const ratio = seconds(again) / seconds(first);
    CHECK_TEXT(ratio > 0.98 && ratio < 1.02, std::to_string(ratio).c_str());
}

TEST(EspeakSynthesizer, voices_differ)
{
    auto north = KIOSK_MUST(m_synth->synthesize("Mời bạn chạm vào màn hình.", Voice::vietnamese, NEVER));
    auto south = KIOSK_MUST(m_synth->synthesize("Mời bạn chạm vào màn hình.", Voice::vietnamese_south, NEVER));
    auto central = KIOSK_MUST(m_synth->synthesize("Mời bạn chạm vào màn hình.", Voice::vietnamese_central, NEVER));
    auto english = KIOSK_MUST(m_synth->synthesize("Please touch the screen.", Voice::english, NEVER));
    CHECK(north.samples != south.samples);
    CHECK(north.samples != central.samples);
    CHECK(rms(english) > 500.0);
}

TEST(EspeakSynthesizer, empty_or_blank_text_is_refused)
{
    KIOSK_CHECK_ERRC(Errc::invalid_argument, m_synth->synthesize("", Voice::vietnamese, NEVER));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, m_synth->synthesize(" \n\t ", Voice::vietnamese, NEVER));
    // The engine still works afterwards.
    KIOSK_CHECK_OK(m_synth->synthesize("Xin chào.", Voice::vietnamese, NEVER));
}

TEST(EspeakSynthesizer, broken_utf8_nul_and_overlong_text_are_refused)
{
    KIOSK_CHECK_ERRC(Errc::invalid_argument, m_synth->synthesize("Xin ch\xC3", Voice::vietnamese, NEVER));
    KIOSK_CHECK_ERRC(
        Errc::invalid_argument, m_synth->synthesize(std::string_view("Xin\0chào", 9), Voice::vietnamese, NEVER));
    std::string const huge(kiosk::speech::Synthesizer::MAX_TEXT_BYTES + 1, 'a');
    KIOSK_CHECK_ERRC(Errc::invalid_argument, m_synth->synthesize(huge, Voice::vietnamese, NEVER));
}

TEST(EspeakSynthesizer, cancelling_stops_the_synthesis)
{
    int asked = 0;
    kiosk::speech::CancelCheck const cancel = [&asked] { return ++asked > 1; };
    KIOSK_CHECK_ERRC(Errc::cancelled, m_synth->synthesize(HOME_INSTRUCTION, Voice::vietnamese, cancel));
    CHECK(asked >= 2);
    KIOSK_CHECK_OK(m_synth->synthesize("Xin chào.", Voice::vietnamese, NEVER));
}

TEST(EspeakSynthesizer, one_owner_per_process)
{
    KIOSK_CHECK_ERRC(Errc::busy, EspeakSynthesizer::open());
    m_synth.reset();
    m_synth = KIOSK_MUST(EspeakSynthesizer::open());
    KIOSK_CHECK_OK(m_synth->synthesize("Xin chào.", Voice::vietnamese, NEVER));
}

TEST(EspeakSynthesizer, bad_rate_and_missing_data_are_refused)
{
    m_synth.reset();
    KIOSK_CHECK_ERRC(Errc::invalid_argument, EspeakSynthesizer::open({ {}, 10 }));
    KIOSK_CHECK_ERRC(Errc::not_found, EspeakSynthesizer::open({ "/nonexistent/espeak-ng-data", 145 }));
    // The engine started with its default data (setup()); another folder cannot be had now.
    kiosk::test::TempDir const other;
    (void)other.write("phontab", "not used");
    KIOSK_CHECK_ERRC(Errc::busy, EspeakSynthesizer::open({ other.path(), 145 }));
    m_synth = KIOSK_MUST(EspeakSynthesizer::open({ {}, 200 }));
    KIOSK_CHECK_OK(m_synth->synthesize("Xin chào.", Voice::vietnamese, NEVER));
}
