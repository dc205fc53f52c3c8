// SPDX-License-Identifier: MIT
#include "scanner/camera_code_scanner.hpp"

#include "common/bounded_timeout.hpp"

#include <utility>

namespace kiosk::drivers {

namespace {

    /// How long one worker wait for a frame lasts, so that quitting and going idle are prompt.
    constexpr std::chrono::milliseconds FRAME_POLL { 100 };

} // namespace

Result<std::unique_ptr<CameraCodeScanner>> CameraCodeScanner::create(
    std::unique_ptr<hal::Camera> camera, CameraScannerOptions options)
{
    if (!camera)
        return fail(Errc::invalid_argument, "camera scanner: no camera");
    // The constructor is private, so make_unique cannot reach it.
    std::unique_ptr<CameraCodeScanner> scanner(new CameraCodeScanner(std::move(camera), options));
    scanner->m_worker = std::thread([raw = scanner.get()] { raw->run(); });
    return scanner;
}

CameraCodeScanner::CameraCodeScanner(std::unique_ptr<hal::Camera> camera, CameraScannerOptions options)
    : m_camera(std::move(camera))
    , m_options(options)
    , m_decoder(m_options.decoder)
{
}

CameraCodeScanner::~CameraCodeScanner()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_changed.notify_all();
    if (m_worker.joinable())
        m_worker.join();
}

std::uint64_t CameraCodeScanner::frames_decoded() const
{
    std::lock_guard lock(m_mutex);
    return m_frames;
}

void CameraCodeScanner::run()
{
    std::unique_lock lock(m_mutex);
    auto const stop_streaming = [&] {
        if (!m_streaming)
            return;
        lock.unlock();
        m_camera->stop();
        lock.lock();
        m_streaming = false;
        m_in_view.clear();
    };
    while (!m_quit) {
        auto const now = std::chrono::steady_clock::now();
        bool const demand = m_waiters > 0 || now - m_last_demand < m_options.idle_stop;
        if (!demand || m_self_testing) {
            stop_streaming();
            m_changed.notify_all(); // self_test() waits for the camera to be free
            m_changed.wait(lock, [&] { return m_quit || (!m_self_testing && m_waiters > 0); });
            continue;
        }
        if (!m_streaming) {
            lock.unlock();
            auto started = m_camera->start();
            lock.lock();
            if (!started) {
                m_failure = started.error();
                m_changed.notify_all();
                m_changed.wait_for(lock, m_options.retry_after, [&] { return m_quit; });
                continue;
            }
            m_streaming = true;
        }

        // Decoding happens outside the lock; the camera keeps only its newest frame meanwhile.
        lock.unlock();
        auto frame = m_camera->next_frame(FRAME_POLL);
        std::optional<Result<DecodeResult>> decoded;
        if (frame && frame->has_value())
            decoded = m_decoder.decode(**frame);
        lock.lock();

        if (!frame) {
            m_failure = frame.error();
            m_changed.notify_all();
            stop_streaming();
            m_changed.wait_for(lock, m_options.retry_after, [&] { return m_quit; });
            continue;
        }
        if (!decoded)
            continue;
        ++m_frames;
        if (*decoded)
            handle_codes((*decoded)->codes, (*frame)->captured_at);
    }
    stop_streaming();
}

void CameraCodeScanner::handle_codes(std::vector<DecodedCode> const& codes, std::chrono::steady_clock::time_point at)
{
    bool added = false;
    for (auto const& code : codes) {
        auto key = std::make_pair(code.text, code.format);
        auto it = m_in_view.find(key);
        bool const still_in_view = it != m_in_view.end() && at - it->second < m_options.forget_after;
        m_in_view[key] = at;
        if (still_in_view)
            continue;
        while (m_queue.size() >= QUEUE_LIMIT)
            m_queue.pop_front();
        m_queue.push_back(hal::ScannedCode { code.text, code.format, at });
        added = true;
    }
    // Codes out of view long enough are forgotten, so the map stays as small as the view.
    for (auto it = m_in_view.begin(); it != m_in_view.end();) {
        if (at - it->second >= m_options.forget_after)
            it = m_in_view.erase(it);
        else
            ++it;
    }
    if (added)
        m_changed.notify_all();
}

Result<std::string> CameraCodeScanner::self_test()
{
    std::unique_lock lock(m_mutex);
    m_self_testing = true;
    m_changed.notify_all();
    bool const idle = m_changed.wait_for(lock, std::chrono::seconds(2), [&] { return !m_streaming; });
    if (!idle) {
        m_self_testing = false;
        m_changed.notify_all();
        return fail(Errc::busy, "camera scanner self-test: camera still streaming");
    }
    lock.unlock();
    auto summary = m_camera->self_test();
    lock.lock();
    m_self_testing = false;
    m_changed.notify_all();
    if (!summary)
        return Unexpected(summary.error());
    return "camera scanner, " + *summary;
}

Result<std::optional<hal::ScannedCode>> CameraCodeScanner::next_code(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    auto const now = std::chrono::steady_clock::now();
    ++m_waiters;
    m_last_demand = now;
    std::uint64_t const cancel_at_start = m_cancel_count;
    m_changed.notify_all();
    while (!m_queue.empty() && now - m_queue.front().at > m_options.code_max_age)
        m_queue.pop_front();
    m_changed.wait_for(lock, bounded_timeout(timeout),
        [&] { return !m_queue.empty() || m_failure.has_value() || m_cancel_count != cancel_at_start || m_quit; });
    --m_waiters;
    m_last_demand = std::chrono::steady_clock::now();
    if (m_cancel_count != cancel_at_start)
        return fail(Errc::cancelled, "waiting for a code");
    if (!m_queue.empty()) {
        hal::ScannedCode code = std::move(m_queue.front());
        m_queue.pop_front();
        return std::optional<hal::ScannedCode>(std::move(code));
    }
    if (m_failure) {
        Error const failure = *m_failure;
        m_failure.reset();
        return Unexpected(failure);
    }
    return std::optional<hal::ScannedCode>();
}

void CameraCodeScanner::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        // Only a wait in progress is cancelled, as with the other scanners.
        if (m_waiters == 0)
            return;
        ++m_cancel_count;
    }
    m_changed.notify_all();
}

} // namespace kiosk::drivers
