// SPDX-License-Identifier: MIT
#include "camera/image_dir_camera.hpp"

#include "camera/gray_image.hpp"
#include "common/bounded_timeout.hpp"

#include <algorithm>
#include <system_error>
#include <thread>

namespace kiosk::drivers {

namespace {

    constexpr int MAX_FRAMES_PER_SECOND = 120;
    constexpr std::uint8_t PAD_GRAY = 128;

    bool is_image_name(std::filesystem::path const& file)
    {
        std::string extension = file.extension().string();
        std::transform(extension.begin(), extension.end(), extension.begin(),
            [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); });
        return extension == ".png" || extension == ".jpg" || extension == ".jpeg";
    }

} // namespace

hal::Frame fit_frame(hal::Frame const& image, hal::FrameSize size)
{
    hal::Frame frame;
    frame.size = size;
    frame.stride = size.width;
    frame.pixels.assign(static_cast<std::size_t>(size.width) * static_cast<std::size_t>(size.height), PAD_GRAY);
    // Offsets of the image inside the frame (negative: the image is cropped).
    int const dx = (size.width - image.size.width) / 2;
    int const dy = (size.height - image.size.height) / 2;
    int const x0 = std::max(dx, 0);
    int const x1 = std::min(size.width, dx + image.size.width);
    for (int y = std::max(dy, 0); y < std::min(size.height, dy + image.size.height); ++y) {
        auto const* src = image.pixels.data() + static_cast<std::size_t>(y - dy) * static_cast<std::size_t>(image.stride)
            + static_cast<std::size_t>(x0 - dx);
        std::copy(src, src + (x1 - x0),
            frame.pixels.begin() + static_cast<std::ptrdiff_t>(y) * size.width + x0);
    }
    return frame;
}

Result<std::unique_ptr<ImageDirCamera>> ImageDirCamera::open(
    std::filesystem::path folder, hal::FrameSize size, int frames_per_second)
{
    if (size.width <= 0 || size.height <= 0 || size.width > MAX_IMAGE_SIDE_PX || size.height > MAX_IMAGE_SIDE_PX)
        return fail(Errc::invalid_argument, "opening an image folder camera: bad frame size");
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        if (it->is_regular_file() && is_image_name(it->path()))
            files.push_back(it->path());
    }
    if (error)
        return fail(error == std::errc::no_such_file_or_directory ? Errc::not_found : Errc::io,
            "listing the camera's image folder", error.value());
    if (files.empty())
        return fail(Errc::not_found, "the camera's image folder holds no .png or .jpg file");
    std::sort(files.begin(), files.end());
    // The constructor is private, so make_unique cannot reach it.
    return std::unique_ptr<ImageDirCamera>(new ImageDirCamera(
        std::move(folder), std::move(files), size, std::clamp(frames_per_second, 1, MAX_FRAMES_PER_SECOND)));
}

ImageDirCamera::ImageDirCamera(std::filesystem::path folder, std::vector<std::filesystem::path> files,
    hal::FrameSize size, int frames_per_second)
    : m_folder(std::move(folder))
    , m_files(std::move(files))
    , m_size(size)
    , m_frames_per_second(frames_per_second)
    , m_period(std::chrono::nanoseconds(std::chrono::seconds(1)) / frames_per_second)
{
}

ImageDirCamera::~ImageDirCamera() = default;

Result<std::string> ImageDirCamera::self_test()
{
    auto first = load_gray_image(m_files.front());
    if (!first)
        return Unexpected(first.error());
    return "image folder " + m_folder.string() + ": " + std::to_string(m_files.size()) + " images, "
        + std::to_string(m_size.width) + "x" + std::to_string(m_size.height) + " at "
        + std::to_string(m_frames_per_second) + " fps";
}

Result<void> ImageDirCamera::start()
{
    if (!m_started_at) {
        m_started_at = std::chrono::steady_clock::now();
        m_last_index = 0;
    }
    return {};
}

void ImageDirCamera::stop()
{
    if (!m_started_at)
        return;
    m_sequence_base += m_last_index;
    m_started_at.reset();
    m_last_index = 0;
}

Result<hal::Frame> ImageDirCamera::render(std::uint64_t index)
{
    // Frame k (1-based) shows file k-1 of the sorted list, looping; unreadable files are
    // skipped, so a folder where nothing decodes is reported as a camera gone bad.
    std::uint64_t const sequence = m_sequence_base + index;
    for (std::size_t attempt = 0; attempt < m_files.size(); ++attempt) {
        auto const& file = m_files[(sequence - 1 + attempt) % m_files.size()];
        auto image = load_gray_image(file);
        if (!image) {
            ++m_skipped;
            continue;
        }
        hal::Frame frame = image->size == m_size ? std::move(*image) : fit_frame(*image, m_size);
        frame.sequence = sequence;
        frame.captured_at = *m_started_at + m_period * static_cast<std::int64_t>(index);
        return frame;
    }
    return fail(Errc::disconnected, "no image in the camera's folder could be read");
}

Result<std::optional<hal::Frame>> ImageDirCamera::next_frame(std::chrono::milliseconds timeout)
{
    if (!m_started_at)
        return fail(Errc::not_ready, "reading a frame: camera not started");
    auto const started_at = *m_started_at;
    auto const now = std::chrono::steady_clock::now();
    auto const newest = static_cast<std::uint64_t>((now - started_at) / m_period);
    std::uint64_t index = 0;
    if (newest > m_last_index) {
        index = newest;
    } else {
        std::uint64_t const next = m_last_index + 1;
        auto const due = started_at + m_period * static_cast<std::int64_t>(next);
        auto const deadline = now + bounded_timeout(timeout);
        if (due > deadline) {
            std::this_thread::sleep_until(deadline);
            return std::optional<hal::Frame>();
        }
        // The frame's capture time, as a real sensor would deliver it (device model).
        std::this_thread::sleep_until(due);
        index = next;
    }
    m_last_index = index;
    auto frame = KIOSK_TRY(render(index));
    return std::optional<hal::Frame>(std::move(frame));
}

} // namespace kiosk::drivers
