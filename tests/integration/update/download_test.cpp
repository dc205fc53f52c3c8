// SPDX-License-Identifier: MIT
// Resumable, bounded downloads from a real nginx on 127.0.0.1 (the kind of static server a
// fleet's updates are published on).
#include <update/download.hpp>
#include <update/file_hash.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "support/nginx_server.hpp"
#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::update::download;
using kiosk::update::DownloadLimits;

namespace {

std::string pattern(std::size_t size)
{
    std::string content(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        content[i] = static_cast<char>((i * 7919U + i / 4096U) % 251U);
    return content;
}

std::string read_file(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

} // namespace

TEST_GROUP(Download)
{
    kiosk::test::TempDir m_dir;
    std::string m_image = pattern(3 * 1024 * 1024 + 123);
    std::filesystem::path m_partial = m_dir.path() / "dl" / "image.partial";

    void setup() override
    {
        m_dir.write("www/image.bin", m_image);
        std::filesystem::create_directories(m_partial.parent_path());
    }
    [[nodiscard]] DownloadLimits limits() const
    {
        DownloadLimits limits;
        limits.expected_bytes = m_image.size();
        limits.stall_timeout = std::chrono::milliseconds(2000);
        return limits;
    }
};

TEST(Download, fetches_the_whole_file)
{
    kiosk::test::NginxServer server(m_dir.path() / "www");
    auto report = download(server.url() + "/image.bin", m_partial, limits());
    KIOSK_CHECK_OK(report);
    LONGS_EQUAL(0, static_cast<long>(report->resumed_from));
    LONGS_EQUAL(static_cast<long>(m_image.size()), static_cast<long>(report->fetched));
    CHECK_TRUE(read_file(m_partial) == m_image);
}

TEST(Download, resumes_where_an_interrupted_attempt_stopped)
{
    kiosk::test::NginxServer server(m_dir.path() / "www");
    std::size_t const half = m_image.size() / 2;
    m_dir.write("dl/image.partial", m_image.substr(0, half));
    auto report = download(server.url() + "/image.bin", m_partial, limits());
    KIOSK_CHECK_OK(report);
    LONGS_EQUAL(static_cast<long>(half), static_cast<long>(report->resumed_from));
    LONGS_EQUAL(static_cast<long>(m_image.size() - half), static_cast<long>(report->fetched));
    CHECK_TRUE(read_file(m_partial) == m_image);
}

TEST(Download, starts_over_when_the_server_ignores_ranges)
{
    kiosk::test::NginxServer server(m_dir.path() / "www", "max_ranges 0;");
    m_dir.write("dl/image.partial", m_image.substr(0, 1000));
    auto report = download(server.url() + "/image.bin", m_partial, limits());
    KIOSK_CHECK_OK(report);
    LONGS_EQUAL(0, static_cast<long>(report->resumed_from));
    CHECK_TRUE(read_file(m_partial) == m_image);
}

TEST(Download, a_file_longer_than_signed_is_cut_at_the_signed_length_and_refused)
{
    kiosk::test::NginxServer server(m_dir.path() / "www");
    auto bounded = limits();
    bounded.expected_bytes = 100000;
    auto report = download(server.url() + "/image.bin", m_partial, bounded);
    CHECK_FALSE(report.has_value());
    CHECK_TRUE(report.error() == Errc::refused);
    STRCMP_CONTAINS("more than the signed length", report.error().message().c_str());
    LONGS_EQUAL(100000, static_cast<long>(std::filesystem::file_size(m_partial)));
}

TEST(Download, a_trickling_server_times_out_and_keeps_what_arrived)
{
    // 2 KiB/s against a floor of 64 KiB/s for 1 s: a slow-retrieval attack.
    kiosk::test::NginxServer server(m_dir.path() / "www", "location / { limit_rate 2k; }");
    auto slow = limits();
    slow.min_bytes_per_second = std::uint64_t { 64 } * 1024;
    slow.stall_timeout = std::chrono::milliseconds(1000);
    auto report = download(server.url() + "/image.bin", m_partial, slow);
    CHECK_FALSE(report.has_value());
    CHECK_TRUE(report.error() == Errc::timeout);
    auto const kept = std::filesystem::file_size(m_partial);
    CHECK_TRUE(kept > 0 && kept < m_image.size());
    // The next attempt, on a healthy server, resumes from there.
    server.kill();
    kiosk::test::NginxServer healthy(m_dir.path() / "www");
    auto resumed = download(healthy.url() + "/image.bin", m_partial, limits());
    KIOSK_CHECK_OK(resumed);
    LONGS_EQUAL(static_cast<long>(kept), static_cast<long>(resumed->resumed_from));
    CHECK_TRUE(read_file(m_partial) == m_image);
}

TEST(Download, a_network_that_drops_mid_transfer_is_disconnected_and_resumable)
{
    auto server = std::make_unique<kiosk::test::NginxServer>(m_dir.path() / "www", "location / { limit_rate 512k; }");
    // The drop happens at a byte count, not at a time: the progress hook kills the server.
    std::uint64_t dropped_at = 0;
    auto report = download(server->url() + "/image.bin", m_partial, limits(), [&](std::uint64_t on_disk) {
        if (dropped_at == 0 && on_disk >= std::uint64_t { 256 } * 1024) {
            dropped_at = on_disk;
            server->kill();
        }
    });
    CHECK_FALSE(report.has_value());
    CHECK_TRUE(report.error() == Errc::disconnected);
    CHECK_TRUE(std::filesystem::file_size(m_partial) >= dropped_at);
    server = std::make_unique<kiosk::test::NginxServer>(m_dir.path() / "www");
    KIOSK_CHECK_OK(download(server->url() + "/image.bin", m_partial, limits()));
    CHECK_TRUE(read_file(m_partial) == m_image);
}

TEST(Download, a_missing_file_is_not_found)
{
    kiosk::test::NginxServer server(m_dir.path() / "www");
    auto report = download(server.url() + "/nope.bin", m_partial, limits());
    CHECK_FALSE(report.has_value());
    CHECK_TRUE(report.error() == Errc::not_found);
}

TEST(Download, an_unreachable_server_is_disconnected)
{
    std::string url;
    {
        kiosk::test::NginxServer gone(m_dir.path() / "www");
        url = gone.url();
    }
    auto report = download(url + "/image.bin", m_partial, limits());
    CHECK_FALSE(report.has_value());
    CHECK_TRUE(report.error() == Errc::disconnected);
}

TEST(Download, a_complete_file_is_not_fetched_again)
{
    m_dir.write("dl/image.partial", m_image);
    // No server at all: nothing needs fetching.
    auto report = download("http://127.0.0.1:9/image.bin", m_partial, limits());
    KIOSK_CHECK_OK(report);
    LONGS_EQUAL(0, static_cast<long>(report->fetched));
}
