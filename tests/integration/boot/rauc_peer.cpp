// SPDX-License-Identifier: MIT
#include "rauc_peer.hpp"

#include "support/process.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CppUTest/TestHarness.h>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX names it for posix_spawn

namespace kiosk::test {

namespace {

    using namespace std::chrono_literals;

    void write_text(std::filesystem::path const& file, std::string_view text)
    {
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
    }

    std::string read_text(std::filesystem::path const& file)
    {
        std::ifstream in(file, std::ios::binary);
        return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
    }

    [[noreturn]] void abort_run(std::string const& what)
    {
        std::fprintf(stderr, "RaucPeer: %s\n", what.c_str()); // NOLINT(cppcoreguidelines-pro-type-vararg)
        std::abort();
    }

    pid_t spawn(std::vector<std::string> const& argv, std::filesystem::path const& log)
    {
        std::vector<char*> args;
        args.reserve(argv.size() + 1);
        for (auto const& arg : argv)
            args.push_back(const_cast<char*>(arg.c_str())); // NOLINT(cppcoreguidelines-pro-type-const-cast): posix_spawn
        args.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        pid_t pid = -1;
        int const rc = ::posix_spawn(&pid, args.front(), &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0)
            abort_run("cannot start " + argv.front());
        return pid;
    }

    void stop(pid_t& pid)
    {
        if (pid <= 0)
            return;
        ::kill(pid, SIGTERM);
        int status = 0;
        for (int i = 0; i < 500; ++i) {
            if (::waitpid(pid, &status, WNOHANG) == pid) {
                pid = -1;
                return;
            }
            std::this_thread::sleep_for(10ms); // polling a child's exit with a bound, not a timed wait for a peer
        }
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        pid = -1;
    }

    /// Polls @p ready every 10 ms for at most 10 s.
    template <class Ready> bool wait_for(Ready ready)
    {
        auto const deadline = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < deadline) {
            if (ready())
                return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }

    // The stand-in boot loader's RAUC side (custom backend): primary slot, each slot's state
    // and, for a slot made primary, a one-try trial counter, all in files under boot/.
    constexpr char const* BOOT_LOADER = R"(#!/bin/sh
d="$(dirname "$0")/boot"
mkdir -p "$d"
case "$1" in
get-primary) cat "$d/primary" 2>/dev/null || echo A ;;
set-primary) echo "$2" > "$d/primary"; echo good > "$d/state.$2"; echo 1 > "$d/trial.$2" ;;
get-state) cat "$d/state.$2" 2>/dev/null || echo good ;;
set-state) echo "$3" > "$d/state.$2"; rm -f "$d/trial.$2" ;;
*) exit 1 ;;
esac
)";

    void make_certificate(std::filesystem::path const& dir, std::string const& name)
    {
        auto made = run_process({ "/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
            "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", (dir / (name + ".key")).string(), "-out",
            (dir / (name + ".pem")).string(), "-days", "2", "-subj", "/CN=kiosk " + name });
        if (made.exit_code != 0)
            abort_run("openssl: " + made.err);
    }

} // namespace

RaucPeer::RaucPeer(std::filesystem::path dir)
    : m_dir(std::move(dir))
{
    std::filesystem::create_directories(m_dir / "mnt");
    std::filesystem::create_directories(m_dir / "data");
    make_certificate(m_dir, "release");
    make_certificate(m_dir, "rogue");
    for (char slot : { 'a', 'b' }) {
        write_text(slot_file(slot), "");
        std::filesystem::resize_file(slot_file(slot), std::uintmax_t { 1 } << 20);
    }
    write_text(m_dir / "bootloader.sh", BOOT_LOADER);
    std::filesystem::permissions(m_dir / "bootloader.sh", std::filesystem::perms::owner_all);
    write_text(m_dir / "reboot.sh", "#!/bin/sh\necho reboot >> \"$(dirname \"$0\")/reboots\"\n");
    std::filesystem::permissions(m_dir / "reboot.sh", std::filesystem::perms::owner_all);
    write_text(m_dir / "system.conf",
        "[system]\ncompatible=vn-kiosk-test\nbootloader=custom\nactivate-installed=false\nmountprefix="
            + (m_dir / "mnt").string() + "\ndata-directory=" + (m_dir / "data").string()
            + "\n[handlers]\nbootloader-custom-backend=" + (m_dir / "bootloader.sh").string()
            + "\n[keyring]\npath=" + (m_dir / "release.pem").string() + "\n[slot.rootfs.0]\ndevice="
            + slot_file('a').string() + "\ntype=raw\nbootname=A\n[slot.rootfs.1]\ndevice=" + slot_file('b').string()
            + "\ntype=raw\nbootname=B\n");

    auto const socket = m_dir / "bus";
    m_bus = spawn({ "/usr/bin/dbus-daemon", "--session", "--nofork", "--nopidfile", "--address=unix:path=" + socket.string() },
        m_dir / "dbus.log");
    if (!wait_for([&] { return std::filesystem::exists(socket); }))
        abort_run("dbus-daemon did not come up: " + read_text(m_dir / "dbus.log"));
    ::setenv("DBUS_SESSION_BUS_ADDRESS", ("unix:path=" + socket.string()).c_str(), 1); // NOLINT(concurrency-mt-unsafe): before any thread
    ::setenv("DBUS_STARTER_BUS_TYPE", "session", 1); // NOLINT(concurrency-mt-unsafe): before any thread
    start_service();
}

RaucPeer::~RaucPeer()
{
    stop_service();
    stop(m_bus);
    ::unsetenv("DBUS_SESSION_BUS_ADDRESS"); // NOLINT(concurrency-mt-unsafe): the test's own thread
    ::unsetenv("DBUS_STARTER_BUS_TYPE");    // NOLINT(concurrency-mt-unsafe): the test's own thread
}

std::filesystem::path RaucPeer::slot_file(char slot) const { return m_dir / (std::string("slot-") + slot + ".img"); }

void RaucPeer::start_service()
{
    m_service = spawn({ "/usr/bin/rauc", "--conf=" + (m_dir / "system.conf").string(), "service",
                          "--override-boot-slot=" + m_booted },
        m_dir / "service.log");
    bool const up = wait_for([&] {
        return run_process({ "/usr/bin/rauc", "--conf=" + (m_dir / "system.conf").string(), "status" }).exit_code == 0;
    });
    if (!up)
        abort_run("the RAUC service did not come up: " + read_text(m_dir / "service.log"));
}

void RaucPeer::stop_service() { stop(m_service); }

drivers::RaucOptions RaucPeer::options(std::string running_version) const
{
    drivers::RaucOptions options;
    options.config = m_dir / "system.conf";
    options.state_file = m_dir / "kiosk" / "rauc-boot.json";
    options.reboot_command = { (m_dir / "reboot.sh").string() };
    options.running_version = std::move(running_version);
    return options;
}

std::filesystem::path RaucPeer::bundle(
    std::string_view name, std::string_view content, std::string_view version, Signer signer)
{
    auto const input = m_dir / ("bundle-input-" + std::to_string(++m_bundles));
    write_text(input / "rootfs.img", content);
    write_text(input / "manifest.raucm",
        "[update]\ncompatible=vn-kiosk-test\nversion=" + std::string(version)
            + "\n\n[bundle]\nformat=plain\n\n[image.rootfs]\nfilename=rootfs.img\n");
    auto output = m_dir / (std::filesystem::path(name).stem().string() + ".raucb");
    std::filesystem::remove(output);
    std::string const key = signer == Signer::keyring ? "release" : "rogue";
    auto made = run_process({ "/usr/bin/rauc", "bundle", "--cert=" + (m_dir / (key + ".pem")).string(),
        "--key=" + (m_dir / (key + ".key")).string(), input.string(), output.string() });
    if (made.exit_code != 0)
        FAIL(("rauc bundle: " + made.err).c_str());
    return output;
}

std::string RaucPeer::boot_file(std::string const& name, std::string const& fallback) const
{
    auto text = read_text(m_dir / "boot" / name);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text.empty() ? fallback : text;
}

void RaucPeer::reboot()
{
    stop_service();
    // U-Boot-like: boot the primary slot unless it is bad or its one trial boot is used up;
    // then the other one.
    auto const boot = m_dir / "boot";
    std::filesystem::create_directories(boot);
    std::string const primary = boot_file("primary", "A");
    std::string const other = primary == "A" ? "B" : "A";
    std::string choice = primary;
    if (boot_file("state." + primary, "good") == "bad") {
        choice = other;
    } else if (std::filesystem::exists(boot / ("trial." + primary))) {
        if (boot_file("trial." + primary, "0") == "1") {
            write_text(boot / ("trial." + primary), "0\n");
        } else {
            write_text(boot / ("state." + primary), "bad\n");
            std::filesystem::remove(boot / ("trial." + primary));
            choice = other;
        }
    }
    m_booted = choice;
    start_service();
}

int RaucPeer::reboot_requests() const
{
    auto const text = read_text(m_dir / "reboots");
    int count = 0;
    for (char c : text)
        count += c == '\n' ? 1 : 0;
    return count;
}

} // namespace kiosk::test
