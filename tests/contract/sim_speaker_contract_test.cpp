// SPDX-License-Identifier: MIT
// The speaker contract run against the recording simulator.
#include <audio/sim_speaker.hpp>

#include <memory>

#include "contract/speaker_contract.hpp"

TEST_GROUP(SimSpeaker)
{
    std::unique_ptr<kiosk::drivers::SimSpeaker> m_speaker = kiosk::drivers::SimSpeaker::create();

    kiosk::hal::Speaker& speaker() const { return *m_speaker; }
};

KIOSK_SPEAKER_CONTRACT(SimSpeaker)
