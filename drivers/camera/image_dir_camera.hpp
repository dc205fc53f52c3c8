// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/camera.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::drivers {

/// A camera whose frames are image files (PNG, JPEG) in a folder, for the sim board and
/// tests: the files, sorted by name, are shown in turn and the sequence loops. Each file is
/// converted to gray and fitted to the configured size (centred, cropped or padded with
/// mid-gray, never scaled, so module sizes stay what the file has). Frames come at the
/// configured rate like SimCamera's (the newest due frame; late ones dropped). Files that
/// cannot be read are skipped (counted). One thread only.
class ImageDirCamera final : public hal::Camera {
public:
    /// Lists @p folder. @return Errc::not_found if it does not exist or holds no .png/.jpg/.jpeg
    ///         file, Errc::io if it cannot be listed.
    static Result<std::unique_ptr<ImageDirCamera>> open(
        std::filesystem::path folder, hal::FrameSize size, int frames_per_second);

    ~ImageDirCamera() override;

    /// Loads the first image and checks it decodes: "image folder DIR: 12 images, 640x480 at 5 fps".
    /// @return Errc::not_found if the folder's images are gone, Errc::malformed if none decodes.
    Result<std::string> self_test() override;

    Result<void> start() override;
    void stop() override;

    /// Waits up to @p timeout for the next frame. @return std::nullopt if none is due in
    /// time, Errc::not_ready if not started, Errc::disconnected if every image failed to load.
    Result<std::optional<hal::Frame>> next_frame(std::chrono::milliseconds timeout) override;

    [[nodiscard]] hal::FrameSize frame_size() const override { return m_size; }

    /// How many image files were skipped because they could not be read.
    [[nodiscard]] std::uint64_t skipped_files() const noexcept { return m_skipped; }

private:
    ImageDirCamera(std::filesystem::path folder, std::vector<std::filesystem::path> files, hal::FrameSize size,
        int frames_per_second);

    Result<hal::Frame> render(std::uint64_t index);

    std::filesystem::path m_folder;
    std::vector<std::filesystem::path> m_files;
    hal::FrameSize m_size;
    int m_frames_per_second;
    std::chrono::nanoseconds m_period;
    std::optional<std::chrono::steady_clock::time_point> m_started_at;
    std::uint64_t m_last_index = 0;
    std::uint64_t m_sequence_base = 0;
    std::uint64_t m_skipped = 0;
};

/// @p image fitted to @p size: centred, cropped or padded with mid-gray (128), stride == width.
hal::Frame fit_frame(hal::Frame const& image, hal::FrameSize size);

} // namespace kiosk::drivers
