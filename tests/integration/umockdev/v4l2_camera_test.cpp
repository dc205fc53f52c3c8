// SPDX-License-Identifier: MIT
// V4l2Camera against a UVC webcam emulated by umockdev (devices/uvc-camera-video0.umockdev:
// a video4linux node, /dev/video0 and its by-id link) whose V4L2 ioctls (QUERYCAP, S_FMT,
// S_PARM, REQBUFS, QUERYBUF) and read(2) a device model here answers as a driver with read()
// I/O does. What umockdev cannot carry is mmap streaming: its preload does not wrap mmap(2)
// and a character node is a pty, which cannot be mapped, so mmap streaming stays covered by
// the `hardware` test (tests/integration/scanner/v4l2_camera_hardware_test.cpp). Frames hold
// a QR code drawn by our QrEncoder: the last test decodes it through CameraCodeScanner.
#include <camera/v4l2_camera.hpp>
#include <codes/qr_encoder.hpp>
#include <scanner/camera_code_scanner.hpp>
#include <scanner/zxing_frame_decoder.hpp>

#include <chrono>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "umockdev_bed.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::V4l2Camera;
using kiosk::test::IoctlCall;

namespace {

constexpr char const* BY_ID = "/dev/v4l/by-id/usb-Generic_HD_Webcam_200901010001-video-index0";
constexpr char const* SYS_PATH = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/video4linux/video";
constexpr char const* PAYLOAD = "000.00.15.H56-250701-0001";
constexpr std::uint32_t WIDTH = 320;
constexpr std::uint32_t HEIGHT = 240;

/// A 320x240 gray picture: mid-gray, with the QR code of @p payload in the middle (4 px
/// modules, quiet zone of four modules).
std::vector<std::uint8_t> qr_picture(char const* payload)
{
    std::vector<std::uint8_t> gray(static_cast<std::size_t>(WIDTH) * HEIGHT, 150);
    auto const modules = KIOSK_MUST(kiosk::codes::QrEncoder::encode(payload));
    int const scale = 4;
    int const side = (modules.width() + 8) * scale;
    int const left = (static_cast<int>(WIDTH) - side) / 2;
    int const top = (static_cast<int>(HEIGHT) - side) / 2;
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            int const mx = x / scale - 4;
            int const my = y / scale - 4;
            bool const dark = mx >= 0 && my >= 0 && mx < modules.width() && my < modules.height() && modules.dot(mx, my);
            gray[static_cast<std::size_t>(top + y) * WIDTH + static_cast<std::size_t>(left + x)] = dark ? 20 : 235;
        }
    }
    return gray;
}

/// ZXing builds static tables on its first encode and decode, kept for the process's life:
/// made here, before CppUTest counts allocations, so they are not reported as a test's leak.
bool warm_up_zxing()
{
    kiosk::hal::Frame frame;
    frame.size = { static_cast<int>(WIDTH), static_cast<int>(HEIGHT) };
    frame.stride = static_cast<int>(WIDTH);
    frame.pixels = qr_picture("WARM-UP-1");
    auto const codes = kiosk::drivers::ZxingFrameDecoder().decode(frame);
    return codes.has_value() && !codes->codes.empty();
}
bool const ZXING_READY = warm_up_zxing();

/// The driver side of a capture node: one pixel format at 320x240, read() I/O (and, asked
/// for, streaming I/O as far as ioctls go), frames handed out by read(2).
class UvcCameraDevice final : public kiosk::test::IoctlDevice {
public:
    /// The format S_FMT grants whatever is asked (drivers answer with the nearest they have).
    std::uint32_t pixel_format = V4L2_PIX_FMT_YUYV;
    /// I/O methods offered in QUERYCAP.
    bool streaming = false;
    bool read_io = true;
    /// With streaming: REQBUFS grants mmap buffers (EINVAL otherwise, as for a driver with
    /// USERPTR/DMABUF buffers only).
    bool mmap_buffers = true;
    /// Every read returns a frame (a camera streaming on its own) instead of the queued ones.
    bool free_running = false;

    bool on_ioctl(IoctlCall& call) override
    {
        std::lock_guard lock(m_mutex);
        unsigned long const request = call.request();
        m_requests.push_back(request);
        if (m_unplugged) {
            call.complete(-1, ENODEV);
            return true;
        }
        switch (request) {
        case VIDIOC_QUERYCAP: {
            v4l2_capability capability {};
            std::strncpy(reinterpret_cast<char*>(capability.driver), "uvcvideo", sizeof capability.driver - 1); // NOLINT: V4L2's __u8 strings
            std::strncpy(reinterpret_cast<char*>(capability.card), "HD Webcam", sizeof capability.card - 1); // NOLINT: V4L2's __u8 strings
            std::uint32_t const io = (streaming ? V4L2_CAP_STREAMING : 0U) | (read_io ? V4L2_CAP_READWRITE : 0U);
            capability.device_caps = V4L2_CAP_VIDEO_CAPTURE | io;
            capability.capabilities = capability.device_caps | V4L2_CAP_DEVICE_CAPS;
            std::memcpy(call.resolve(sizeof capability), &capability, sizeof capability);
            call.complete(0);
            return true;
        }
        case VIDIOC_S_FMT: {
            auto* format = reinterpret_cast<v4l2_format*>(call.resolve(sizeof(v4l2_format))); // NOLINT: the ioctl's struct
            if (format->type != V4L2_BUF_TYPE_VIDEO_CAPTURE) {
                call.complete(-1, EINVAL);
                return true;
            }
            m_asked.push_back(format->fmt.pix.pixelformat);
            format->fmt.pix.pixelformat = pixel_format;
            format->fmt.pix.width = WIDTH;
            format->fmt.pix.height = HEIGHT;
            format->fmt.pix.field = V4L2_FIELD_NONE;
            format->fmt.pix.bytesperline = bytes_per_line();
            format->fmt.pix.sizeimage = bytes_per_line() * HEIGHT;
            call.complete(0);
            return true;
        }
        case VIDIOC_S_PARM: {
            auto* parameters = reinterpret_cast<v4l2_streamparm*>(call.resolve(sizeof(v4l2_streamparm))); // NOLINT: the ioctl's struct
            parameters->parm.capture.timeperframe.numerator = 1;
            parameters->parm.capture.timeperframe.denominator = 15;
            call.complete(0);
            return true;
        }
        case VIDIOC_REQBUFS: {
            auto* request_buffers = reinterpret_cast<v4l2_requestbuffers*>(call.resolve(sizeof(v4l2_requestbuffers))); // NOLINT: the ioctl's struct
            if (!streaming || !mmap_buffers || request_buffers->memory != V4L2_MEMORY_MMAP) {
                call.complete(-1, EINVAL);
                return true;
            }
            request_buffers->count = std::min<std::uint32_t>(request_buffers->count, 4);
            call.complete(0);
            return true;
        }
        case VIDIOC_QUERYBUF: {
            auto* buffer = reinterpret_cast<v4l2_buffer*>(call.resolve(sizeof(v4l2_buffer))); // NOLINT: the ioctl's struct
            buffer->length = bytes_per_line() * HEIGHT;
            buffer->m.offset = buffer->index * 0x100000U;
            call.complete(0);
            return true;
        }
        default:
            call.complete(-1, ENOTTY);
            return true;
        }
    }

    bool on_read(IoctlCall& call) override
    {
        std::lock_guard lock(m_mutex);
        if (m_unplugged) {
            call.complete(-1, ENODEV);
            return true;
        }
        if (m_frames.empty() && !(free_running && !m_last.empty())) {
            call.complete(-1, EAGAIN);
            return true;
        }
        if (!m_frames.empty()) {
            m_last = std::move(m_frames.front());
            m_frames.pop_front();
        }
        std::size_t const length = std::min(call.read_size(), m_last.size());
        std::memcpy(call.read_buffer(), m_last.data(), length);
        ++m_reads;
        call.complete(static_cast<long>(length));
        return true;
    }

    /// Queues a frame of @p gray pixels in the negotiated pixel format.
    void push_frame(std::vector<std::uint8_t> const& gray)
    {
        std::lock_guard lock(m_mutex);
        std::vector<std::uint8_t> frame(static_cast<std::size_t>(bytes_per_line()) * HEIGHT, 0);
        for (std::size_t i = 0; i < gray.size(); ++i) {
            if (pixel_format == V4L2_PIX_FMT_YUYV) {
                frame[2 * i] = gray[i];
                frame[2 * i + 1] = 128; // chroma: none
            } else {
                frame[i] = gray[i];
            }
        }
        m_frames.push_back(std::move(frame));
    }
    void unplug()
    {
        std::lock_guard lock(m_mutex);
        m_unplugged = true;
        m_frames.clear();
    }
    void replug()
    {
        std::lock_guard lock(m_mutex);
        m_unplugged = false;
    }
    std::vector<std::uint32_t> formats_asked()
    {
        std::lock_guard lock(m_mutex);
        return m_asked;
    }
    std::vector<unsigned long> requests()
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    [[nodiscard]] std::uint32_t bytes_per_line() const { return pixel_format == V4L2_PIX_FMT_YUYV ? WIDTH * 2 : WIDTH; }

    std::mutex m_mutex;
    bool m_unplugged = false;
    std::deque<std::vector<std::uint8_t>> m_frames;
    std::vector<std::uint8_t> m_last;
    std::vector<std::uint32_t> m_asked;
    std::vector<unsigned long> m_requests;
    int m_reads = 0;
};

bool has(std::vector<unsigned long> const& requests, unsigned long request)
{
    return std::find(requests.begin(), requests.end(), request) != requests.end();
}

} // namespace

TEST_GROUP(UmockdevV4l2Camera)
{
    std::unique_ptr<kiosk::test::UmockdevBed> m_bed;
    UvcCameraDevice m_device;

    void setup() override
    {
        std::string why;
        m_bed = kiosk::test::UmockdevBed::create(why);
        if (!m_bed)
            FAIL(why.c_str());
        plug(0);
        STRCMP_EQUAL("", m_bed->attach(BY_ID, m_device).c_str());
    }
    void teardown() override { m_bed.reset(); }

    void plug(int video) const
    {
        auto const file = "uvc-camera-video" + std::to_string(video) + ".umockdev";
        STRCMP_EQUAL("", m_bed->add_file(kiosk::test::umockdev_devices_dir() / file).c_str());
    }
    void unplug(int video)
    {
        m_device.unplug();
        m_bed->remove(SYS_PATH + std::to_string(video));
        std::filesystem::remove(m_bed->root() / std::string(BY_ID).substr(1));
    }
};

TEST(UmockdevV4l2Camera, the_node_exists_only_through_a_description_with_its_devname)
{
    // What a previous attempt missed: umockdev creates /dev/video0 (a pty) only for an `N:`
    // line of a .umockdev description; add_device() alone makes sysfs and dev/.node only.
    CHECK_TRUE(std::filesystem::exists(m_bed->root() / "dev" / "video0"));
    CHECK_EQUAL(0, ::access("/dev/video0", F_OK));
    CHECK_EQUAL(0, ::access(BY_ID, F_OK));
}

TEST(UmockdevV4l2Camera, negotiates_yuyv_when_grey_is_refused_and_reads_frames_with_read_io)
{
    auto camera = V4l2Camera::open(BY_ID, { 640, 480 }, 30);
    KIOSK_CHECK_OK(camera);
    auto const asked = m_device.formats_asked();
    CHECK_TRUE(asked.size() >= 2);
    CHECK_EQUAL(V4L2_PIX_FMT_GREY, asked[0]);
    CHECK_EQUAL(V4L2_PIX_FMT_YUYV, asked[1]);
    STRCMP_EQUAL("YUYV", (*camera)->pixel_format_name().c_str());
    CHECK_TRUE((*camera)->frame_size() == (kiosk::hal::FrameSize { 320, 240 }));
    auto const summary = (*camera)->self_test();
    KIOSK_CHECK_OK(summary);
    STRCMP_EQUAL("V4L2 camera 'HD Webcam' (uvcvideo) 320x240 YUYV at 15 fps, read I/O", summary->c_str());

    KIOSK_CHECK_OK((*camera)->start());
    auto const picture = qr_picture(PAYLOAD);
    m_device.push_frame(picture);
    auto frame = (*camera)->next_frame(std::chrono::seconds(5));
    KIOSK_CHECK_OK(frame);
    CHECK_TRUE(frame->has_value());
    LONGS_EQUAL(320, (*frame)->size.width);
    // The Y plane, byte for byte.
    CHECK_TRUE((*frame)->pixels == picture);
    // Nothing new: no frame, not an error.
    auto none = (*camera)->next_frame(std::chrono::milliseconds(20));
    KIOSK_CHECK_OK(none);
    CHECK_FALSE(none->has_value());
    CHECK_FALSE(has(m_device.requests(), VIDIOC_REQBUFS));
}

TEST(UmockdevV4l2Camera, a_grey_camera_is_copied_as_is)
{
    m_device.pixel_format = V4L2_PIX_FMT_GREY;
    auto camera = KIOSK_MUST(V4l2Camera::open(BY_ID, { 320, 240 }, 15));
    STRCMP_EQUAL("GREY", camera->pixel_format_name().c_str());
    KIOSK_CHECK_OK(camera->start());
    auto const picture = qr_picture(PAYLOAD);
    m_device.push_frame(picture);
    auto frame = camera->next_frame(std::chrono::seconds(5));
    KIOSK_CHECK_OK(frame);
    CHECK_TRUE(frame->has_value() && (*frame)->pixels == picture);
}

TEST(UmockdevV4l2Camera, a_camera_offering_neither_format_is_unsupported)
{
    m_device.pixel_format = V4L2_PIX_FMT_RGB24;
    KIOSK_CHECK_ERRC(Errc::unsupported, V4l2Camera::open(BY_ID, { 320, 240 }, 15));
}

TEST(UmockdevV4l2Camera, unplugged_is_disconnected_and_a_replugged_camera_streams_again)
{
    auto camera = KIOSK_MUST(V4l2Camera::open(BY_ID, { 320, 240 }, 15));
    KIOSK_CHECK_OK(camera->start());
    unplug(0);
    KIOSK_CHECK_ERRC(Errc::disconnected, camera->next_frame(std::chrono::seconds(5)));
    // Still out: start() cannot open it.
    CHECK_FALSE(camera->start().has_value());

    // Back, as video2 behind the same by-id link (uvcvideo's metadata node took video1).
    m_device.replug();
    plug(2);
    KIOSK_CHECK_OK(camera->start());
    auto const picture = qr_picture(PAYLOAD);
    m_device.push_frame(picture);
    auto frame = camera->next_frame(std::chrono::seconds(5));
    KIOSK_CHECK_OK(frame);
    CHECK_TRUE(frame->has_value() && (*frame)->pixels == picture);
}

TEST(UmockdevV4l2Camera, mmap_streaming_cannot_be_emulated_the_mapping_fails)
{
    // Documents the limit (see the file comment): REQBUFS and QUERYBUF are answered, the
    // mmap(2) of the pty fails, and the driver gives up cleanly instead of using bad memory.
    m_device.streaming = true;
    m_device.read_io = false;
    auto camera = KIOSK_MUST(V4l2Camera::open(BY_ID, { 320, 240 }, 15));
    auto const started = camera->start();
    CHECK_FALSE(started.has_value());
    CHECK_TRUE(has(m_device.requests(), VIDIOC_REQBUFS));
    CHECK_TRUE(has(m_device.requests(), VIDIOC_QUERYBUF));
    CHECK_FALSE(has(m_device.requests(), VIDIOC_STREAMON));
}

TEST(UmockdevV4l2Camera, a_driver_without_mmap_buffers_is_read_with_read_io)
{
    // Streaming offered, but REQBUFS refuses mmap buffers (EINVAL): read() I/O instead.
    m_device.streaming = true;
    m_device.mmap_buffers = false;
    auto camera = KIOSK_MUST(V4l2Camera::open(BY_ID, { 320, 240 }, 15));
    KIOSK_CHECK_OK(camera->start());
    CHECK_TRUE(has(m_device.requests(), VIDIOC_REQBUFS));
    auto const summary = camera->self_test();
    KIOSK_CHECK_OK(summary);
    CHECK_TRUE_TEXT(summary->find("read I/O") != std::string::npos, summary->c_str());
    auto const picture = qr_picture(PAYLOAD);
    m_device.push_frame(picture);
    auto frame = camera->next_frame(std::chrono::seconds(5));
    KIOSK_CHECK_OK(frame);
    CHECK_TRUE(frame->has_value() && (*frame)->pixels == picture);
}

TEST(UmockdevV4l2Camera, the_qr_code_in_the_frames_is_decoded_through_camera_code_scanner)
{
    m_device.free_running = true;
    m_device.push_frame(qr_picture(PAYLOAD));
    auto camera = KIOSK_MUST(V4l2Camera::open(BY_ID, { 320, 240 }, 15));
    auto scanner = KIOSK_MUST(kiosk::drivers::CameraCodeScanner::create(std::move(camera)));
    auto code = scanner->next_code(std::chrono::seconds(10));
    KIOSK_CHECK_OK(code);
    CHECK_TRUE(code->has_value());
    STRCMP_EQUAL(PAYLOAD, (*code)->text.c_str());
}
