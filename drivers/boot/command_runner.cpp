// SPDX-License-Identifier: MIT
#include "boot/command_runner.hpp"

#include <array>
#include <cerrno>
#include <csignal>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX names it for posix_spawn

namespace kiosk::drivers {

namespace {

    /// A pipe whose ends close on scope exit.
    class Pipe {
    public:
        Pipe() noexcept { m_ok = ::pipe2(m_fds.data(), O_CLOEXEC) == 0; }
        ~Pipe()
        {
            close_read();
            close_write();
        }
        Pipe(Pipe const&) = delete;
        Pipe& operator=(Pipe const&) = delete;
        Pipe(Pipe&&) = delete;
        Pipe& operator=(Pipe&&) = delete;

        [[nodiscard]] bool ok() const noexcept { return m_ok; }
        [[nodiscard]] int read_end() const noexcept { return m_fds[0]; }
        [[nodiscard]] int write_end() const noexcept { return m_fds[1]; }
        void close_read() noexcept { close_fd(m_fds[0]); }
        void close_write() noexcept { close_fd(m_fds[1]); }

    private:
        static void close_fd(int& fd) noexcept
        {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
        }
        std::array<int, 2> m_fds { -1, -1 };
        bool m_ok = false;
    };

    int exit_code_of(int status) noexcept
    {
        if (WIFEXITED(status))
            return WEXITSTATUS(status);
        if (WIFSIGNALED(status))
            return 128 + WTERMSIG(status);
        return -1;
    }

} // namespace

Result<CommandResult> run_command(
    std::vector<std::string> const& argv, std::chrono::milliseconds timeout, std::size_t max_output)
{
    if (argv.empty() || ::access(argv.front().c_str(), X_OK) != 0)
        return fail(Errc::not_found, "running a command: no such program (or not executable)");
    Pipe out;
    Pipe err;
    if (!out.ok() || !err.ok())
        return fail(Errc::io, "running a command: cannot create pipes", errno);
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (auto const& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str())); // NOLINT(cppcoreguidelines-pro-type-const-cast): posix_spawn's signature
    args.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write_end(), 1);
    posix_spawn_file_actions_adddup2(&actions, err.write_end(), 2);
    pid_t pid = -1;
    int const spawned = ::posix_spawn(&pid, args.front(), &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return fail(Errc::io, "running a command: cannot start it", spawned);
    out.close_write();
    err.close_write();

    CommandResult result;
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    std::array<pollfd, 2> fds { { { out.read_end(), POLLIN, 0 }, { err.read_end(), POLLIN, 0 } } };
    std::array<std::string*, 2> sinks { &result.out, &result.err };
    bool timed_out = false;
    std::array<char, 65536> buffer {};
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out = true;
            break;
        }
        int const ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            break;
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            auto const n = ::read(fds[i].fd, buffer.data(), buffer.size());
            if (n > 0) {
                auto const room = max_output - std::min(max_output, sinks[i]->size());
                sinks[i]->append(buffer.data(), std::min(room, static_cast<std::size_t>(n)));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1; // end of stream (or a broken pipe): stop polling it
            }
        }
    }
    if (timed_out)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    if (timed_out)
        return fail(Errc::timeout, "running a command: it took too long and was killed");
    result.exit_code = exit_code_of(status);
    return result;
}

} // namespace kiosk::drivers
