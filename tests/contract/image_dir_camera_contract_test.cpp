// SPDX-License-Identifier: MIT
// The camera contract run against ImageDirCamera on a folder of generated images (one
// smaller and one larger than the frame, so padding and cropping are both exercised).
#include <camera/image_dir_camera.hpp>

#include "scan/code_images.hpp"
#include "support/temp_dir.hpp"

#include <memory>

#include "contract/camera_contract.hpp"

TEST_GROUP(ImageDirCamera)
{
    kiosk::test::TempDir m_dir;
    std::unique_ptr<kiosk::drivers::ImageDirCamera> m_camera;

    void setup() override
    {
        CHECK_TRUE(kiosk::test::write_code_image(m_dir.path() / "a.png", "HS-2025-000123", kiosk::hal::CodeFormat::qr_code, 3));
        CHECK_TRUE(kiosk::test::write_code_image(m_dir.path() / "b.png", "HS-2025-000124", kiosk::hal::CodeFormat::qr_code, 12));
        auto camera = kiosk::drivers::ImageDirCamera::open(m_dir.path(), { 201, 150 }, 30);
        KIOSK_CHECK_OK(camera);
        m_camera = std::move(*camera);
    }

    kiosk::hal::Camera& camera() const { return *m_camera; }
};

KIOSK_CAMERA_CONTRACT(ImageDirCamera)
