// SPDX-License-Identifier: MIT
// A socat pseudo-terminal pair: the driver opens one end (`device()`), the test plays the
// scanner module on the other (`write()`). socat is started and stopped by its pid.
#pragma once

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

namespace kiosk::test {

class SocatPtyPair {
public:
    /// Starts socat with links @p dir/scanner (driver side) and @p dir/module (test side).
    explicit SocatPtyPair(std::filesystem::path dir)
        : m_dir(std::move(dir))
    {
        start();
    }
    ~SocatPtyPair() { stop(); }
    SocatPtyPair(SocatPtyPair const&) = delete;
    SocatPtyPair& operator=(SocatPtyPair const&) = delete;
    SocatPtyPair(SocatPtyPair&&) = delete;
    SocatPtyPair& operator=(SocatPtyPair&&) = delete;

    [[nodiscard]] std::filesystem::path device() const { return m_dir / "scanner"; }
    [[nodiscard]] bool running() const noexcept { return m_module_fd >= 0; }

    /// Writes @p bytes as the scanner module would (all of them, blocking).
    bool write(std::string_view bytes) const
    {
        while (!bytes.empty()) {
            ssize_t const n = ::write(m_module_fd, bytes.data(), bytes.size());
            if (n <= 0)
                return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    /// Starts socat (again) and waits, up to 5 s, until both ends exist and the test end is open.
    void start()
    {
        std::filesystem::remove(device());
        std::filesystem::remove(m_dir / "module");
        m_pid = ::fork();
        if (m_pid == 0) {
            std::string const a = "pty,raw,echo=0,link=" + device().string();
            std::string const b = "pty,raw,echo=0,link=" + (m_dir / "module").string();
            ::execl("/usr/bin/socat", "socat", a.c_str(), b.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (std::chrono::steady_clock::now() < deadline) {
            if (std::filesystem::exists(device()) && std::filesystem::exists(m_dir / "module")) {
                m_module_fd = ::open((m_dir / "module").c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
                if (m_module_fd >= 0) {
                    termios tty {};
                    ::tcgetattr(m_module_fd, &tty);
                    ::cfmakeraw(&tty);
                    ::tcsetattr(m_module_fd, TCSANOW, &tty);
                    return;
                }
            }
            // Polling for socat's links: a bounded wait for a condition, not a fixed delay.
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }

    /// Ends socat (both ptys disappear, as when the module is unplugged).
    void stop()
    {
        if (m_module_fd >= 0)
            ::close(m_module_fd);
        m_module_fd = -1;
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            int status = 0;
            ::waitpid(m_pid, &status, 0);
        }
        m_pid = -1;
    }

private:
    std::filesystem::path m_dir;
    pid_t m_pid = -1;
    int m_module_fd = -1;
};

} // namespace kiosk::test
