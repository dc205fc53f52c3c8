// SPDX-License-Identifier: MIT
// The update agent's one libcurl file.
#include "update/download.hpp"

#include <kiosk/hal/unique_fd.hpp>

#include <curl/curl.h>

#include <cerrno>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::update {

namespace {

    struct CurlDeleter {
        void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
    };
    struct SlistDeleter {
        void operator()(curl_slist* list) const { curl_slist_free_all(list); }
    };

    void init_curl_once()
    {
        static std::once_flag once;
        std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    }

    /// The file being written, and why a transfer was stopped from inside the callback.
    struct Sink {
        int fd = -1;
        std::uint64_t on_disk = 0;
        std::uint64_t limit = 0;
        std::uint64_t fetched = 0;
        std::uint64_t since_sync = 0;
        bool restart_from_zero = false;
        bool over_limit = false;
        int write_errno = 0;
        DownloadProgress const* progress = nullptr;
        long status = 0;
        bool checked_status = false;
        CURL* handle = nullptr;
    };

    constexpr std::uint64_t SYNC_EVERY_BYTES = std::uint64_t { 1 } << 20;

    bool write_all(int fd, char const* data, std::size_t size, int& failure)
    {
        while (size > 0) {
            ssize_t const put = ::write(fd, data, size);
            if (put < 0 && errno == EINTR)
                continue;
            if (put < 0) {
                failure = errno;
                return false;
            }
            data += put;
            size -= static_cast<std::size_t>(put);
        }
        return true;
    }

    std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user)
    {
        auto& sink = *static_cast<Sink*>(user);
        std::size_t const bytes = size * count;
        if (!sink.checked_status) {
            sink.checked_status = true;
            curl_easy_getinfo(sink.handle, CURLINFO_RESPONSE_CODE, &sink.status);
            if (sink.status >= 400)
                return 0;
            if (sink.status == 200 && sink.on_disk > 0) {
                // The server ignored our Range header and sends the whole file: start over.
                if (::ftruncate(sink.fd, 0) != 0 || ::lseek(sink.fd, 0, SEEK_SET) != 0) {
                    sink.write_errno = errno;
                    return 0;
                }
                sink.on_disk = 0;
                sink.restart_from_zero = true;
            }
        }
        std::size_t allowed = bytes;
        if (sink.on_disk + bytes > sink.limit) {
            // Endless-data attack (or a wrong file): keep what the metadata allows, no more.
            allowed = static_cast<std::size_t>(sink.limit - sink.on_disk);
            sink.over_limit = true;
        }
        if (allowed > 0 && !write_all(sink.fd, data, allowed, sink.write_errno))
            return 0;
        sink.on_disk += allowed;
        sink.fetched += allowed;
        sink.since_sync += allowed;
        if (sink.since_sync >= SYNC_EVERY_BYTES) {
            ::fdatasync(sink.fd);
            sink.since_sync = 0;
        }
        if (sink.progress != nullptr && *sink.progress)
            (*sink.progress)(sink.on_disk);
        return sink.over_limit ? 0 : bytes;
    }

    Error curl_error(CURLcode code)
    {
        switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return Error(Errc::timeout, "downloading the update: the transfer stalled or timed out");
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
            return Error(Errc::disconnected, "downloading the update: the network dropped or the server is unreachable");
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CACERT_BADFILE:
            return Error(Errc::refused, "downloading the update: the server's TLS certificate was not accepted");
        default:
            return Error(Errc::io, "downloading the update: transfer failed");
        }
    }

} // namespace

Result<DownloadReport> download(std::string const& url, std::filesystem::path const& partial_file,
    DownloadLimits const& limits, DownloadProgress const& progress)
{
    init_curl_once();
    auto const started = std::chrono::steady_clock::now();
    UniqueFd const file(::open(partial_file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
    if (!file)
        return Unexpected(Error::from_errno(errno, "opening the partial download"));
    int const fd = file.get();

    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return Unexpected(Error::from_errno(errno, "reading the partial download's size"));
    Sink sink;
    sink.fd = fd;
    sink.limit = limits.expected_bytes;
    sink.progress = &progress;
    sink.on_disk = static_cast<std::uint64_t>(info.st_size);
    if (sink.on_disk > limits.expected_bytes) {
        // Longer than the signed size can only be corruption: nothing of it can be trusted.
        if (::ftruncate(fd, 0) != 0)
            return Unexpected(Error::from_errno(errno, "discarding a corrupt partial download"));
        sink.on_disk = 0;
    }
    DownloadReport report;
    report.resumed_from = sink.on_disk;
    if (sink.on_disk == limits.expected_bytes) {
        report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        return report;
    }
    if (::lseek(fd, static_cast<off_t>(sink.on_disk), SEEK_SET) < 0)
        return Unexpected(Error::from_errno(errno, "seeking in the partial download"));

    std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
    if (!handle)
        return fail(Errc::internal, "downloading the update: libcurl could not start");
    CURL* curl = handle.get();
    sink.handle = curl;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(limits.min_bytes_per_second));
    curl_easy_setopt(
        curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(std::max<std::int64_t>(1, limits.stall_timeout.count() / 1000)));
    if (limits.max_bytes_per_second > 0)
        curl_easy_setopt(curl, CURLOPT_MAX_RECV_SPEED_LARGE, static_cast<curl_off_t>(limits.max_bytes_per_second));
    if (!limits.ca_file.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, limits.ca_file.c_str());
    std::string const range = std::to_string(sink.on_disk) + "-";
    if (sink.on_disk > 0)
        curl_easy_setopt(curl, CURLOPT_RANGE, range.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_data);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);

    CURLcode const code = curl_easy_perform(curl);
    ::fdatasync(fd);
    report.fetched = sink.fetched;
    report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (sink.restart_from_zero)
        report.resumed_from = 0;
    if (sink.over_limit)
        return fail(Errc::refused, "downloading the update: the server sent more than the signed length");
    if (sink.write_errno != 0)
        return fail(Errc::io, "writing the partial download", sink.write_errno);
    long status = sink.status;
    if (!sink.checked_status)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (status == 404)
        return fail(Errc::not_found, "downloading the update: the server has no such file (HTTP 404)");
    if (status == 416)
        return fail(Errc::refused, "downloading the update: the server refused the resume range (HTTP 416)");
    if (status >= 400)
        return fail(Errc::refused, "downloading the update: the server answered with an HTTP error");
    if (code != CURLE_OK)
        return Unexpected(curl_error(code));
    if (sink.on_disk != limits.expected_bytes)
        return fail(Errc::disconnected, "downloading the update: the transfer ended before the signed length");
    return report;
}

namespace {

    struct TextSink {
        std::string text;
        std::uint64_t limit = 0;
        bool over_limit = false;
    };

    std::size_t on_text(char* data, std::size_t size, std::size_t count, void* user)
    {
        auto& sink = *static_cast<TextSink*>(user);
        std::size_t const bytes = size * count;
        if (sink.text.size() + bytes > sink.limit) {
            sink.over_limit = true;
            return 0;
        }
        sink.text.append(data, bytes);
        return bytes;
    }

} // namespace

Result<std::string> fetch_text(std::string const& url, std::uint64_t max_bytes, DownloadLimits const& limits)
{
    init_curl_once();
    std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
    if (!handle)
        return fail(Errc::internal, "fetching update metadata: libcurl could not start");
    CURL* curl = handle.get();
    TextSink sink;
    sink.limit = max_bytes;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(limits.min_bytes_per_second));
    curl_easy_setopt(
        curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(std::max<std::int64_t>(1, limits.stall_timeout.count() / 1000)));
    if (!limits.ca_file.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, limits.ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_text);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    CURLcode const code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (sink.over_limit)
        return fail(Errc::refused, "fetching update metadata: the file is longer than allowed");
    if (status == 404)
        return fail(Errc::not_found, "fetching update metadata: the server has no such file (HTTP 404)");
    if (code != CURLE_OK)
        return Unexpected(curl_error(code));
    if (status >= 400)
        return fail(Errc::refused, "fetching update metadata: the server answered with an HTTP error");
    return std::move(sink.text);
}

} // namespace kiosk::update
