// SPDX-License-Identifier: MIT
// The camera contract run against the synthetic camera.
#include <camera/sim_camera.hpp>

#include <memory>

#include "contract/camera_contract.hpp"

TEST_GROUP(SimCamera)
{
    // An odd width, so rows are padded and stride != width is exercised.
    std::unique_ptr<kiosk::drivers::SimCamera> m_camera = kiosk::drivers::SimCamera::create({ 100, 60 }, 50);

    kiosk::hal::Camera& camera() const { return *m_camera; }
};

KIOSK_CAMERA_CONTRACT(SimCamera)
