// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace kiosk::test {

/// A kiosk-gateway process started for a test. The constructor waits (at most 15 s) for its
/// readiness line "listening on URL" on stdout; the destructor stops it with SIGTERM.
class GatewayProcess {
public:
    /// Starts build/bin/kiosk-gateway with @p args. Aborts the test run if it cannot start
    /// or does not print its readiness line in time (its stderr is shown).
    explicit GatewayProcess(std::vector<std::string> const& args);
    ~GatewayProcess();
    GatewayProcess(GatewayProcess const&) = delete;
    GatewayProcess& operator=(GatewayProcess const&) = delete;
    GatewayProcess(GatewayProcess&&) = delete;
    GatewayProcess& operator=(GatewayProcess&&) = delete;

    /// "http://127.0.0.1:PORT" as printed.
    [[nodiscard]] std::string const& url() const noexcept { return m_url; }
    [[nodiscard]] int port() const noexcept { return m_port; }

    /// Sends SIGTERM and waits (at most 15 s) for the exit; returns the exit code (128+signal
    /// if killed). Idempotent.
    int stop();

private:
    pid_t m_pid = -1;
    int m_stdout = -1;
    int m_exit_code = -1;
    std::string m_url;
    int m_port = 0;
};

} // namespace kiosk::test
