// SPDX-License-Identifier: MIT
#include "gateway_process.hpp"

#include "support/process.hpp"

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX declares it nowhere else

namespace kiosk::test {

namespace {

constexpr int READY_TIMEOUT_MS = 15000;
constexpr std::string_view READY = "listening on ";

[[noreturn]] void die(std::string const& what)
{
    std::fprintf(stderr, "GatewayProcess: %s\n", what.c_str());
    std::abort();
}

int exit_code_of(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

} // namespace

GatewayProcess::GatewayProcess(std::vector<std::string> const& args)
{
    std::array<int, 2> out_pipe {};
    if (pipe2(out_pipe.data(), O_CLOEXEC) != 0)
        die("pipe2 failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    std::string program = program_path("kiosk-gateway");
    std::vector<std::string> argv_strings { program };
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    argv.reserve(argv_strings.size() + 1);
    for (auto& arg : argv_strings)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    int rc = posix_spawn(&m_pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    if (rc != 0)
        die("cannot start " + program + ": " + std::strerror(rc));
    m_stdout = out_pipe[0];

    // Read stdout until the readiness line, with a deadline.
    std::string seen;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(READY_TIMEOUT_MS);
    while (seen.find('\n') == std::string::npos) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            die("no readiness line within 15 s; stdout so far: " + seen);
        pollfd fd { m_stdout, POLLIN, 0 };
        int ready = poll(&fd, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            continue;
        std::array<char, 512> buffer {};
        auto got = read(m_stdout, buffer.data(), buffer.size());
        if (got <= 0) {
            int status = 0;
            waitpid(m_pid, &status, 0);
            m_pid = -1;
            die("kiosk-gateway exited (code " + std::to_string(exit_code_of(status)) + ") before it was ready; stdout: "
                + seen);
        }
        seen.append(buffer.data(), static_cast<std::size_t>(got));
    }
    auto line = seen.substr(0, seen.find('\n'));
    if (line.rfind(READY, 0) != 0)
        die("unexpected first line: " + line);
    m_url = line.substr(READY.size());
    m_port = static_cast<int>(std::strtol(m_url.substr(m_url.rfind(':') + 1).c_str(), nullptr, 10));
}

GatewayProcess::~GatewayProcess()
{
    stop();
    if (m_stdout >= 0)
        close(m_stdout);
}

int GatewayProcess::stop()
{
    if (m_pid <= 0)
        return m_exit_code;
    kill(m_pid, SIGTERM);
    // Wait for the exit with a bound: a pidfd becomes readable when the process ends.
    int pidfd = static_cast<int>(syscall(SYS_pidfd_open, m_pid, 0));
    if (pidfd >= 0) {
        pollfd fd { pidfd, POLLIN, 0 };
        if (poll(&fd, 1, READY_TIMEOUT_MS) <= 0)
            kill(m_pid, SIGKILL);
        close(pidfd);
    }
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = -1;
    m_exit_code = exit_code_of(status);
    return m_exit_code;
}

} // namespace kiosk::test
