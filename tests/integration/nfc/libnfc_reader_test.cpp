// SPDX-License-Identifier: MIT
// LibnfcCardReader end to end through libnfc's real pn532_uart driver and a pseudo terminal
// to Pn532UartEmul: extended-length APDUs with ISO 14443-4 chaining both ways, a card lifted
// in the middle of a chained answer, broken frames from the chip, the reader unplugged, a
// type B card; and the independent tools: nfc-list (libnfc-bin), the pn532-emul program and
// `kiosk-bench nfc poll`.
#include "tools/card_factory.hpp"

#include <nfc/card_emul.hpp>
#include <nfc/libnfc_card_reader.hpp>
#include <nfc/pn532_uart_emul.hpp>

#include "support/process.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "contract/contract_support.hpp"

using namespace std::chrono_literals;
using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::Errc;
using kiosk::drivers::CardEmul;
using kiosk::drivers::LibnfcCardReader;
using kiosk::drivers::Pn532UartEmul;
using kiosk::hal::CardTechnology;

extern char** environ; // NOLINT: POSIX

namespace {

Bytes const SELECT_FILE { 0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x1E };
Bytes const OK { 0x90, 0x00 };

std::unique_ptr<Pn532UartEmul> open_emulator()
{
    auto emul = Pn532UartEmul::open();
    KIOSK_CHECK_OK(emul);
    return std::move(emul).value();
}

std::unique_ptr<LibnfcCardReader> open_reader(Pn532UartEmul const& emul)
{
    auto reader = LibnfcCardReader::open(emul.connection_string());
    KIOSK_CHECK_OK(reader);
    return std::move(reader).value();
}

Bytes transmit_ok(LibnfcCardReader& reader, Bytes const& command)
{
    auto response = reader.transmit(command, 5s);
    KIOSK_CHECK_OK(response);
    return response ? *response : Bytes {};
}

/// A card with a large answer that leaves the field after @p checks presence checks, i.e.
/// part-way through the chained answer.
class LeavingCard final : public CardEmul {
public:
    explicit LeavingCard(int checks)
        : m_checks_left(checks)
    {
    }
    [[nodiscard]] bool present() const override { return m_checks_left-- > 0; }
    [[nodiscard]] Bytes uid() const override { return { 0x08, 0x0A, 0x0B, 0x0C }; }
    [[nodiscard]] Bytes historical_bytes() const override { return { 0x80 }; }
    [[nodiscard]] bool extended_length() const override { return true; }
    void power_up() override { }
    std::optional<Bytes> respond(ByteView) override
    {
        Bytes answer(3000, 0x42);
        answer.insert(answer.end(), { 0x90, 0x00 });
        return answer;
    }

private:
    mutable int m_checks_left;
};

/// A card that holds every answer until the test lets it go (bounded), to keep a libnfc
/// command in flight.
class SlowCard final : public CardEmul {
public:
    [[nodiscard]] bool present() const override { return true; }
    [[nodiscard]] Bytes uid() const override { return { 0x08, 0x05, 0x05, 0x05 }; }
    [[nodiscard]] Bytes historical_bytes() const override { return { 0x80 }; }
    [[nodiscard]] bool extended_length() const override { return false; }
    void power_up() override { }
    std::optional<Bytes> respond(ByteView) override
    {
        std::unique_lock lock(m_mutex);
        m_answering = true;
        m_changed.notify_all();
        m_changed.wait_for(lock, 10s, [&] { return m_released; });
        return Bytes { 0x90, 0x00 };
    }
    bool wait_until_answering(std::chrono::milliseconds bound)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, bound, [&] { return m_answering; });
    }
    void let_go()
    {
        std::lock_guard lock(m_mutex);
        m_released = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_answering = false;
    bool m_released = false;
};

/// A child process with its stdin and stdout on pipes.
class Child {
public:
    Child(std::vector<std::string> const& argv, std::vector<std::string> const& extra_env = {})
    {
        int in[2];
        int out[2];
        CHECK_EQUAL(0, ::pipe(in));
        CHECK_EQUAL(0, ::pipe(out));
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, in[1]);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        std::vector<std::string> env;
        for (char** entry = environ; *entry != nullptr; ++entry)
            env.emplace_back(*entry);
        env.insert(env.end(), extra_env.begin(), extra_env.end());
        std::vector<char*> args;
        args.reserve(argv.size() + 1);
        for (auto const& arg : argv)
            args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        std::vector<char*> envp;
        envp.reserve(env.size() + 1);
        for (auto const& entry : env)
            envp.push_back(const_cast<char*>(entry.c_str()));
        envp.push_back(nullptr);
        CHECK_EQUAL(0, posix_spawn(&m_pid, args[0], &actions, nullptr, args.data(), envp.data()));
        posix_spawn_file_actions_destroy(&actions);
        ::close(in[0]);
        ::close(out[1]);
        m_stdin = in[1];
        m_stdout = out[0];
    }
    ~Child()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        ::close(m_stdin);
        ::close(m_stdout);
    }
    Child(Child const&) = delete;
    Child& operator=(Child const&) = delete;

    /// The next stdout line, waiting up to @p bound; empty on timeout or end of output.
    std::string read_line(std::chrono::milliseconds bound = 10s)
    {
        auto const deadline = std::chrono::steady_clock::now() + bound;
        for (;;) {
            auto const newline = m_buffer.find('\n');
            if (newline != std::string::npos) {
                std::string line = m_buffer.substr(0, newline);
                m_buffer.erase(0, newline + 1);
                return line;
            }
            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left <= 0ms)
                return {};
            pollfd fd { m_stdout, POLLIN, 0 };
            if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0)
                return {};
            char chunk[512];
            auto const got = ::read(m_stdout, chunk, sizeof chunk);
            if (got <= 0)
                return {};
            m_buffer.append(chunk, static_cast<std::size_t>(got));
        }
    }

    void write_line(std::string const& line) const
    {
        std::string const text = line + "\n";
        CHECK_EQUAL(static_cast<long>(text.size()), static_cast<long>(::write(m_stdin, text.data(), text.size())));
    }

    /// Sends @p signal and waits for the exit. @return the exit code (128 + signal if killed).
    int stop(int signal)
    {
        ::kill(m_pid, signal);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

private:
    pid_t m_pid = -1;
    int m_stdin = -1;
    int m_stdout = -1;
    std::string m_buffer;
};

std::string tests_bin(std::string const& name) { return std::string(KIOSK_TESTS_BIN) + "/" + name; }

} // namespace

TEST_GROUP(LibnfcReaderIntegration)
{
    std::unique_ptr<Pn532UartEmul> m_emul = open_emulator();
    std::unique_ptr<LibnfcCardReader> m_reader = open_reader(*m_emul);

    void teardown() override
    {
        m_reader.reset();
        m_emul.reset();
    }

    void place(std::string const& spec, CardTechnology technology = CardTechnology::iso14443a) const
    {
        auto card = kiosk::test::make_test_card(spec);
        CHECK_TRUE(card != nullptr);
        m_emul->place(std::move(card), technology);
    }

    kiosk::hal::CardInfo select() const
    {
        auto card = m_reader->wait_for_card(10s);
        KIOSK_CHECK_OK(card);
        CHECK_TRUE(card->has_value());
        return **card;
    }
};

TEST(LibnfcReaderIntegration, extended_length_read_of_4_kib_in_one_apdu)
{
    place("apdu-echo:size=4096");
    auto const info = select();
    CHECK_TRUE(info.extended_length);
    CHECK_TRUE(OK == transmit_ok(*m_reader, SELECT_FILE));
    // READ BINARY, extended Le = 0000 (65536): the whole 4096-byte file and 62 82.
    Bytes const answer = transmit_ok(*m_reader, Bytes { 0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00 });
    CHECK_EQUAL(4096U + 2U, answer.size());
    for (std::size_t i = 0; i < 4096; ++i) {
        if (answer[i] != kiosk::test::test_file_byte(i))
            FAIL(("byte " + std::to_string(i) + " differs").c_str());
    }
    CHECK_EQUAL(0x62, answer[4096]);
    CHECK_EQUAL(0x82, answer[4097]);
}

TEST(LibnfcReaderIntegration, short_read_with_offset)
{
    place("apdu-echo");
    select();
    CHECK_TRUE(OK == transmit_ok(*m_reader, SELECT_FILE));
    Bytes const answer = transmit_ok(*m_reader, Bytes { 0x00, 0xB0, 0x01, 0x00, 0x10 });
    CHECK_EQUAL(0x10U + 2U, answer.size());
    CHECK_EQUAL(kiosk::test::test_file_byte(0x100), answer[0]);
    CHECK_EQUAL(kiosk::test::test_file_byte(0x10F), answer[15]);
}

TEST(LibnfcReaderIntegration, extended_command_of_2000_bytes_is_chained_to_the_card)
{
    place("apdu-echo");
    select();
    Bytes command { 0x80, 0xEC, 0x00, 0x00, 0x00, 0x07, 0xD0 };
    for (int i = 0; i < 2000; ++i)
        command.push_back(static_cast<std::uint8_t>(i * 7));
    command.insert(command.end(), { 0x00, 0x00 });
    Bytes const answer = transmit_ok(*m_reader, command);
    CHECK_EQUAL(2002U, answer.size());
    CHECK_TRUE(std::equal(answer.begin(), answer.end() - 2, command.begin() + 7));
    CHECK_TRUE(OK == Bytes(answer.end() - 2, answer.end()));
}

TEST(LibnfcReaderIntegration, card_lifted_in_the_middle_of_a_chained_answer_is_disconnected)
{
    // Present for selection, the command and the first pieces of the answer only.
    m_emul->place(std::make_unique<LeavingCard>(5));
    select();
    KIOSK_CHECK_ERRC(Errc::disconnected, m_reader->transmit(Bytes { 0x00, 0xB0, 0x00, 0x00, 0x00, 0x0B, 0xB8 }, 5s));
    auto present = m_reader->card_present();
    KIOSK_CHECK_OK(present);
    CHECK_FALSE(*present);
}

TEST(LibnfcReaderIntegration, truncated_frame_is_a_timeout_and_the_next_apdu_works)
{
    place("apdu-echo");
    select();
    m_emul->inject_fault(Pn532UartEmul::Fault::truncated_frame);
    KIOSK_CHECK_ERRC(Errc::timeout, m_reader->transmit(SELECT_FILE, 300ms));
    CHECK_TRUE(OK == transmit_ok(*m_reader, SELECT_FILE));
}

TEST(LibnfcReaderIntegration, bad_checksum_is_malformed_and_the_next_apdu_works)
{
    place("apdu-echo");
    select();
    m_emul->inject_fault(Pn532UartEmul::Fault::bad_checksum);
    KIOSK_CHECK_ERRC(Errc::malformed, m_reader->transmit(SELECT_FILE, 2s));
    CHECK_TRUE(OK == transmit_ok(*m_reader, SELECT_FILE));
}

TEST(LibnfcReaderIntegration, garbage_from_the_chip_is_malformed_and_the_next_apdu_works)
{
    place("apdu-echo");
    select();
    m_emul->inject_fault(Pn532UartEmul::Fault::garbage);
    KIOSK_CHECK_ERRC(Errc::malformed, m_reader->transmit(SELECT_FILE, 2s));
    CHECK_TRUE(OK == transmit_ok(*m_reader, SELECT_FILE));
}

TEST(LibnfcReaderIntegration, unplugged_reader_is_disconnected_everywhere)
{
    place("apdu-echo");
    select();
    m_emul->unplug();
    KIOSK_CHECK_ERRC(Errc::disconnected, m_reader->transmit(SELECT_FILE, 2s));
    KIOSK_CHECK_ERRC(Errc::disconnected, m_reader->card_present());
    KIOSK_CHECK_ERRC(Errc::disconnected, m_reader->wait_for_card(1s));
    KIOSK_CHECK_ERRC(Errc::disconnected, m_reader->self_test());
    m_reader->release(); // still safe
}

TEST(LibnfcReaderIntegration, reader_unplugged_while_waiting_for_a_card_ends_the_wait)
{
    kiosk::contract::BlockingCall<kiosk::Result<std::optional<kiosk::hal::CardInfo>>> waiter(
        [&] { return m_reader->wait_for_card(30s); });
    CHECK_TRUE(m_emul->wait_for_progress(m_emul->commands_served() + 10, 0, 10s));
    m_emul->unplug();
    CHECK_TRUE(waiter.finish(10s));
    KIOSK_CHECK_ERRC(Errc::disconnected, waiter.get());
}

TEST(LibnfcReaderIntegration, cancel_aborts_an_apdu_in_flight_and_the_reader_recovers)
{
    auto slow = std::make_unique<SlowCard>();
    SlowCard* card = slow.get();
    m_emul->place(std::move(slow));
    select();
    kiosk::contract::BlockingCall<kiosk::Result<Bytes>> exchange([&] { return m_reader->transmit(SELECT_FILE, 8s); });
    CHECK_TRUE(card->wait_until_answering(5s));
    // nfc_abort_command() ends libnfc's wait for the chip's answer.
    bool const returned = exchange.finish([&] { m_reader->cancel(); }, 2s);
    card->let_go();
    CHECK_TRUE_TEXT(returned, "cancel() did not abort the APDU in flight");
    KIOSK_CHECK_ERRC(Errc::cancelled, exchange.get());

    // The card's late answer is flushed; selecting again works.
    place("apdu-echo");
    select();
    CHECK_TRUE(OK == transmit_ok(*m_reader, SELECT_FILE));
}

TEST(LibnfcReaderIntegration, type_b_card_is_selected_and_answers)
{
    place("apdu-echo:uid=0A0B0C0D", CardTechnology::iso14443b);
    auto const info = select();
    CHECK_TRUE(CardTechnology::iso14443b == info.technology);
    CHECK_TRUE((Bytes { 0x0A, 0x0B, 0x0C, 0x0D }) == info.uid);
    CHECK_TRUE(OK == transmit_ok(*m_reader, SELECT_FILE));
    CHECK_EQUAL(0x80U + 2U, transmit_ok(*m_reader, Bytes { 0x00, 0xB0, 0x00, 0x00, 0x80 }).size());
}

TEST(LibnfcReaderIntegration, no_such_device_is_not_found)
{
    KIOSK_CHECK_ERRC(Errc::not_found, LibnfcCardReader::open("pn532_uart:/dev/nonexistent-kiosk-tty"));
}

TEST(LibnfcReaderIntegration, nfc_list_sees_the_emulated_card)
{
    m_reader.reset(); // the port is nfc-list's now
    place("apdu-echo:uid=04A1B2C3");
    auto const result = kiosk::test::run_process(
        { "/usr/bin/nfc-list" }, { "LIBNFC_DEFAULT_DEVICE=" + m_emul->connection_string(), "LIBNFC_LOG_LEVEL=0" });
    CHECK_EQUAL(0, result.exit_code);
    CHECK_TRUE(result.out.find("1 ISO14443A passive target(s) found") != std::string::npos);
    CHECK_TRUE(result.out.find("04  a1  b2  c3") != std::string::npos);
    CHECK_TRUE(result.out.find("SAK (SEL_RES): 20") != std::string::npos);
}

TEST(LibnfcReaderIntegration, mrtdreader_gets_through_selection_and_apdus)
{
    // An independent reader (Debian's mrtdreader, BAC over libnfc's InDataExchange path): the
    // apdu-echo card answers SELECT of the eMRTD AID and GET CHALLENGE but not EXTERNAL
    // AUTHENTICATE, so mrtdreader must get exactly as far as the key check. (ICAO personas,
    // which let it read DG1/DG2, are the chip-protocol work's tests.)
    m_reader.reset();
    place("apdu-echo");
    auto const result = kiosk::test::run_process({ "/usr/bin/mrtdreader", "-p", "123456789", "-b", "800101", "-e", "300101" },
        { "LIBNFC_DEFAULT_DEVICE=" + m_emul->connection_string(), "LIBNFC_LOG_LEVEL=0" });
    CHECK_TRUE(result.out.find("Target found!") != std::string::npos);
    CHECK_TRUE((result.out + result.err).find("Challenge failed") != std::string::npos);
}

TEST(LibnfcReaderIntegration, kiosk_bench_nfc_poll_reports_arrival_and_removal)
{
    m_reader.reset(); // kiosk-bench opens the port
    place("apdu-echo");
    // Lift the card once kiosk-bench has selected it.
    std::atomic<bool> lifted { false };
    std::thread lifter([&] {
        if (m_emul->wait_for_progress(0, 1, 20s)) {
            m_emul->lift();
            lifted = true;
        }
    });
    auto const result = kiosk::test::run_process({ kiosk::test::program_path("kiosk-bench"), "--board", kiosk::test::source_path("boards/sim/board.toml"), "--json", "nfc", "poll",
        "--reader", m_emul->connection_string(), "--seconds", "2" });
    lifter.join();
    CHECK_TRUE(lifted);
    CHECK_EQUAL(0, result.exit_code);
    std::istringstream lines(result.out);
    std::vector<nlohmann::json> events;
    for (std::string line; std::getline(lines, line);)
        events.push_back(nlohmann::json::parse(line));
    CHECK_EQUAL(3U, events.size());
    STRCMP_EQUAL("arrived", events.at(0).at("event").get<std::string>().c_str());
    STRCMP_EQUAL("iso14443a", events.at(0).at("technology").get<std::string>().c_str());
    STRCMP_EQUAL("08123456", events.at(0).at("uid").get<std::string>().c_str());
    CHECK_TRUE(events.at(0).at("extended_length").get<bool>());
    STRCMP_EQUAL("removed", events.at(1).at("event").get<std::string>().c_str());
    CHECK_TRUE(events.at(2).at("ok").get<bool>());
    CHECK_EQUAL(1, events.at(2).at("arrivals").get<int>());
    CHECK_EQUAL(1, events.at(2).at("removals").get<int>());
}

TEST(LibnfcReaderIntegration, kiosk_bench_nfc_poll_with_a_missing_reader_fails_cleanly)
{
    auto const result = kiosk::test::run_process({ kiosk::test::program_path("kiosk-bench"), "--board", kiosk::test::source_path("boards/sim/board.toml"), "--json", "nfc", "poll",
        "--reader", "pn532_uart:/dev/nonexistent-kiosk-tty", "--seconds", "1" });
    CHECK_EQUAL(1, result.exit_code);
    auto const body = nlohmann::json::parse(result.out);
    CHECK_FALSE(body.at("ok").get<bool>());
    STRCMP_EQUAL("not_found", body.at("error").at("code").get<std::string>().c_str());
}

TEST_GROUP(Pn532EmulTool) { };

TEST(Pn532EmulTool, serves_a_card_to_nfc_list_and_takes_commands_on_stdin)
{
    Child emul({ tests_bin("pn532-emul"), "--card", "apdu-echo:uid=01020304" });
    std::string const path = emul.read_line();
    CHECK_TRUE(path.rfind("/dev/pts/", 0) == 0);
    std::vector<std::string> const env { "LIBNFC_DEFAULT_DEVICE=pn532_uart:" + path, "LIBNFC_LOG_LEVEL=0" };

    auto seen = kiosk::test::run_process({ "/usr/bin/nfc-list" }, env);
    CHECK_EQUAL(0, seen.exit_code);
    CHECK_TRUE(seen.out.find("01  02  03  04") != std::string::npos);

    emul.write_line("lift");
    STRCMP_EQUAL("ok", emul.read_line().c_str());
    auto empty = kiosk::test::run_process({ "/usr/bin/nfc-list" }, env);
    CHECK_TRUE(empty.out.find("passive target(s) found") == std::string::npos);

    emul.write_line("place nonsense");
    CHECK_TRUE(emul.read_line().rfind("error:", 0) == 0);
    CHECK_EQUAL(0, emul.stop(SIGTERM));
}

TEST(Pn532EmulTool, unknown_card_spec_is_a_usage_error)
{
    auto const result = kiosk::test::run_process({ tests_bin("pn532-emul"), "--card", "no-such-card" });
    CHECK_EQUAL(2, result.exit_code);
    CHECK_TRUE(result.err.find("apdu-echo") != std::string::npos);
}
