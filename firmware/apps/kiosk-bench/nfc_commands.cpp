// SPDX-License-Identifier: MIT
#include "nfc_commands.hpp"

#include "runtime/board_file.hpp"
#include "runtime/driver_table.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <utility>

namespace kiosk::bench {

namespace {

using namespace std::chrono_literals;

std::string hex(Bytes const& bytes)
{
    static constexpr char DIGITS[] = "0123456789ABCDEF";
    std::string text;
    for (auto byte : bytes) {
        text += DIGITS[byte >> 4U];
        text += DIGITS[byte & 0x0FU];
    }
    return text;
}

char const* technology_name(hal::CardTechnology technology)
{
    return technology == hal::CardTechnology::iso14443a ? "iso14443a" : "iso14443b";
}

/// One JSON Lines event (or one human line) on stdout, flushed at once so a pipe sees it.
void emit(cli::Output const& out, nlohmann::json const& event, std::string const& human)
{
    if (out.format() == cli::Format::json)
        std::cout << event.dump() << '\n';
    else
        std::cout << human << '\n';
    std::cout.flush();
}

} // namespace

Result<OpenedCardReader> open_card_reader(GlobalOptions const& options, std::string const& reader_override,
    std::string& message)
{
    auto parsed = runtime::parse_board_file(options.board_file);
    if (!parsed) {
        message = parsed.error().message();
        return fail(Errc::invalid_argument, "reading the board file");
    }
    runtime::BoardConfig config = std::move(*parsed);
    runtime::RoleConfig role;
    if (auto const* board_role = config.role(hal::Role::card_reader))
        role = *board_role;
    if (!reader_override.empty()) {
        std::string connection = reader_override;
        auto const colon = connection.find(':');
        std::string scheme = connection.substr(0, colon);
        if (runtime::find_driver(hal::Role::card_reader, scheme) == nullptr) {
            connection = "libnfc:" + connection; // a bare libnfc connection string
            scheme = "libnfc";
        }
        role.role = hal::Role::card_reader;
        role.connection = connection;
        role.scheme = scheme;
        role.args = connection.substr(connection.find(':') + 1);
    } else if (config.role(hal::Role::card_reader) == nullptr) {
        message = "the board has no [card_reader]; give --reader CONNSTRING";
        return fail(Errc::not_found, "finding the card reader");
    }
    if (runtime::find_driver(hal::Role::card_reader, role.scheme) == nullptr) {
        message = "unknown card reader driver '" + role.scheme + "' (known: "
            + runtime::known_schemes(hal::Role::card_reader) + ")";
        return fail(Errc::invalid_argument, "finding the card reader driver");
    }
    // Only the card reader is opened: a poll should not print a test page or open a camera.
    config.roles = { role };
    auto built = runtime::build_board(config);
    if (!built) {
        message = built.error().message();
        return fail(Errc::invalid_argument, "building the board");
    }
    if (!built->faults.empty()) {
        auto const& fault = built->faults.front();
        message = "card reader " + fault.entry.connection + ": " + fault.error.message();
        return Unexpected(fault.error);
    }
    OpenedCardReader opened { std::move(*built), nullptr };
    opened.reader = opened.board.board->card_reader();
    if (opened.reader == nullptr) {
        message = "the card reader could not be opened";
        return fail(Errc::not_found, "opening the card reader");
    }
    return opened;
}

cli::Exit nfc_poll(cli::Output const& out, GlobalOptions const& options, std::string const& reader_override,
    std::chrono::seconds seconds)
{
    std::string message;
    auto opened = open_card_reader(options, reader_override, message);
    if (!opened)
        return out.error(opened.error().code(), message, cli::Output::exit_for(opened.error().code()));
    hal::CardReader& reader = *opened->reader;

    auto const started = std::chrono::steady_clock::now();
    bool const forever = seconds.count() <= 0;
    auto const deadline = started + seconds;
    auto left = [&] {
        if (forever)
            return std::chrono::milliseconds(500);
        return std::max(0ms, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
    };
    auto at_ms = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    };
    auto failed = [&](Error const& error) {
        return out.error(error.code(), "card reader: " + error.message(), cli::Output::exit_for(error.code()));
    };
    if (out.format() == cli::Format::human)
        std::cerr << "kiosk-bench: polling for cards" << (forever ? " (Ctrl-C to stop)" : "") << "\n";

    int arrivals = 0;
    int removals = 0;
    while (forever || left() > 0ms) {
        auto card = reader.wait_for_card(std::min(left(), std::chrono::milliseconds(500)));
        if (!card)
            return failed(card.error());
        if (!card->has_value())
            continue;
        ++arrivals;
        auto const& info = **card;
        emit(out,
            { { "event", "arrived" }, { "technology", technology_name(info.technology) }, { "uid", hex(info.uid) },
                { "answer_to_select", hex(info.answer_to_select) }, { "extended_length", info.extended_length },
                { "at_ms", at_ms() } },
            std::string("card arrived: ") + technology_name(info.technology) + ", UID " + hex(info.uid)
                + (info.extended_length ? ", extended length" : ""));
        bool removed = false;
        while (!removed && (forever || left() > 0ms)) {
            auto gone = reader.wait_for_removal(std::min(left(), std::chrono::milliseconds(500)));
            if (!gone)
                return failed(gone.error());
            removed = *gone;
        }
        if (!removed)
            break;
        ++removals;
        emit(out, { { "event", "removed" }, { "at_ms", at_ms() } }, "card removed");
        reader.release();
    }
    reader.release();
    nlohmann::json summary { { "event", "done" }, { "arrivals", arrivals }, { "removals", removals },
        { "poll_ms", at_ms() } };
    return out.result(true, summary,
        "polled " + std::to_string(at_ms()) + " ms: " + std::to_string(arrivals) + " arrival(s), "
            + std::to_string(removals) + " removal(s)");
}

void add_nfc_commands(CLI::App& app, CommandSet& commands)
{
    auto* nfc = subcommand_group(app, "nfc", "Contactless card reader tools");
    struct PollOptions {
        std::string reader;
        int seconds = 0;
    };
    auto poll_options = std::make_shared<PollOptions>();
    auto* poll = nfc->add_subcommand("poll", "Show cards arriving and leaving (JSON Lines with --json)");
    poll->add_option("--reader", poll_options->reader,
        "Reader connection: libnfc:CONNSTRING, pn532_emul:CARD, or a bare libnfc connection string");
    poll->add_option("--seconds", poll_options->seconds, "Stop after N seconds (default: until interrupted)")
        ->check(CLI::NonNegativeNumber);
    commands.add(poll, [poll_options](cli::Output const& out, GlobalOptions const& options) {
        return nfc_poll(out, options, poll_options->reader, std::chrono::seconds(poll_options->seconds));
    });
}

} // namespace kiosk::bench
