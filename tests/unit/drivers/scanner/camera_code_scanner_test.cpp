// SPDX-License-Identifier: MIT
// CameraCodeScanner beyond the contract: de-duplication over many frames, a code shown again
// after it left, stale codes, camera failure and recovery, the camera stopping when idle.
// The codes are real (qrencode) and decoded by the real decoder; the camera is a fake.
#include <scanner/camera_code_scanner.hpp>

#include "contract/fake_shown_camera.hpp"
#include "scan/code_images.hpp"
#include "support/temp_dir.hpp"

#include <memory>
#include <string>
#include <thread>

#include "contract/contract_support.hpp"
#include "scan/decoder_warm_up.hpp"

using namespace std::chrono_literals;
using kiosk::Errc;
using kiosk::drivers::CameraCodeScanner;
using kiosk::drivers::CameraScannerOptions;

TEST_GROUP(CameraCodeScanner)
{
    kiosk::test::TempDir m_dir;
    kiosk::test::FakeShownCamera* m_camera = nullptr;
    std::unique_ptr<CameraCodeScanner> m_scanner;

    void make(int frames_in_view, CameraScannerOptions options)
    {
        auto camera = std::make_unique<kiosk::test::FakeShownCamera>(kiosk::hal::FrameSize { 320, 240 }, frames_in_view);
        m_camera = camera.get();
        auto scanner = CameraCodeScanner::create(std::move(camera), options);
        KIOSK_CHECK_OK(scanner);
        m_scanner = std::move(*scanner);
    }

    void show(std::string const& text) const
    {
        auto frame = kiosk::test::code_frame(m_dir.path(), text, kiosk::hal::CodeFormat::qr_code, { 320, 240 }, 3);
        CHECK_TRUE(frame.has_value());
        m_camera->show(*frame);
    }

    std::optional<kiosk::hal::ScannedCode> next(std::chrono::milliseconds wait) const
    {
        auto code = m_scanner->next_code(wait);
        KIOSK_CHECK_OK(code);
        return *code;
    }
};

TEST(CameraCodeScanner, a_code_held_in_view_for_many_frames_is_reported_once)
{
    make(25, {});
    show("HS-2025-000200");
    auto first = next(5s);
    CHECK_TRUE(first.has_value());
    STRCMP_EQUAL("HS-2025-000200", first->text.c_str());
    // Keep asking until every frame holding the code went through the decoder.
    auto const deadline = std::chrono::steady_clock::now() + 10s;
    while (m_camera->pending() > 0 && std::chrono::steady_clock::now() < deadline)
        CHECK_FALSE_TEXT(next(100ms).has_value(), "one presentation reported twice");
    CHECK_EQUAL(0U, m_camera->pending());
    CHECK_FALSE(next(100ms).has_value());
}

TEST(CameraCodeScanner, a_code_shown_again_after_leaving_the_view_is_a_new_presentation)
{
    CameraScannerOptions options;
    options.forget_after = 100ms;
    make(3, options);
    show("HS-2025-000201");
    CHECK_TRUE(next(5s).has_value());
    CHECK_FALSE(next(400ms).has_value()); // blank frames: the code left
    show("HS-2025-000201");
    auto again = next(5s);
    CHECK_TRUE(again.has_value());
    STRCMP_EQUAL("HS-2025-000201", again->text.c_str());
}

TEST(CameraCodeScanner, codes_nobody_took_in_time_are_stale)
{
    CameraScannerOptions options;
    options.code_max_age = 100ms;
    make(3, options);
    CHECK_FALSE(next(10ms).has_value()); // starts streaming (it goes on for idle_stop)
    show("HS-2025-000202");
    // Wait, without taking codes, until the scanner has decoded the frames that held it.
    auto const deadline = std::chrono::steady_clock::now() + 5s;
    while (m_scanner->frames_decoded() < 8 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    CHECK_TRUE(m_scanner->frames_decoded() >= 8);
    std::this_thread::sleep_until(std::chrono::steady_clock::now() + 150ms); // let the code age past 100 ms
    CHECK_FALSE(next(50ms).has_value());
}

TEST(CameraCodeScanner, a_camera_failure_is_reported_once_and_the_camera_is_restarted)
{
    CameraScannerOptions options;
    options.retry_after = 50ms;
    make(4, options);
    m_camera->fail_next_frame();
    auto failed = m_scanner->next_code(5s);
    KIOSK_CHECK_ERRC(Errc::disconnected, failed);
    show("HS-2025-000203");
    auto after = next(5s);
    CHECK_TRUE(after.has_value());
    STRCMP_EQUAL("HS-2025-000203", after->text.c_str());
    CHECK_TRUE(m_camera->starts() >= 2);
}

TEST(CameraCodeScanner, the_camera_streams_only_while_codes_are_wanted)
{
    CameraScannerOptions options;
    options.idle_stop = 100ms;
    make(3, options);
    CHECK_FALSE(m_camera->started());
    CHECK_FALSE(next(50ms).has_value());
    auto const deadline = std::chrono::steady_clock::now() + 3s;
    while (m_camera->started() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    CHECK_FALSE_TEXT(m_camera->started(), "camera still streaming after idle_stop");
    KIOSK_CHECK_OK(m_scanner->self_test());
}
