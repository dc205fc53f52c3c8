// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string_view>

namespace kiosk::test {

/// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(TempDir const&) = delete;
    TempDir& operator=(TempDir const&) = delete;
    TempDir(TempDir&&) = delete;
    TempDir& operator=(TempDir&&) = delete;

    [[nodiscard]] std::filesystem::path const& path() const noexcept { return m_path; }

    /// Writes @p content to @p name inside the directory and returns its full path.
    std::filesystem::path write(std::string_view name, std::string_view content) const;

private:
    std::filesystem::path m_path;
};

} // namespace kiosk::test
