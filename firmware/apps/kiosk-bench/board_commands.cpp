// SPDX-License-Identifier: MIT
#include "board_commands.hpp"

#include "progress.hpp"

#include "runtime/board_file.hpp"
#include "runtime/board_loader.hpp"
#include "runtime/driver_table.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

namespace kiosk::bench {

namespace {

    cli::Exit board_error(cli::Output const& out, runtime::BoardError const& error)
    {
        return out.error(error.code, error.message(), cli::Exit::usage);
    }

    /// "sim:" for drivers named after their scheme; "escpos:usb:04b8:0e28" otherwise.
    std::string role_summary(runtime::RoleConfig const& role)
    {
        auto const* info = runtime::find_driver(role.role, role.scheme);
        if (info == nullptr || info->driver == role.scheme)
            return role.connection;
        return std::string(info->driver) + ":" + role.connection;
    }

    std::string padded(std::string_view text, std::size_t width)
    {
        std::string result(text);
        if (result.size() < width)
            result.append(width - result.size(), ' ');
        return result;
    }

    /// {"role", "driver", "connection"} of a device, the fields every listing starts with.
    nlohmann::json device_json(hal::DeviceEntry const& entry)
    {
        return { { "role", hal::role_name(entry.role) }, { "driver", entry.driver },
            { "connection", entry.connection } };
    }

    /// A device that could not be opened, with @p status_key ("probe" or "result") set to "failed".
    nlohmann::json fault_json(runtime::DeviceFault const& fault, char const* status_key)
    {
        auto item = device_json(fault.entry);
        item[status_key] = "failed";
        item["error"] = cli::Output::error_json(fault.error.code(), fault.error.message());
        return item;
    }

    nlohmann::json unfilled_roles(hal::Board const& board, std::vector<runtime::DeviceFault> const& faults)
    {
        auto unfilled = nlohmann::json::array();
        for (hal::Role role : hal::ALL_ROLES) {
            bool faulted = false;
            for (auto const& fault : faults)
                faulted = faulted || fault.entry.role == role;
            if (board.device(role) == nullptr && !faulted)
                unfilled.push_back(std::string(hal::role_name(role)));
        }
        return unfilled;
    }

} // namespace

cli::Exit board_check(cli::Output const& out, std::filesystem::path const& file)
{
    auto config = runtime::parse_board_file(file);
    if (!config)
        return board_error(out, config.error());
    if (auto drivers = runtime::validate_drivers(*config); !drivers)
        return board_error(out, drivers.error());

    nlohmann::json roles = nlohmann::json::object();
    std::string human = "board " + config->name + ": " + file.string() + " is valid\n";
    for (auto const& role : config->roles) {
        roles[std::string(hal::role_name(role.role))] = role_summary(role);
        human += "  " + padded(hal::role_name(role.role), 14) + role_summary(role) + "\n";
    }
    if (config->roles.empty())
        human += "  (no roles filled)\n";
    nlohmann::json body { { "board", config->name }, { "file", file.string() }, { "roles", roles },
        { "display",
            { { "width", config->display.width_px }, { "height", config->display.height_px },
                { "rotation", config->display.rotation_deg }, { "dpi", config->display.dpi } } } };
    return out.result(true, body, human);
}

cli::Exit devices(cli::Output const& out, std::filesystem::path const& board_file)
{
    auto loaded = runtime::load_board(board_file);
    if (!loaded)
        return board_error(out, loaded.error());
    auto const& board = *loaded->board;

    auto list = nlohmann::json::array();
    std::string human = "board " + board.name() + " (" + board_file.string() + ")\n";
    for (auto const& entry : board.devices()) {
        auto item = device_json(entry);
        item["probe"] = "ok";
        list.push_back(std::move(item));
        human += "  " + padded(hal::role_name(entry.role), 14) + padded(entry.driver, 10) + padded(entry.connection, 28)
            + "ok\n";
    }
    for (auto const& fault : loaded->faults) {
        list.push_back(fault_json(fault, "probe"));
        human += "  " + padded(hal::role_name(fault.entry.role), 14) + padded(fault.entry.driver, 10)
            + padded(fault.entry.connection, 28) + "FAILED: " + fault.error.message() + "\n";
    }
    nlohmann::json body { { "board", board.name() }, { "devices", list },
        { "unfilled", unfilled_roles(board, loaded->faults) } };
    return out.result(loaded->faults.empty(), body, human);
}

cli::Exit selftest(cli::Output const& out, std::filesystem::path const& board_file)
{
    auto loaded = runtime::load_board(board_file);
    if (!loaded)
        return board_error(out, loaded.error());
    auto const& board = *loaded->board;

    auto list = nlohmann::json::array();
    std::string human = "self-test of board " + board.name() + "\n";
    bool all_ok = loaded->faults.empty();
    int total = static_cast<int>(board.devices().size());
    cli::Progress progress(total);
    int step = 0;
    for (auto const& entry : board.devices()) {
        progress.step(++step, hal::role_name(entry.role));
        auto started = std::chrono::steady_clock::now();
        auto outcome = board.device(entry.role)->self_test();
        auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
        auto item = device_json(entry);
        item["test_ms"] = std::round(elapsed.count() * 10.0) / 10.0;
        if (outcome) {
            item["result"] = "ok";
            item["detail"] = *outcome;
            human += "  " + padded(hal::role_name(entry.role), 14) + "ok      " + *outcome + "\n";
        } else {
            all_ok = false;
            item["result"] = "failed";
            item["error"] = cli::Output::error_json(outcome.error().code(), outcome.error().message());
            human += "  " + padded(hal::role_name(entry.role), 14) + "FAILED  " + outcome.error().message() + "\n";
            spdlog::warn(
                "self-test of {} ({}) failed: {}", hal::role_name(entry.role), entry.driver, outcome.error().message());
        }
        list.push_back(std::move(item));
    }
    for (auto const& fault : loaded->faults) {
        list.push_back(fault_json(fault, "result"));
        human += "  " + padded(hal::role_name(fault.entry.role), 14) + "FAILED  cannot open: " + fault.error.message()
            + "\n";
    }
    human += all_ok ? "all devices answered\n" : "some devices failed\n";
    nlohmann::json body { { "board", board.name() }, { "devices", list },
        { "unfilled", unfilled_roles(board, loaded->faults) } };
    return out.result(all_ok, body, human);
}

} // namespace kiosk::bench

namespace kiosk::bench {

void add_board_commands(CLI::App& app, CommandSet& commands)
{
    auto* board = app.add_subcommand("board", "Board file tools");
    board->require_subcommand(1);
    auto check_file = std::make_shared<std::string>();
    auto* check = board->add_subcommand("check", "Parse and validate a board file without opening devices");
    check->add_option("FILE", *check_file, "The board.toml to check")->required();
    commands.add(check, [check_file](cli::Output const& out, GlobalOptions const&) { return board_check(out, *check_file); });

    auto* devices_command
        = app.add_subcommand("devices", "List each role's driver and connection, and whether it opens");
    commands.add(devices_command,
        [](cli::Output const& out, GlobalOptions const& options) { return devices(out, options.board_file); });
    auto* selftest_command
        = app.add_subcommand("selftest", "Ask every device to prove it answers; exit 1 if any failed");
    commands.add(selftest_command,
        [](cli::Output const& out, GlobalOptions const& options) { return selftest(out, options.board_file); });
}

} // namespace kiosk::bench
