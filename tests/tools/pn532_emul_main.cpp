// SPDX-License-Identifier: MIT
// pn532-emul: an emulated PN532 reader on a pseudo terminal with a test card in its field,
// for pointing libnfc tools, mrtdreader and kiosk-bench at (tests/tools/README.md).
//
//   pn532-emul --card SPEC [--type a|b] [--empty]
//
// Prints the pty path (/dev/pts/N) as the first stdout line, then serves until SIGINT or
// SIGTERM. Commands on stdin, one per line, each answered "ok" (or "error: ...") on stdout:
//   place SPEC [a|b]   put a new card into the field
//   lift               take the card out
//   fault KIND         next card answer: truncated_frame | bad_checksum | garbage
//   unplug             close the pty (the host sees the reader vanish); the program exits
#include "tools/card_factory.hpp"

#include <id/emul/test_pki.hpp>
#include <nfc/pn532_uart_emul.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace {

using kiosk::drivers::Pn532UartEmul;
using kiosk::hal::CardTechnology;

int usage(char const* problem)
{
    std::cerr << "pn532-emul: " << problem << "\nusage: pn532-emul --card SPEC [--type a|b] [--empty]\n"
              << "       pn532-emul --write-csca DIR   (the test PKI's CSCA trust store, for kiosk --csca)\n"
              << "  SPEC: " << kiosk::test::test_card_specs() << '\n';
    return 2;
}

bool parse_type(std::string_view text, CardTechnology& technology)
{
    if (text == "a")
        technology = CardTechnology::iso14443a;
    else if (text == "b")
        technology = CardTechnology::iso14443b;
    else
        return false;
    return true;
}

void reply(std::string_view text) { std::cout << text << std::endl; }

/// Runs one stdin command. @return false when the program should end.
bool run_command(std::string const& line, Pn532UartEmul& emul)
{
    std::istringstream words(line);
    std::string verb;
    words >> verb;
    if (verb.empty())
        return true;
    if (verb == "place") {
        std::string spec;
        std::string type = "a";
        words >> spec >> type;
        CardTechnology technology = CardTechnology::iso14443a;
        auto card = kiosk::test::make_test_card(spec);
        if (!card || !parse_type(type, technology)) {
            reply("error: unknown card " + spec);
            return true;
        }
        emul.place(std::move(card), technology);
    } else if (verb == "lift") {
        emul.lift();
    } else if (verb == "fault") {
        std::string kind;
        words >> kind;
        if (kind == "truncated_frame")
            emul.inject_fault(Pn532UartEmul::Fault::truncated_frame);
        else if (kind == "bad_checksum")
            emul.inject_fault(Pn532UartEmul::Fault::bad_checksum);
        else if (kind == "garbage")
            emul.inject_fault(Pn532UartEmul::Fault::garbage);
        else {
            reply("error: unknown fault " + kind);
            return true;
        }
    } else if (verb == "unplug") {
        emul.unplug();
        reply("ok");
        return false;
    } else {
        reply("error: unknown command " + verb);
        return true;
    }
    reply("ok");
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    std::string spec;
    CardTechnology technology = CardTechnology::iso14443a;
    bool empty = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view const arg = argv[i];
        if (arg == "--card" && i + 1 < argc)
            spec = argv[++i];
        else if (arg == "--type" && i + 1 < argc) {
            if (!parse_type(argv[++i], technology))
                return usage("--type is a or b");
        } else if (arg == "--empty") {
            empty = true;
        } else if (arg == "--write-csca" && i + 1 < argc) {
            // The deterministic test PKI that signs every test card: its CSCA is what a kiosk
            // or gateway trusts to verify them (kiosk --csca DIR, kiosk-gateway --csca DIR).
            auto pki = kiosk::id::TestPki::create();
            auto written
                = pki ? pki->write_trust_store(argv[++i]) : kiosk::Result<void>(kiosk::Unexpected(pki.error()));
            if (!written) {
                std::cerr << "pn532-emul: " << written.error().message() << '\n';
                return 1;
            }
            return 0;
        } else
            return usage("unknown argument");
    }
    if (spec.empty() && !empty)
        return usage("--card SPEC (or --empty) is required");
    std::unique_ptr<kiosk::drivers::CardEmul> card;
    if (!spec.empty()) {
        card = kiosk::test::make_test_card(spec);
        if (!card)
            return usage("unknown or malformed card spec");
    }

    // Signals are taken through a signalfd, so they must be blocked before threads start.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    int const signal_fd = signalfd(-1, &signals, SFD_CLOEXEC);
    if (signal_fd < 0)
        return usage("cannot create a signalfd");

    auto emul = Pn532UartEmul::open();
    if (!emul) {
        std::cerr << "pn532-emul: " << emul.error().message() << '\n';
        return 1;
    }
    if (card && !empty)
        (*emul)->place(std::move(card), technology);
    reply((*emul)->device_path());
    std::cerr << "pn532-emul: serving " << (empty ? std::string("an empty field") : spec) << " on "
              << (*emul)->connection_string() << '\n';

    bool stdin_open = true;
    std::string pending;
    for (;;) {
        pollfd fds[2] = { { signal_fd, POLLIN, 0 }, { stdin_open ? STDIN_FILENO : -1, POLLIN, 0 } };
        if (::poll(fds, 2, -1) < 0)
            continue;
        if ((fds[0].revents & POLLIN) != 0)
            break;
        if ((fds[1].revents & (POLLIN | POLLHUP)) != 0) {
            char buffer[256];
            auto const got = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (got <= 0) {
                stdin_open = false; // keep serving until a signal
                continue;
            }
            pending.append(buffer, static_cast<std::size_t>(got));
            std::size_t newline = 0;
            while ((newline = pending.find('\n')) != std::string::npos) {
                std::string const line = pending.substr(0, newline);
                pending.erase(0, newline + 1);
                if (!run_command(line, **emul))
                    return 0;
            }
        }
    }
    ::close(signal_fd);
    return 0;
}
