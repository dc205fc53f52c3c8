// SPDX-License-Identifier: MIT
#include "support/nginx_server.hpp"

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX declares it nowhere else

namespace kiosk::test {

namespace {

    [[noreturn]] void die(char const* what)
    {
        std::fprintf(stderr, "NginxServer: %s\n", what);
        std::abort();
    }

    sockaddr_in loopback(int port)
    {
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return address;
    }

    /// A port nobody listens on right now (the kernel's choice for port 0).
    int free_port()
    {
        int const fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        auto address = loopback(0);
        socklen_t length = sizeof address;
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
            || ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            die("cannot find a free port");
        ::close(fd);
        return ntohs(address.sin_port);
    }

    bool accepts_connections(int port)
    {
        int const fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        auto address = loopback(port);
        bool const ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        ::close(fd);
        return ok;
    }

} // namespace

NginxServer::NginxServer(std::filesystem::path const& root, std::string const& extra_config)
{
    std::array<char, 64> pattern {};
    std::snprintf(pattern.data(), pattern.size(), "/tmp/kiosk-nginx-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr)
        die("mkdtemp failed");
    m_config_dir = pattern.data();
    std::filesystem::create_directories(m_config_dir / "temp");

    // A port picked now could be taken before nginx binds it; try a few.
    for (int attempt = 0; attempt < 5; ++attempt) {
        int const port = free_port();
        auto const config = m_config_dir / "nginx.conf";
        std::ofstream(config, std::ios::trunc)
            << "daemon off;\nmaster_process off;\nworker_processes 1;\npid " << (m_config_dir / "nginx.pid").string()
            << ";\nerror_log " << (m_config_dir / "error.log").string()
            << " warn;\nevents { worker_connections 64; }\nhttp {\n  access_log off;\n  client_body_temp_path "
            << (m_config_dir / "temp").string() << ";\n  proxy_temp_path " << (m_config_dir / "temp").string()
            << ";\n  default_type application/octet-stream;\n  server {\n    listen 127.0.0.1:" << port
            << ";\n    root " << root.string() << ";\n" << extra_config << "\n  }\n}\n";

        std::vector<std::string> argv_strings { "/usr/sbin/nginx", "-p", m_config_dir.string(), "-c", config.string() };
        std::vector<char*> argv;
        argv.reserve(argv_strings.size() + 1);
        for (auto& arg : argv_strings)
            argv.push_back(arg.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        int const rc = ::posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0)
            die("cannot start /usr/sbin/nginx (install nginx-light)");

        // Ready when it accepts a connection; gone if it exits (port taken): bounded either way.
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_pid = -1;
                break;
            }
            if (accepts_connections(port)) {
                m_url = "http://127.0.0.1:" + std::to_string(port);
                return;
            }
            ::poll(nullptr, 0, 5);
        }
        kill();
    }
    die("nginx did not start (see its error.log)");
}

void NginxServer::kill()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGKILL);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
}

NginxServer::~NginxServer()
{
    kill();
    std::error_code ignored;
    std::filesystem::remove_all(m_config_dir, ignored);
}

} // namespace kiosk::test
