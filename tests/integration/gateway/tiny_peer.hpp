// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace kiosk::test {

/// A purpose-built HTTP peer on 127.0.0.1 for the failures a real gateway does not produce
/// on demand: it accepts connections and either never answers (Mode::silent: the client's
/// timeout fires, deterministically, without any sleep) or answers every request with the
/// same raw bytes (Mode::canned: malformed JSON, a 500).
class TinyPeer {
public:
    enum class Mode { silent, canned };

    TinyPeer(Mode mode, std::string reply = {});
    ~TinyPeer();
    TinyPeer(TinyPeer const&) = delete;
    TinyPeer& operator=(TinyPeer const&) = delete;
    TinyPeer(TinyPeer&&) = delete;
    TinyPeer& operator=(TinyPeer&&) = delete;

    [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    /// Connections accepted so far (retries show up here).
    [[nodiscard]] int connections() const noexcept { return m_connections.load(); }

    /// A complete HTTP/1.1 response with @p status and a JSON @p body.
    static std::string response(int status, std::string const& body);

private:
    void serve();

    Mode m_mode;
    std::string m_reply;
    int m_listen = -1;
    int m_port = 0;
    int m_wake[2] = { -1, -1 };
    std::atomic<int> m_connections { 0 };
    std::thread m_thread;
};

/// A port on 127.0.0.1 where nothing listens (bound, then closed).
int closed_port();

} // namespace kiosk::test
