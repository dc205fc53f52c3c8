// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string>
#include <sys/types.h>

namespace kiosk::test {

/// A real nginx (Debian's nginx-light) serving @p root as static files on 127.0.0.1, the
/// way a fleet's update server would: HTTP Range, ETags, 404s. Extra `location` blocks can
/// slow a path down (`limit_rate`) or turn off ranges (`max_ranges 0`). Starts in the
/// constructor (aborting the test run if nginx cannot start within 10 s) and is killed in
/// the destructor.
class NginxServer {
public:
    /// @p extra_config is pasted inside the `server { }` block.
    explicit NginxServer(std::filesystem::path const& root, std::string const& extra_config = {});
    ~NginxServer();
    NginxServer(NginxServer const&) = delete;
    NginxServer& operator=(NginxServer const&) = delete;
    NginxServer(NginxServer&&) = delete;
    NginxServer& operator=(NginxServer&&) = delete;

    /// "http://127.0.0.1:PORT".
    [[nodiscard]] std::string const& url() const noexcept { return m_url; }

    /// Kills the server now (a network that drops mid-transfer).
    void kill();

private:
    std::filesystem::path m_config_dir;
    std::string m_url;
    pid_t m_pid = -1;
};

} // namespace kiosk::test
