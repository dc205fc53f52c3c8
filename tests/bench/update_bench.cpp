// SPDX-License-Identifier: MIT
// Update agent benchmark (issue 9). Prints figures; asserts nothing.
//   build/<dir>/tests-bin/update_bench [image-MB]        (default 200)
// 1. Verification throughput: the checks the agent and the sim board's boot control really run
//    on an image of that size: update::verify_file (length + SHA-256 of the download against
//    the signed metadata) and DirBootControl::install (copy into the slot, fsync, byte-for-byte
//    re-read of what was written). Page cache warm (the file was just written), as on a kiosk
//    right after the download.
// 2. Resume overhead: update::download through a real nginx on 127.0.0.1, uninterrupted vs
//    cut at 50 % (nginx killed from the progress callback) and resumed with HTTP Range.
// 3. Poll to marked-good on the sim board: the kiosk-updater program (`install`, then
//    `run --once` with a fresh health report) against nginx, slots in a DirBootControl folder.
#include "support/nginx_server.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <boot/dir_boot_control.hpp>
#include <signing/signing_key.hpp>
#include <update/download.hpp>
#include <update/file_hash.hpp>
#include <update/repository_writer.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double mb(std::uint64_t bytes) { return static_cast<double>(bytes) / 1e6; }

/// @p bytes of pseudo-random data (incompressible, deterministic).
std::string image_of(std::size_t bytes)
{
    std::string data(bytes, '\0');
    std::mt19937_64 random(20261201);
    for (std::size_t i = 0; i + 8 <= bytes; i += 8) {
        auto const word = random();
        for (int b = 0; b < 8; ++b)
            data[i + static_cast<std::size_t>(b)] = static_cast<char>((word >> (8 * b)) & 0xff);
    }
    return data;
}

void write(std::filesystem::path const& file, std::string const& data)
{
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc).write(data.data(), static_cast<std::streamsize>(data.size()));
}

[[noreturn]] void die(std::string const& what)
{
    std::fprintf(stderr, "update_bench: %s\n", what.c_str());
    std::exit(1);
}

void verification(kiosk::test::TempDir const& dir, std::string const& image, std::string const& sha256)
{
    auto const file = dir.path() / "verify" / "kiosk.img";
    write(file, image);
    constexpr int RUNS = 3;
    double best = 1e9;
    for (int i = 0; i < RUNS; ++i) {
        auto const start = Clock::now();
        if (!kiosk::update::verify_file(file, image.size(), sha256))
            die("verify_file refused the image");
        best = std::min(best, seconds_since(start));
    }
    std::printf("verify_file (length + SHA-256), %.0f MB: best of %d %.3f s = %.0f MB/s\n", mb(image.size()), RUNS,
        best, mb(image.size()) / best);

    double best_install = 1e9;
    for (int i = 0; i < RUNS; ++i) {
        std::filesystem::remove_all(dir.path() / "slots");
        auto boot = kiosk::drivers::DirBootControl::open(dir.path() / "slots", "1.5.0");
        if (!boot)
            die("DirBootControl::open failed");
        auto const start = Clock::now();
        if (!(*boot)->install(kiosk::hal::Slot::b, file, "1.6.0"))
            die("DirBootControl::install failed");
        best_install = std::min(best_install, seconds_since(start));
    }
    std::printf("DirBootControl::install (copy + fsync + byte compare of the written slot), %.0f MB: best of %d "
                "%.3f s = %.0f MB/s\n",
        mb(image.size()), RUNS, best_install, mb(image.size()) / best_install);
    std::filesystem::remove_all(dir.path() / "slots");
    std::filesystem::remove_all(dir.path() / "verify");
}

void resume(kiosk::test::TempDir const& dir, std::string const& image)
{
    write(dir.path() / "www" / "targets" / "kiosk.img", image);
    auto server = std::make_unique<kiosk::test::NginxServer>(dir.path() / "www");
    std::string const url_path = "/targets/kiosk.img";
    kiosk::update::DownloadLimits limits;
    limits.expected_bytes = image.size();
    limits.stall_timeout = 5s;
    auto const partial = dir.path() / "downloads" / "kiosk.img.partial";
    std::filesystem::create_directories(partial.parent_path());

    // Uninterrupted.
    std::filesystem::remove(partial);
    auto const whole_start = Clock::now();
    auto whole = kiosk::update::download(server->url() + url_path, partial, limits);
    double const whole_s = seconds_since(whole_start);
    if (!whole)
        die("uninterrupted download failed: " + whole.error().message());

    // Cut at 50 %, then resumed from a fresh server.
    std::filesystem::remove(partial);
    std::uint64_t cut_at = 0;
    auto const first_start = Clock::now();
    auto first = kiosk::update::download(server->url() + url_path, partial, limits, [&](std::uint64_t on_disk) {
        if (cut_at == 0 && on_disk >= image.size() / 2) {
            cut_at = on_disk;
            server->kill();
        }
    });
    double const first_s = seconds_since(first_start);
    if (first)
        die("the cut download did not fail");
    auto const kept = std::filesystem::file_size(partial);
    server = std::make_unique<kiosk::test::NginxServer>(dir.path() / "www");
    auto const second_start = Clock::now();
    auto second = kiosk::update::download(server->url() + url_path, partial, limits);
    double const second_s = seconds_since(second_start);
    if (!second)
        die("resumed download failed: " + second.error().message());
    if (!kiosk::update::verify_file(partial, image.size(), kiosk::update::sha256_hex(image)))
        die("the resumed file does not verify");

    std::uint64_t const fetched = kept + second->fetched;
    std::printf("download via nginx on 127.0.0.1, %.0f MB uninterrupted: %.3f s (%.0f MB/s), fetched %.1f MB\n",
        mb(image.size()), whole_s, mb(image.size()) / whole_s, mb(whole->fetched));
    std::printf("cut at %.1f %% (%.1f MB kept on disk) after %.3f s; resume (Range from byte %llu) fetched %.1f MB in "
                "%.3f s\n",
        100.0 * static_cast<double>(cut_at) / static_cast<double>(image.size()), mb(kept), first_s,
        static_cast<unsigned long long>(second->resumed_from), mb(second->fetched), second_s);
    std::printf("resume overhead: %lld bytes re-fetched (%.4f %% of the image); time %.3f s vs %.3f s uninterrupted "
                "(%+.3f s)\n",
        static_cast<long long>(fetched) - static_cast<long long>(image.size()),
        100.0 * (static_cast<double>(fetched) - static_cast<double>(image.size())) / static_cast<double>(image.size()),
        first_s + second_s, whole_s, first_s + second_s - whole_s);
    std::filesystem::remove_all(dir.path() / "downloads");
}

void poll_to_marked_good(kiosk::test::TempDir const& dir, std::string const& image)
{
    auto const now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto key = *kiosk::signing::SigningKey::generate();
    kiosk::update::RootSpec spec;
    spec.expires = now + 365 * 24h;
    for (auto role : { kiosk::update::RoleName::root, kiosk::update::RoleName::timestamp,
             kiosk::update::RoleName::snapshot, kiosk::update::RoleName::targets })
        spec.keys[role] = { *key.verify_key() };
    namespace repository = kiosk::update::repository;
    auto const www = dir.path() / "repo";
    write(dir.path() / "kiosk" / "root.json", *repository::root(spec, { &key }));
    write(www / "targets" / "sim" / "kiosk-1.6.0.img", image);
    kiosk::update::TargetInfo target;
    target.name = "sim/kiosk-1.6.0.img";
    target.length = image.size();
    target.sha256 = kiosk::update::sha256_hex(image);
    target.version = "1.6.0";
    target.board = "bench-sim";
    auto targets = *repository::targets(1, now + 30 * 24h, { target }, { &key });
    auto snapshot = *repository::snapshot(1, now + 30 * 24h, 1, targets, { &key });
    write(www / "metadata" / "targets.json", targets);
    write(www / "metadata" / "snapshot.json", snapshot);
    write(www / "metadata" / "timestamp.json", *repository::timestamp(1, now + 24h, 1, snapshot, { &key }));
    kiosk::test::NginxServer server(www);
    write(dir.path() / "kiosk" / "board.toml",
        "[board]\nname = \"bench-sim\"\n[display]\nwidth = 800\nheight = 480\ndpi = 96\n"
        "[boot_control]\nconnection = \"dir:slots\"\n");
    write(dir.path() / "kiosk" / "updater.toml",
        "[updater]\nrepository_url = \"" + server.url()
            + "\"\ninitial_root = \"root.json\"\nstate_dir = \"state\"\nboard_file = \"board.toml\"\n"
              "kiosk_id = \"kiosk-bench-01\"\nhealth_report = \"health.json\"\nhealth_deadline_s = 600\n");
    auto const config = (dir.path() / "kiosk" / "updater.toml").string();
    auto const updater = kiosk::test::program_path("kiosk-updater");

    auto const start = Clock::now();
    auto installed = kiosk::test::run_process({ updater, "--config", config, "--json", "install" });
    double const install_s = seconds_since(start);
    if (installed.exit_code != 0)
        die("kiosk-updater install: " + installed.err);
    // The new version's kiosk is up and reports healthy.
    write(dir.path() / "kiosk" / "health.json", R"({"ok": true, "ui": "up", "devices": []})");
    auto const gate_start = Clock::now();
    auto gated = kiosk::test::run_process({ updater, "--config", config, "--json", "run", "--once" });
    double const gate_s = seconds_since(gate_start);
    double const total_s = seconds_since(start);
    if (gated.exit_code != 0 || gated.out.find("installed 1.6.0") == std::string::npos)
        die("kiosk-updater run --once did not mark 1.6.0 good: " + gated.out + gated.err);
    std::printf("metadata poll -> marked good on the sim board (kiosk-updater install + run --once, %.0f MB image): "
                "%.3f s (install: poll, download, verify, write slot, switch, restart %.3f s; health gate + mark good "
                "+ next poll %.3f s)\n",
        mb(image.size()), total_s, install_s, gate_s);
}

} // namespace

int main(int argc, char** argv)
{
    std::size_t megabytes = 200;
    if (argc > 1)
        megabytes = static_cast<std::size_t>(std::strtoul(argv[1], nullptr, 10));
    if (megabytes == 0)
        die("usage: update_bench [image-MB]");
    kiosk::test::TempDir dir;
    auto const image = image_of(megabytes * 1000 * 1000);
    auto const sha256 = kiosk::update::sha256_hex(image);
    std::printf("update_bench: image %zu MB (10^6 bytes), working folder %s\n", megabytes, dir.path().c_str());
    verification(dir, image, sha256);
    resume(dir, image);
    poll_to_marked_good(dir, image);
    poll_to_marked_good(*std::make_unique<kiosk::test::TempDir>(), image_of(std::size_t { 1000 } * 1000));
    return 0;
}
