// SPDX-License-Identifier: MIT
#include "support/process.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX declares it nowhere else

namespace kiosk::test {

namespace {

[[noreturn]] void die(char const* what)
{
    std::fprintf(stderr, "run_process: %s: %s\n", what, std::strerror(errno)); // NOLINT(concurrency-mt-unsafe)
    std::abort();
}

} // namespace

ProcessResult run_process(std::vector<std::string> const& argv, std::vector<std::string> const& extra_env)
{
    std::array<int, 2> out_pipe {};
    std::array<int, 2> err_pipe {};
    if (pipe2(out_pipe.data(), O_CLOEXEC) != 0 || pipe2(err_pipe.data(), O_CLOEXEC) != 0)
        die("pipe2");

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);

    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (auto const& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);

    std::vector<std::string> env_strings;
    for (char** entry = environ; *entry != nullptr; ++entry)
        env_strings.emplace_back(*entry);
    for (auto const& entry : extra_env)
        env_strings.push_back(entry);
    std::vector<char*> env;
    env.reserve(env_strings.size() + 1);
    for (auto& entry : env_strings)
        env.push_back(entry.data());
    env.push_back(nullptr);

    pid_t pid = 0;
    int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (rc != 0) {
        errno = rc;
        die(args[0]);
    }

    ProcessResult result;
    std::array<pollfd, 2> fds { pollfd { out_pipe[0], POLLIN, 0 }, pollfd { err_pipe[0], POLLIN, 0 } };
    std::array<std::string*, 2> sinks { &result.out, &result.err };
    int open_fds = 2;
    std::array<char, 4096> buffer {};
    while (open_fds > 0) {
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR)
                continue;
            die("poll");
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            ssize_t n = read(fds[i].fd, buffer.data(), buffer.size());
            if (n > 0) {
                sinks[i]->append(buffer.data(), static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            }
        }
    }

    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            die("waitpid");
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

std::string program_path(std::string const& name) { return std::string(KIOSK_BIN_DIR) + "/" + name; }

std::string source_path(std::string const& relative) { return std::string(KIOSK_SOURCE_DIR) + "/" + relative; }

} // namespace kiosk::test
