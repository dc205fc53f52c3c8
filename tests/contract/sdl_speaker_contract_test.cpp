// SPDX-License-Identifier: MIT
// The speaker contract run against SdlSpeaker on SDL's `dummy` audio driver (real SDL audio
// core and callback thread, no sound card).
#include <audio/sdl_speaker.hpp>

#include <cstdlib>
#include <memory>

#include "contract/speaker_contract.hpp"

TEST_GROUP(SdlSpeaker)
{
    std::unique_ptr<kiosk::drivers::SdlSpeaker> m_speaker;
    void setup() override
    {
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        m_speaker = KIOSK_MUST(kiosk::drivers::SdlSpeaker::open(""));
    }
    void teardown() override { m_speaker.reset(); }
    kiosk::hal::Speaker& speaker() const { return *m_speaker; }
};

KIOSK_SPEAKER_CONTRACT(SdlSpeaker)
