// SPDX-License-Identifier: MIT
// kiosk-updater: the kiosk's update agent (shared/CLI.md). One-shot verbs for technicians and
// scripts, and `run`, the service loop systemd starts.
#include "health_check.hpp"
#include "heartbeat.hpp"

#include "catalog_update.hpp"
#include "cli_main.hpp"
#include "cli_output.hpp"

#include "runtime/board_file.hpp"
#include "runtime/board_loader.hpp"

#include <log/log.hpp>
#include <update/agent_config.hpp>
#include <update/update_agent.hpp>

#include <CLI/CLI.hpp>

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <random>
#include <string>

#include <charconv>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

using kiosk::cli::Exit;
using kiosk::cli::Format;
using kiosk::cli::Output;
using nlohmann::json;

namespace {

std::chrono::sys_seconds now()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// The deterministic crash hook for power-loss tests: KIOSK_UPDATER_CRASH_AT=STEP (e.g.
/// "verified", "installed", "switched", "restarting") or "downloading:BYTES" kills the process
/// with SIGKILL when the agent reaches that point, as a power cut would.
kiosk::update::Checkpoint crash_hook()
{
    char const* spec = std::getenv("KIOSK_UPDATER_CRASH_AT"); // NOLINT(concurrency-mt-unsafe): read once at start
    if (spec == nullptr || *spec == '\0')
        return {};
    std::string const target(spec);
    return [target](std::string_view step, std::uint64_t bytes) {
        auto const colon = target.find(':');
        bool hit = false;
        if (colon == std::string::npos)
            hit = step == target;
        else {
            std::uint64_t at = 0;
            std::from_chars(target.data() + colon + 1, target.data() + target.size(), at);
            hit = step == std::string_view(target).substr(0, colon) && bytes >= at;
        }
        if (hit)
            ::kill(::getpid(), SIGKILL);
    };
}

json target_json(std::optional<kiosk::update::TargetInfo> const& target)
{
    if (!target)
        return nullptr;
    return { { "name", target->name }, { "version", target->version }, { "board", target->board },
        { "length", target->length }, { "sha256", target->sha256 } };
}

json slots_json(kiosk::hal::BootControl& boot)
{
    json slots = json::array();
    for (auto slot : { kiosk::hal::Slot::a, kiosk::hal::Slot::b }) {
        auto status = boot.slot_status(slot);
        if (status) {
            slots.push_back({ { "slot", kiosk::hal::slot_name(slot) },
                { "state", kiosk::hal::slot_state_name(status->state) }, { "version", status->version } });
        }
    }
    return slots;
}

json status_json(kiosk::update::UpdateAgent const& agent, kiosk::hal::BootControl& boot)
{
    auto const booted = boot.booted_slot();
    auto const& state = agent.state();
    return { { "booted_slot", booted ? json(kiosk::hal::slot_name(*booted)) : json() }, { "slots", slots_json(boot) },
        { "phase", kiosk::update::phase_name(state.phase) }, { "target", target_json(state.target) },
        { "previous_version", state.previous_version }, { "last_result", state.last_result },
        { "last_check", state.last_check } };
}

/// SIGTERM/SIGINT end the `run` loop between steps.
std::array<int, 2> g_stop_pipe { -1, -1 }; // NOLINT(cppcoreguidelines-avoid-non-const-global-variables): signal handler

void on_stop_signal(int /*signal*/)
{
    char const byte = 1;
    [[maybe_unused]] auto ignored = ::write(g_stop_pipe[1], &byte, 1);
}

/// Waits up to @p duration or until a stop signal. @return false when asked to stop.
bool wait_or_stop(std::chrono::milliseconds duration)
{
    pollfd fd { g_stop_pipe[0], POLLIN, 0 };
    int const ready = ::poll(&fd, 1, static_cast<int>(std::min<std::int64_t>(duration.count(), 1 << 30)));
    return ready == 0 || (ready < 0 && errno == EINTR);
}

int run(int argc, char** argv)
{
    Output::set_program("kiosk-updater");
    kiosk::log::init({ .program = "kiosk-updater", .level = spdlog::level::info });
    Output early(kiosk::cli::wants_json(argc, argv) ? Format::json : Format::human);

    CLI::App app { "Kiosk update agent: signed, resumable A/B updates with a health-gated trial and automatic "
                   "rollback.",
        "kiosk-updater" };
    app.fallthrough();
    app.require_subcommand(1);
    std::string config_file = "/etc/kiosk/updater.toml";
    bool json_output = false;
    app.add_option("--config", config_file, "Updater config file (TOML, see README)");
    app.add_flag("--json", json_output, "One JSON object on stdout instead of text");
    auto* check = app.add_subcommand("check", "Refresh the signed metadata and say whether an update is available");
    auto* download = app.add_subcommand("download", "check, then download (resuming) and verify the update");
    auto* install = app.add_subcommand("install", "download, then install into the other slot, switch and restart");
    auto* status = app.add_subcommand("status", "Slots, versions and where an update stands");
    auto* mark_good = app.add_subcommand("mark-good", "Check health now and mark the running version good");
    auto* rollback = app.add_subcommand("rollback", "Go back to the other slot's good version now");
    auto* service = app.add_subcommand("run", "Service loop: gate a trial, poll, install; until SIGTERM");
    bool once = false;
    service->add_flag("--once", once, "One round of the loop, then exit (tests, cron)");
    bool report_status = false;
    status->add_flag("--report", report_status, "Also send the status to the gateway (config: gateway_url)");

    if (auto const stop = kiosk::cli::parse_command_line(app, argc, argv, early, "kiosk-updater"))
        return *stop;
    Output out(json_output ? Format::json : Format::human);

    std::string message;
    auto config = kiosk::update::load_updater_config(config_file, message);
    if (!config)
        return static_cast<int>(out.error(config.error().code(), message, Exit::usage));

    // The board's name picks the targets; only its boot control is opened here (the running
    // kiosk owns the other devices).
    auto board_config = kiosk::runtime::parse_board_file(config->board_file);
    if (!board_config)
        return static_cast<int>(out.error(board_config.error().code, board_config.error().message(), Exit::usage));
    std::erase_if(board_config->roles, [](auto const& role) { return role.role != kiosk::hal::Role::boot_control; });
    if (board_config->roles.empty())
        return static_cast<int>(out.error(kiosk::Errc::invalid_argument,
            config->board_file.string() + ": the board has no [boot_control]", Exit::usage));
    auto loaded = kiosk::runtime::build_board(*board_config);
    if (!loaded || loaded->board->boot_control() == nullptr) {
        std::string reason = !loaded ? loaded.error().message()
                                     : loaded->faults.front().error.message();
        return static_cast<int>(out.error(kiosk::Errc::not_ready, "opening the boot control: " + reason, Exit::failed));
    }
    auto& boot = *loaded->board->boot_control();
    config->agent.board = loaded->board->name();

    auto agent = kiosk::update::UpdateAgent::open(config->agent, boot, crash_hook());
    if (!agent)
        return static_cast<int>(out.error(agent.error().code(), agent.error().message(), Exit::failed));
    auto health = kiosk::updater::make_health_check(*config, [&agent] {
        auto version = agent->installed_version();
        return version ? *version : std::string();
    });

    auto failed = [&](kiosk::Error const& error) {
        return static_cast<int>(out.error(error.code(), error.message(), Output::exit_for(error.code())));
    };
    auto report = [&](json body, std::string const& human) {
        body["status"] = status_json(*agent, boot);
        return static_cast<int>(out.result(true, std::move(body), human));
    };

    if (check->parsed() || download->parsed() || install->parsed()) {
        auto target = check->parsed() ? agent->check(now())
            : download->parsed()      ? agent->download(now())
                                      : agent->install(now());
        if (!target)
            return failed(target.error());
        std::string const human = *target ? "update: " + (*target)->version + " (" + (*target)->name + ")\n"
                                          : "up to date\n";
        return report({ { "update", target_json(*target) } }, human);
    }
    auto heartbeat_json = [](kiosk::updater::HeartbeatOutcome const& outcome) {
        return json { { "sent", outcome.sent }, { "detail", outcome.detail } };
    };
    if (status->parsed()) {
        auto body = status_json(*agent, boot);
        if (report_status)
            body["heartbeat"] = heartbeat_json(kiosk::updater::send_heartbeat(*config, *agent, boot));
        std::string human = "booted slot " + body["booted_slot"].get<std::string>() + ", phase "
            + body["phase"].get<std::string>() + "\n";
        for (auto const& slot : body["slots"])
            human += "  slot " + slot["slot"].get<std::string>() + ": " + slot["state"].get<std::string>() + " "
                + slot["version"].get<std::string>() + "\n";
        if (!agent->state().last_result.empty())
            human += "last result: " + agent->state().last_result + "\n";
        return static_cast<int>(out.result(true, body, human));
    }
    if (mark_good->parsed()) {
        auto marked = agent->mark_good(health, now());
        if (!marked)
            return failed(marked.error());
        return report(json::object(), "marked good\n");
    }
    if (rollback->parsed()) {
        auto back = agent->rollback(now());
        if (!back)
            return failed(back.error());
        return report(json::object(), "rolled back\n");
    }

    // run: gate any trial first (a fresh boot of a new version lands here), then poll.
    if (::pipe2(g_stop_pipe.data(), O_CLOEXEC | O_NONBLOCK) != 0)
        return failed(kiosk::Error::from_errno(errno, "creating the stop pipe"));
    std::signal(SIGTERM, on_stop_signal);
    std::signal(SIGINT, on_stop_signal);
    if (!once && config->start_delay_max.count() > 0) {
        std::random_device seed;
        std::uniform_int_distribution<std::int64_t> delay(0, config->start_delay_max.count() * 1000);
        if (!wait_or_stop(std::chrono::milliseconds(delay(seed))))
            return 0;
    }
    do {
        auto gated = agent->gate(health, now());
        if (!gated)
            spdlog::warn("health gate: {}", gated.error().message());
        if (agent->state().phase != kiosk::update::Phase::trial) {
            auto installed = agent->install(now());
            if (!installed)
                spdlog::warn("update: {}", installed.error().message());
            else if (*installed)
                spdlog::info("update {} installed; running it on trial", (*installed)->version);
        }
        // After every cycle, whatever its outcome; a gateway that does not answer is only logged.
        auto const beat = kiosk::updater::send_heartbeat(*config, *agent, boot);
        // The procedure catalog too; its outcome never touches the firmware update's.
        auto const catalog = kiosk::updater::update_catalog(*config);
        if (once)
            return report(json { { "heartbeat", heartbeat_json(beat) },
                              { "catalog", { { "changed", catalog.changed }, { "detail", catalog.detail } } } },
                agent->state().last_result + "\n");
    } while (wait_or_stop(config->poll_interval));
    return 0;
}

} // namespace

int main(int argc, char** argv) { return kiosk::cli::guarded_main("kiosk-updater", run, argc, argv); }
