// SPDX-License-Identifier: MIT
#include "health_check.hpp"

#include "runtime/board_loader.hpp"
#include "runtime/device_health.hpp"

#include <update/atomic_file.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <system_error>
#include <utility>

namespace kiosk::updater {

namespace {

    Result<void> check_report(
        std::filesystem::path const& file, std::chrono::seconds max_age, RunningVersion const& running_version)
    {
        std::error_code error;
        auto const written = std::filesystem::last_write_time(file, error);
        if (error)
            return fail(Errc::not_ready, "the kiosk has not written its health report (is the UI up?)");
        auto const age = std::filesystem::file_time_type::clock::now() - written;
        if (age > max_age)
            return fail(Errc::not_ready, "the kiosk's health report is stale (the UI stopped reporting)");
        auto const text = KIOSK_TRY(update::read_file_if_any(file));
        auto const report = nlohmann::json::parse(text.value_or(""), nullptr, false);
        if (report.is_discarded() || !report.is_object())
            return fail(Errc::not_ready, "the kiosk's health report is not JSON");
        // A report written by the version that ran before the switch says nothing about this one.
        if (report.contains("version") && report["version"].is_string() && running_version) {
            auto const running = running_version();
            if (!running.empty() && report["version"].get<std::string>() != running)
                return fail(Errc::not_ready, "the kiosk's health report is from another version than the one running");
        }
        if (report.contains("ui") && report["ui"] != "up")
            return fail(Errc::not_ready, "the kiosk reports its UI is not up");
        if (report.contains("devices") && report["devices"].is_array()) {
            for (auto const& device : report["devices"]) {
                // "attention": it answered but waits for staff (a printer out of paper).
                auto const result = device.is_object() ? device.value("result", "") : std::string();
                if (result != "ok" && result != "attention")
                    return fail(Errc::not_ready, "the kiosk reports a device that failed its self-test");
            }
        }
        if (!report.value("ok", false))
            return fail(Errc::not_ready, "the kiosk reports it is not healthy");
        return {};
    }

    Result<void> check_board(std::filesystem::path const& board_file)
    {
        auto loaded = runtime::load_board(board_file);
        if (!loaded)
            return fail(Errc::not_ready, "the board file does not load");
        if (!loaded->faults.empty())
            return fail(Errc::not_ready, "a device of the board could not be opened");
        for (auto const& entry : loaded->board->devices()) {
            auto const tested = loaded->board->device(entry.role)->self_test();
            // A printer that answers "out of paper" or "cover open" works; staff fix that.
            if (!tested && !runtime::waits_for_staff(entry.role, tested.error()))
                return fail(Errc::not_ready, "a device of the board failed its self-test");
        }
        return {};
    }

} // namespace

update::HealthCheck make_health_check(update::UpdaterConfig const& config, RunningVersion running_version)
{
    if (!config.health_report.empty())
        return [file = config.health_report, age = config.health_max_age, version = std::move(running_version)] {
            return check_report(file, age, version);
        };
    return [board = config.board_file] { return check_board(board); };
}

} // namespace kiosk::updater
