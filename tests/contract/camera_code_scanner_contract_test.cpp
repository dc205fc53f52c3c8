// SPDX-License-Identifier: MIT
// The code scanner contract run against CameraCodeScanner with the real ZXing decoder: each
// presented code is encoded by qrencode or zint, held in front of a fake camera (no sensor
// is reachable here) for a few frames, and must come out once.
#include <scanner/camera_code_scanner.hpp>

#include "contract/fake_shown_camera.hpp"
#include "scan/decoder_warm_up.hpp"
#include "scan/code_images.hpp"
#include "support/temp_dir.hpp"

#include <memory>
#include <string>

#include "contract/code_scanner_contract.hpp"

TEST_GROUP(CameraCodeScanner)
{
    kiosk::test::TempDir m_dir;
    kiosk::test::FakeShownCamera* m_camera = nullptr;
    std::unique_ptr<kiosk::drivers::CameraCodeScanner> m_scanner;

    void setup() override
    {
        auto camera = std::make_unique<kiosk::test::FakeShownCamera>(kiosk::hal::FrameSize { 640, 480 }, 4);
        m_camera = camera.get();
        auto scanner = kiosk::drivers::CameraCodeScanner::create(std::move(camera));
        KIOSK_CHECK_OK(scanner);
        m_scanner = std::move(*scanner);
    }

    kiosk::hal::CodeScanner& scanner() const { return *m_scanner; }

    void present(std::string const& text, kiosk::hal::CodeFormat format) const
    {
        auto frame = kiosk::test::code_frame(m_dir.path(), text, format, m_camera->frame_size());
        CHECK_TRUE_TEXT(frame.has_value(), "could not make the code image");
        m_camera->show(*frame);
    }
};

KIOSK_CODE_SCANNER_CONTRACT(CameraCodeScanner)
