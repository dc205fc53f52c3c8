// SPDX-License-Identifier: MIT
// Chip ID card read benchmark, through the full pty chain (LibnfcCardReader or mrtdreader ->
// libnfc pn532_uart -> pseudo terminal -> Pn532UartEmul -> EmrtdCardEmul, persona `hoa`):
// time and APDU count to authenticate and read DG1+DG13+SOD, and with DG2, for our reader
// (in process and as `kiosk-bench nfc read`, passive authentication included) and for
// Debian's mrtdreader (BAC, no passive authentication) on the same emulated card.
// APDUs are counted by the card emulator, so both readers are counted the same way.
// Prints a table; asserts nothing about time.
//
//   id_read_bench [RUNS]     (default 15 runs per row; the median is printed)
#include "id/chip_reader.hpp"
#include "id/emul/card_files.hpp"
#include "id/emul/persona_card.hpp"
#include "id/emul/test_pki.hpp"
#include "id/passive_auth.hpp"
#include "id/persona.hpp"
#include "id/tlv.hpp"

#include <nfc/libnfc_card_reader.hpp>
#include <nfc/pn532_uart_emul.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ; // NOLINT: POSIX

using namespace std::chrono_literals;
using namespace kiosk::id;

namespace {

using Clock = std::chrono::steady_clock;

struct Sample {
    double ms = 0;
    double read_ms = -1; ///< authentication + reading only (card already selected), in process
    std::size_t apdus = 0;
    bool ok = false;
};

// Runs @p argv with stdout and stderr to /dev/null and extra environment @p env; wall time.
bool run_quietly(std::vector<std::string> const& argv, std::vector<std::string> const& env)
{
    std::vector<std::string> environment(env);
    for (char** entry = environ; *entry != nullptr; ++entry)
        environment.emplace_back(*entry);
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (auto const& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    std::vector<char*> envp;
    envp.reserve(environment.size() + 1);
    for (auto const& entry : environment)
        envp.push_back(const_cast<char*>(entry.c_str()));
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int const spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return false;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string yymmdd(std::string_view iso)
{
    return std::string(iso.substr(2, 2)) + std::string(iso.substr(5, 2)) + std::string(iso.substr(8, 2));
}

// The persona card, with or without DG2 on it (EF.COM then does not list it).
EmrtdCardConfig card_config(Persona const& persona, TestPki const& pki, bool with_dg2)
{
    auto config = KIOSK_MUST(persona_card_config(persona, pki));
    if (!with_dg2) {
        config.files.erase(fid::DG2);
        kiosk::Bytes body = encode_tlv(0x5F01, std::string_view("0107"));
        auto const version = encode_tlv(0x5F36, std::string_view("040000"));
        body.insert(body.end(), version.begin(), version.end());
        auto const list = encode_tlv(0x5C, kiosk::Bytes { 0x61, 0x6D });
        body.insert(body.end(), list.begin(), list.end());
        config.files[fid::EF_COM] = encode_tlv(0x60, body);
    }
    return config;
}

TestPki make_pki() { return KIOSK_MUST(TestPki::create()); }
std::unique_ptr<kiosk::drivers::Pn532UartEmul> make_emulator() { return KIOSK_MUST(kiosk::drivers::Pn532UartEmul::open()); }

struct Bench {
    TestPki pki = make_pki();
    Persona const& persona = *find_persona("hoa");
    std::unique_ptr<kiosk::drivers::Pn532UartEmul> emul = make_emulator();
    EmrtdCardEmul* card = nullptr;
    std::filesystem::path trust_dir = std::filesystem::temp_directory_path() / ("id_read_bench." + std::to_string(getpid()));

    Bench() { KIOSK_MUST(pki.write_trust_store(trust_dir)); }
    ~Bench() { std::filesystem::remove_all(trust_dir); }

    void place(bool with_dg2, bool pace)
    {
        auto config = card_config(persona, pki, with_dg2);
        if (!pace)
            config.pace.clear();
        auto emulated = KIOSK_MUST(EmrtdCardEmul::create(std::move(config)));
        card = emulated.get();
        emul->place(std::move(emulated));
    }

    Sample ours_in_process(bool with_dg2, bool pace)
    {
        place(with_dg2, pace);
        Sample sample;
        auto const start = Clock::now();
        auto reader = KIOSK_MUST(kiosk::drivers::LibnfcCardReader::open(emul->connection_string()));
        auto const info = KIOSK_MUST(reader->wait_for_card(2s));
        if (!info)
            return sample;
        auto const key = pace ? KIOSK_MUST(AccessKey::from_id_number(persona.id_number))
                              : KIOSK_MUST(AccessKey::from_mrz(persona.id_number.substr(3), yymmdd(persona.birth_date),
                                  yymmdd(persona.expiry_date)));
        ReadOptions options;
        options.data_groups = with_dg2 ? std::vector<int> { 1, 2, 13 } : std::vector<int> { 1, 13 };
        ChipReader chip(*reader);
        auto session = chip.read(*info, key, options);
        if (!session)
            return sample;
        auto trust = KIOSK_MUST(TrustStore::load(trust_dir));
        std::vector<DataGroupFile> groups;
        for (auto const& [file, bytes] : session->files()) {
            if (static_cast<int>(file) <= 16)
                groups.push_back({ static_cast<int>(file), bytes });
        }
        auto const report = passive_authenticate(*session->file(LdsFile::sod), groups, trust);
        sample.read_ms = static_cast<double>(session->elapsed.count()) / 1000.0;
        sample.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        sample.apdus = card->stats().commands;
        sample.ok = report.verified();
        return sample;
    }

    Sample kiosk_bench(bool with_dg2, bool pace)
    {
        place(with_dg2, pace);
        std::vector<std::string> argv { std::string(KIOSK_BIN_DIR) + "/kiosk-bench", "--board",
            std::string(KIOSK_SOURCE_DIR) + "/boards/sim/board.toml", "nfc", "read", "--reader",
            emul->connection_string(), "--csca", trust_dir.string(), "--dg", with_dg2 ? "1,2,13" : "1,13" };
        if (pace) {
            argv.insert(argv.end(), { "--id", std::string(persona.id_number) });
        } else {
            argv.insert(argv.end(),
                { "--mrz", std::string(persona.id_number.substr(3)) + "," + yymmdd(persona.birth_date) + ","
                        + yymmdd(persona.expiry_date) });
        }
        auto const start = Clock::now();
        Sample sample;
        sample.ok = run_quietly(argv, {});
        sample.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        sample.apdus = card->stats().commands;
        return sample;
    }

    Sample mrtdreader(bool with_dg2)
    {
        place(with_dg2, false);
        auto const start = Clock::now();
        Sample sample;
        // mrtdreader writes image.jpg into its working directory.
        std::vector<std::string> const argv { "/bin/sh", "-c",
            "cd '" + trust_dir.string() + "' && exec /usr/bin/mrtdreader -p " + std::string(persona.id_number.substr(3))
                + " -b " + yymmdd(persona.birth_date) + " -e " + yymmdd(persona.expiry_date) };
        sample.ok = run_quietly(argv, { "LIBNFC_DEFAULT_DEVICE=" + emul->connection_string() });
        sample.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        sample.apdus = card->stats().commands;
        return sample;
    }
};

void row(char const* name, int runs, std::function<Sample()> const& measure)
{
    std::vector<double> times;
    std::vector<double> reads;
    std::size_t apdus = 0;
    int failures = 0;
    for (int run = 0; run < runs; ++run) {
        auto const sample = measure();
        if (!sample.ok) {
            ++failures;
            continue;
        }
        times.push_back(sample.ms);
        if (sample.read_ms >= 0)
            reads.push_back(sample.read_ms);
        apdus = sample.apdus;
    }
    if (times.empty()) {
        std::printf("%-58s  failed (%d/%d)\n", name, failures, runs);
        return;
    }
    std::sort(times.begin(), times.end());
    std::sort(reads.begin(), reads.end());
    std::array<char, 16> read {};
    if (reads.empty())
        std::snprintf(read.data(), read.size(), "-");
    else
        std::snprintf(read.data(), read.size(), "%.1f", reads[reads.size() / 2]);
    std::printf("%-58s  %8.1f ms  %8.1f ms  %8s ms  %5zu APDUs%s\n", name, times[times.size() / 2], times.front(),
        read.data(), apdus, failures != 0 ? "  (some runs failed)" : "");
}

} // namespace

int main(int argc, char** argv)
{
    int const runs = argc > 1 ? std::max(1, static_cast<int>(std::strtol(argv[1], nullptr, 10))) : 15;
    Bench bench;
    std::printf("id_read_bench: persona hoa, %d runs per row, pty chain (libnfc pn532_uart + Pn532UartEmul)\n", runs);
    std::printf("%-58s  %11s  %11s  %11s  %s\n", "reader, protocol, files", "median", "best", "auth+read",
        "card APDUs");
    std::printf("(median and best: wall time from opening the reader to the verdict, processes included;\n"
                " auth+read: median of authentication and file reads alone, card already selected)\n");
    bool const have_mrtdreader = std::filesystem::exists("/usr/bin/mrtdreader");
    for (bool const with_dg2 : { false, true }) {
        std::string const files = with_dg2 ? "EF.COM DG1 DG2 DG13 SOD" : "EF.COM DG1 DG13 SOD";
        row(("ours in process, PACE-CAN, " + files + " + PA").c_str(), runs, [&] { return bench.ours_in_process(with_dg2, true); });
        row(("ours in process, BAC, " + files + " + PA").c_str(), runs, [&] { return bench.ours_in_process(with_dg2, false); });
        row(("kiosk-bench nfc read, PACE-CAN, " + files + " + PA").c_str(), runs, [&] { return bench.kiosk_bench(with_dg2, true); });
        row(("kiosk-bench nfc read, BAC, " + files + " + PA").c_str(), runs, [&] { return bench.kiosk_bench(with_dg2, false); });
        if (have_mrtdreader)
            row(("mrtdreader, BAC, " + files + " (no PA)").c_str(), runs, [&] { return bench.mrtdreader(with_dg2); });
    }
    return 0;
}
