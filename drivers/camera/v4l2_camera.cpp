// SPDX-License-Identifier: MIT
// The one file calling V4L2.
#include "camera/v4l2_camera.hpp"

#include "camera/gray_image.hpp"
#include "common/bounded_timeout.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

    /// ioctl(2), retried when a signal interrupts it.
    int xioctl(int fd, unsigned long request, void* arg)
    {
        int result = 0;
        do {
            result = ::ioctl(fd, request, arg); // NOLINT(cppcoreguidelines-pro-type-vararg): the V4L2 API
        } while (result < 0 && errno == EINTR);
        return result;
    }

    bool device_gone(int sys_errno) { return sys_errno == ENODEV || sys_errno == EIO || sys_errno == ENXIO; }

    std::string fourcc_name(std::uint32_t format)
    {
        std::string name(4, ' ');
        for (std::size_t i = 0; i < 4; ++i)
            name[i] = static_cast<char>((format >> (8U * i)) & 0xffU);
        return name;
    }

    std::string c_string(std::uint8_t const* text, std::size_t size)
    {
        auto const* end = std::find(text, text + size, 0);
        return { reinterpret_cast<char const*>(text), reinterpret_cast<char const*>(end) }; // NOLINT: V4L2 __u8 strings
    }

} // namespace

Result<std::unique_ptr<V4l2Camera>> V4l2Camera::open(std::filesystem::path device, hal::FrameSize size, int frames_per_second)
{
    if (size.width <= 0 || size.height <= 0 || size.width > MAX_IMAGE_SIDE_PX || size.height > MAX_IMAGE_SIDE_PX)
        return fail(Errc::invalid_argument, "opening a V4L2 camera: bad frame size");
    // The constructor is private, so make_unique cannot reach it.
    std::unique_ptr<V4l2Camera> camera(new V4l2Camera(std::move(device), size, std::clamp(frames_per_second, 1, 240)));
    KIOSK_TRY(camera->open_device());
    return camera;
}

V4l2Camera::V4l2Camera(std::filesystem::path device, hal::FrameSize size, int frames_per_second)
    : m_device(std::move(device))
    , m_requested(size)
    , m_frames_per_second(frames_per_second)
{
}

V4l2Camera::~V4l2Camera()
{
    stop();
    close_device();
}

std::string V4l2Camera::pixel_format_name() const { return fourcc_name(m_pixel_format); }

Error V4l2Camera::lost(int sys_errno, char const* context)
{
    if (!device_gone(sys_errno))
        return Error(Errc::io, context, sys_errno);
    // Unplugged: forget everything; start() opens the device again.
    unmap_buffers();
    m_started = false;
    close_device();
    return Error(Errc::disconnected, "V4L2 camera went away", sys_errno);
}

void V4l2Camera::close_device()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

Result<void> V4l2Camera::open_device()
{
    close_device();
    int const fd = ::open(m_device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return Unexpected(Error::from_errno(errno, "opening the V4L2 camera"));
    m_fd = fd;
    v4l2_capability capability {};
    if (xioctl(m_fd, VIDIOC_QUERYCAP, &capability) < 0) {
        int const saved = errno;
        close_device();
        return fail(saved == ENOTTY || saved == EINVAL ? Errc::unsupported : Errc::io,
            "V4L2 camera: not a V4L2 device", saved);
    }
    std::uint32_t const caps
        = (capability.capabilities & V4L2_CAP_DEVICE_CAPS) != 0 ? capability.device_caps : capability.capabilities;
    if ((caps & V4L2_CAP_VIDEO_CAPTURE) == 0) {
        close_device();
        return fail(Errc::unsupported, "V4L2 camera: the device does not capture video");
    }
    if ((caps & (V4L2_CAP_STREAMING | V4L2_CAP_READWRITE)) == 0) {
        close_device();
        return fail(Errc::unsupported, "V4L2 camera: neither streaming nor read() I/O");
    }
    m_streaming_io = (caps & V4L2_CAP_STREAMING) != 0;
    m_read_io_offered = (caps & V4L2_CAP_READWRITE) != 0;
    m_card = c_string(capability.card, sizeof capability.card);
    m_driver = c_string(capability.driver, sizeof capability.driver);
    if (auto negotiated = negotiate(); !negotiated) {
        close_device();
        return negotiated;
    }
    return {};
}

Result<void> V4l2Camera::negotiate()
{
    // GREY needs no conversion, YUYV only a copy of its Y bytes, MJPEG a JPEG decode.
    for (std::uint32_t const wanted : { V4L2_PIX_FMT_GREY, V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_MJPEG }) {
        v4l2_format format {};
        format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        format.fmt.pix.width = static_cast<std::uint32_t>(m_requested.width);
        format.fmt.pix.height = static_cast<std::uint32_t>(m_requested.height);
        format.fmt.pix.pixelformat = wanted;
        format.fmt.pix.field = V4L2_FIELD_NONE;
        if (xioctl(m_fd, VIDIOC_S_FMT, &format) < 0) {
            if (errno == EBUSY)
                return fail(Errc::busy, "V4L2 camera: in use by another program", errno);
            if (device_gone(errno))
                return fail(Errc::disconnected, "V4L2 camera went away", errno);
            continue;
        }
        // Drivers answer with the nearest format they have, which may not be the one asked for.
        if (format.fmt.pix.pixelformat != wanted)
            continue;
        auto const width = static_cast<int>(format.fmt.pix.width);
        auto const height = static_cast<int>(format.fmt.pix.height);
        if (width <= 0 || height <= 0 || width > MAX_IMAGE_SIDE_PX || height > MAX_IMAGE_SIDE_PX)
            continue;
        std::uint32_t const min_line = wanted == V4L2_PIX_FMT_YUYV ? format.fmt.pix.width * 2 : format.fmt.pix.width;
        m_pixel_format = wanted;
        m_size = { width, height };
        m_bytes_per_line = std::max(format.fmt.pix.bytesperline, min_line);
        m_image_bytes = std::max(format.fmt.pix.sizeimage, m_bytes_per_line * format.fmt.pix.height);
        // The rate is a wish: many drivers round it or ignore VIDIOC_S_PARM.
        v4l2_streamparm parameters {};
        parameters.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        parameters.parm.capture.timeperframe.numerator = 1;
        parameters.parm.capture.timeperframe.denominator = static_cast<std::uint32_t>(m_frames_per_second);
        if (xioctl(m_fd, VIDIOC_S_PARM, &parameters) == 0 && parameters.parm.capture.timeperframe.numerator != 0)
            m_frames_per_second = static_cast<int>(
                parameters.parm.capture.timeperframe.denominator / parameters.parm.capture.timeperframe.numerator);
        return {};
    }
    return fail(Errc::unsupported, "V4L2 camera: offers none of GREY, YUYV, MJPEG");
}

Result<std::string> V4l2Camera::self_test()
{
    if (m_fd < 0)
        KIOSK_TRY(open_device());
    v4l2_capability capability {};
    if (xioctl(m_fd, VIDIOC_QUERYCAP, &capability) < 0)
        return Unexpected(lost(errno, "asking the V4L2 camera"));
    return "V4L2 camera '" + m_card + "' (" + m_driver + ") " + std::to_string(m_size.width) + "x"
        + std::to_string(m_size.height) + " " + pixel_format_name() + " at " + std::to_string(m_frames_per_second)
        + " fps, " + (m_streaming_io ? "mmap" : "read") + " I/O";
}

void V4l2Camera::unmap_buffers()
{
    for (auto const& buffer : m_buffers) {
        if (buffer.start != nullptr)
            ::munmap(buffer.start, buffer.length);
    }
    m_buffers.clear();
}

Result<void> V4l2Camera::start()
{
    if (m_started)
        return {};
    if (m_fd < 0)
        KIOSK_TRY(open_device());
    if (!m_streaming_io) {
        m_read_buffer.resize(m_image_bytes);
        m_started = true;
        return {};
    }
    v4l2_requestbuffers request {};
    request.count = BUFFER_COUNT;
    request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    request.memory = V4L2_MEMORY_MMAP;
    if (xioctl(m_fd, VIDIOC_REQBUFS, &request) < 0) {
        if (errno == EBUSY)
            return fail(Errc::busy, "V4L2 camera: in use by another program", errno);
        // EINVAL: the driver has no mmap buffers (only USERPTR/DMABUF): read() I/O then, if
        // it offers that, until the device is opened again.
        if (errno == EINVAL && m_read_io_offered) {
            m_streaming_io = false;
            m_read_buffer.resize(m_image_bytes);
            m_started = true;
            return {};
        }
        return Unexpected(lost(errno, "V4L2 camera: requesting buffers"));
    }
    if (request.count < 2)
        return fail(Errc::unsupported, "V4L2 camera: fewer than 2 buffers");
    for (std::uint32_t index = 0; index < request.count; ++index) {
        v4l2_buffer buffer {};
        buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buffer.memory = V4L2_MEMORY_MMAP;
        buffer.index = index;
        if (xioctl(m_fd, VIDIOC_QUERYBUF, &buffer) < 0) {
            int const saved = errno;
            unmap_buffers();
            return Unexpected(lost(saved, "V4L2 camera: querying a buffer"));
        }
        void* start = ::mmap(nullptr, buffer.length, PROT_READ | PROT_WRITE, MAP_SHARED, m_fd, buffer.m.offset);
        if (start == MAP_FAILED) {
            int const saved = errno;
            unmap_buffers();
            return Unexpected(lost(saved, "V4L2 camera: mapping a buffer"));
        }
        m_buffers.push_back(Buffer { start, buffer.length });
        if (xioctl(m_fd, VIDIOC_QBUF, &buffer) < 0) {
            int const saved = errno;
            unmap_buffers();
            return Unexpected(lost(saved, "V4L2 camera: queueing a buffer"));
        }
    }
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(m_fd, VIDIOC_STREAMON, &type) < 0) {
        int const saved = errno;
        unmap_buffers();
        return Unexpected(lost(saved, "V4L2 camera: starting the stream"));
    }
    m_started = true;
    return {};
}

void V4l2Camera::stop()
{
    if (!m_started)
        return;
    m_started = false;
    if (m_fd >= 0 && m_streaming_io) {
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        (void)xioctl(m_fd, VIDIOC_STREAMOFF, &type);
    }
    unmap_buffers();
    if (m_fd >= 0 && m_streaming_io) {
        v4l2_requestbuffers request {};
        request.count = 0;
        request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        request.memory = V4L2_MEMORY_MMAP;
        (void)xioctl(m_fd, VIDIOC_REQBUFS, &request);
    }
}

Result<hal::Frame> V4l2Camera::convert(std::uint8_t const* data, std::size_t used) const
{
    if (m_pixel_format == V4L2_PIX_FMT_MJPEG) {
        auto frame = KIOSK_TRY(decode_gray_jpeg(ByteView(data, used)));
        if (frame.size != m_size)
            return fail(Errc::malformed, "V4L2 camera: MJPEG frame of another size");
        return frame;
    }
    if (used < static_cast<std::size_t>(m_bytes_per_line) * static_cast<std::size_t>(m_size.height - 1)
            + static_cast<std::size_t>(m_size.width) * (m_pixel_format == V4L2_PIX_FMT_YUYV ? 2U : 1U))
        return fail(Errc::malformed, "V4L2 camera: short frame");
    hal::Frame frame;
    frame.size = m_size;
    frame.stride = m_size.width;
    frame.pixels.resize(static_cast<std::size_t>(m_size.width) * static_cast<std::size_t>(m_size.height));
    for (int y = 0; y < m_size.height; ++y) {
        std::uint8_t const* row = data + static_cast<std::size_t>(y) * m_bytes_per_line;
        std::uint8_t* out = frame.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(m_size.width);
        if (m_pixel_format == V4L2_PIX_FMT_GREY) {
            std::copy_n(row, m_size.width, out);
        } else {
            // YUYV: Y0 U Y1 V: every even byte is luma.
            for (std::size_t x = 0; x < static_cast<std::size_t>(m_size.width); ++x)
                out[x] = row[2 * x];
        }
    }
    return frame;
}

Result<std::optional<hal::Frame>> V4l2Camera::read_frame()
{
    ssize_t const got = ::read(m_fd, m_read_buffer.data(), m_read_buffer.size());
    if (got < 0) {
        if (errno == EAGAIN || errno == EINTR)
            return std::optional<hal::Frame>();
        return Unexpected(lost(errno, "V4L2 camera: reading a frame"));
    }
    if (got == 0)
        return Unexpected(lost(ENODEV, "V4L2 camera: end of stream"));
    auto frame = KIOSK_TRY(convert(m_read_buffer.data(), static_cast<std::size_t>(got)));
    frame.sequence = ++m_sequence;
    frame.captured_at = std::chrono::steady_clock::now();
    return std::optional<hal::Frame>(std::move(frame));
}

Result<std::optional<hal::Frame>> V4l2Camera::next_frame(std::chrono::milliseconds timeout)
{
    if (!m_started) {
        if (m_fd < 0)
            return fail(Errc::disconnected, "V4L2 camera went away");
        return fail(Errc::not_ready, "reading a frame: camera not started");
    }
    auto const deadline = std::chrono::steady_clock::now() + bounded_timeout(timeout);
    if (!m_streaming_io) {
        // read() I/O: a frame already waiting is taken without a poll.
        auto frame = KIOSK_TRY(read_frame());
        if (frame)
            return frame;
    }
    while (true) {
        pollfd fd { m_fd, POLLIN, 0 };
        auto const left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        int const ready = ::poll(&fd, 1, static_cast<int>(std::max<std::int64_t>(left.count(), 0)));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return Unexpected(lost(errno, "V4L2 camera: waiting for a frame"));
        if (ready == 0)
            return std::optional<hal::Frame>();
        if ((fd.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0 && (fd.revents & POLLIN) == 0)
            return Unexpected(lost(ENODEV, "V4L2 camera: device error"));
        if (!m_streaming_io) {
            auto frame = KIOSK_TRY(read_frame());
            if (frame || std::chrono::steady_clock::now() >= deadline)
                return frame;
            continue;
        }

        // Take every filled buffer; keep the newest, give the older ones back at once.
        std::optional<v4l2_buffer> newest;
        while (true) {
            v4l2_buffer buffer {};
            buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            buffer.memory = V4L2_MEMORY_MMAP;
            if (xioctl(m_fd, VIDIOC_DQBUF, &buffer) < 0) {
                if (errno == EAGAIN)
                    break;
                return Unexpected(lost(errno, "V4L2 camera: taking a buffer"));
            }
            if (newest)
                (void)xioctl(m_fd, VIDIOC_QBUF, &*newest);
            newest = buffer;
        }
        if (!newest) {
            if (std::chrono::steady_clock::now() >= deadline)
                return std::optional<hal::Frame>();
            continue;
        }
        if (newest->index >= m_buffers.size())
            return fail(Errc::internal, "V4L2 camera: buffer index out of range");
        auto const& mapped = m_buffers[newest->index];
        bool const corrupt = (newest->flags & V4L2_BUF_FLAG_ERROR) != 0;
        auto frame = corrupt ? Result<hal::Frame>(fail(Errc::malformed, "V4L2 camera: the driver flagged a corrupt frame"))
                             : convert(static_cast<std::uint8_t const*>(mapped.start),
                                 std::min<std::size_t>(newest->bytesused, mapped.length));
        if (xioctl(m_fd, VIDIOC_QBUF, &*newest) < 0)
            return Unexpected(lost(errno, "V4L2 camera: giving a buffer back"));
        if (!frame)
            return Unexpected(frame.error());
        frame->sequence = ++m_sequence;
        frame->captured_at = std::chrono::steady_clock::now();
        return std::optional<hal::Frame>(std::move(*frame));
    }
}

} // namespace kiosk::drivers
