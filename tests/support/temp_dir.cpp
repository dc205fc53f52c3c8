// SPDX-License-Identifier: MIT
#include "support/temp_dir.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>

namespace kiosk::test {

TempDir::TempDir()
{
    char const* base = std::getenv("TMPDIR"); // NOLINT(concurrency-mt-unsafe): tests are single-threaded here
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/kiosk-test-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
        std::perror("mkdtemp");
        std::abort();
    }
    m_path = pattern;
}

TempDir::~TempDir()
{
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

std::filesystem::path TempDir::write(std::string_view name, std::string_view content) const
{
    auto file = m_path / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return file;
}

} // namespace kiosk::test
