// SPDX-License-Identifier: MIT
// What RaucBootControl decides before any RAUC service is involved: the connection string and
// the command lines it runs. Its behaviour with the real rauc program and service is in
// tests/contract/rauc_boot_control_contract_test.cpp.
#include "boot/rauc_boot_control.hpp"

#include "support/temp_dir.hpp"

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::parse_rauc_connection;
using kiosk::drivers::rauc_command;
using kiosk::drivers::RaucBootControl;
using kiosk::drivers::RaucOptions;

namespace {

std::string joined(std::vector<std::string> const& argv)
{
    std::string text;
    for (auto const& arg : argv)
        text += (text.empty() ? "" : " ") + arg;
    return text;
}

} // namespace

TEST_GROUP(RaucBootControl) {};

TEST(RaucBootControl, an_empty_connection_uses_raucs_defaults)
{
    auto options = parse_rauc_connection("", "/etc/kiosk");
    KIOSK_CHECK_OK(options);
    STRCMP_EQUAL("/usr/bin/rauc", options->rauc.c_str());
    CHECK_TRUE(options->config.empty());
    STRCMP_EQUAL("rootfs", options->slot_class.c_str());
    STRCMP_EQUAL("/usr/bin/rauc status --detailed --output-format=json",
        joined(rauc_command(*options, { "status", "--detailed", "--output-format=json" })).c_str());
}

TEST(RaucBootControl, connection_options_name_the_program_config_class_state_and_reboot)
{
    auto options = parse_rauc_connection(
        "/opt/rauc/bin/rauc,conf=rauc/system.conf,class=system,state=/var/lib/k/boot.json,reboot=bin/reboot",
        "/etc/kiosk");
    KIOSK_CHECK_OK(options);
    STRCMP_EQUAL("/opt/rauc/bin/rauc", options->rauc.c_str());
    STRCMP_EQUAL("/etc/kiosk/rauc/system.conf", options->config.c_str()); // relative to the board file
    STRCMP_EQUAL("system", options->slot_class.c_str());
    STRCMP_EQUAL("/var/lib/k/boot.json", options->state_file.c_str());
    STRCMP_EQUAL("/etc/kiosk/bin/reboot", joined(options->reboot_command).c_str());
    STRCMP_EQUAL("/opt/rauc/bin/rauc --conf=/etc/kiosk/rauc/system.conf status mark-active rootfs.1",
        joined(rauc_command(*options, { "status", "mark-active", "rootfs.1" })).c_str());
    STRCMP_EQUAL("/opt/rauc/bin/rauc --conf=/etc/kiosk/rauc/system.conf install /var/lib/k/u.raucb",
        joined(rauc_command(*options, { "install", "/var/lib/k/u.raucb" })).c_str());
}

TEST(RaucBootControl, options_without_a_program_keep_the_default_one)
{
    auto options = parse_rauc_connection("conf=/etc/rauc/system.conf", "/etc/kiosk");
    KIOSK_CHECK_OK(options);
    STRCMP_EQUAL("/usr/bin/rauc", options->rauc.c_str());
    STRCMP_EQUAL("/etc/rauc/system.conf", options->config.c_str());
}

TEST(RaucBootControl, unknown_or_empty_options_are_refused)
{
    for (char const* args : { "rauc,colour=blue", "rauc,conf=", "rauc,conf", ",class=" })
        KIOSK_CHECK_ERRC(Errc::invalid_argument, parse_rauc_connection(args, "/"));
}

TEST(RaucBootControl, a_missing_rauc_program_is_not_found)
{
    kiosk::test::TempDir dir;
    RaucOptions options;
    options.rauc = dir.path() / "no-rauc-here";
    options.state_file = dir.path() / "boot.json";
    KIOSK_CHECK_ERRC(Errc::not_found, RaucBootControl::open(options));
}

TEST(RaucBootControl, a_rauc_without_its_service_is_an_io_error)
{
    // The real rauc program, pointed at a private D-Bus address where no service listens.
    kiosk::test::TempDir dir;
    dir.write("system.conf", "[system]\ncompatible=test\nbootloader=noop\n[slot.rootfs.0]\ndevice=/dev/null\n"
                             "type=raw\nbootname=A\n");
    RaucOptions options;
    options.config = dir.path() / "system.conf";
    options.state_file = dir.path() / "boot.json";
    options.command_timeout = std::chrono::milliseconds(10'000);
    ::setenv("DBUS_SESSION_BUS_ADDRESS", ("unix:path=" + (dir.path() / "no-bus").string()).c_str(), 1); // NOLINT(concurrency-mt-unsafe): one test thread
    ::setenv("DBUS_STARTER_BUS_TYPE", "session", 1); // NOLINT(concurrency-mt-unsafe): one test thread
    auto opened = RaucBootControl::open(options);
    ::unsetenv("DBUS_SESSION_BUS_ADDRESS"); // NOLINT(concurrency-mt-unsafe): one test thread
    ::unsetenv("DBUS_STARTER_BUS_TYPE");    // NOLINT(concurrency-mt-unsafe): one test thread
    KIOSK_CHECK_ERRC(Errc::io, opened);
}
