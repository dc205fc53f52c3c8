// SPDX-License-Identifier: MIT
// V4l2Camera on a real camera (label hardware; this machine has no /dev/video*): mmap
// streaming, the granted format, frame sizes and sequence numbers, stop and start again.
// KIOSK_V4L2_DEVICE names the device (default /dev/video0).
#include <camera/v4l2_camera.hpp>

#include <cstdlib>
#include <string>

#include "contract/contract_support.hpp"

using namespace std::chrono_literals;

TEST_GROUP(V4l2CameraHardware)
{
    std::string device()
    {
        char const* name = std::getenv("KIOSK_V4L2_DEVICE");
        return name != nullptr ? name : "/dev/video0";
    }
};

TEST(V4l2CameraHardware, streams_gray_frames_of_the_granted_size)
{
    auto camera = kiosk::drivers::V4l2Camera::open(device(), { 1280, 720 }, 15);
    KIOSK_CHECK_OK(camera);
    auto summary = (*camera)->self_test();
    KIOSK_CHECK_OK(summary);
    KIOSK_CHECK_OK((*camera)->start());
    std::uint64_t last = 0;
    for (int i = 0; i < 10; ++i) {
        auto frame = (*camera)->next_frame(3s);
        KIOSK_CHECK_OK(frame);
        CHECK_TRUE(frame->has_value());
        CHECK_TRUE((*frame)->size == (*camera)->frame_size());
        CHECK_TRUE((*frame)->sequence > last);
        last = (*frame)->sequence;
    }
    (*camera)->stop();
    KIOSK_CHECK_OK((*camera)->start());
    auto again = (*camera)->next_frame(3s);
    KIOSK_CHECK_OK(again);
    CHECK_TRUE(again->has_value());
}
