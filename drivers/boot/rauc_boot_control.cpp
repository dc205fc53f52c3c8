// SPDX-License-Identifier: MIT
// RAUC from its command line. The rauc program talks to the RAUC service over D-Bus, so this
// file needs neither D-Bus nor GLib; nlohmann-json (state file) is used without exceptions.
#include "boot/rauc_boot_control.hpp"

#include "boot/command_runner.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace kiosk::drivers {

using nlohmann::json;

namespace {

    /// A file descriptor closed on scope exit.
    class Fd {
    public:
        explicit Fd(int fd) noexcept
            : m_fd(fd)
        {
        }
        ~Fd()
        {
            if (m_fd >= 0)
                ::close(m_fd);
        }
        Fd(Fd const&) = delete;
        Fd& operator=(Fd const&) = delete;
        Fd(Fd&&) = delete;
        Fd& operator=(Fd&&) = delete;
        [[nodiscard]] int get() const noexcept { return m_fd; }

    private:
        int m_fd;
    };

    /// Writes @p content to @p target through a flushed temporary file and a rename, then
    /// flushes the folder: after a power cut the file is the old one or the new one.
    Result<void> write_atomically(std::filesystem::path const& target, std::string const& content)
    {
        std::error_code error;
        std::filesystem::create_directories(target.parent_path(), error);
        auto const temporary = target.string() + ".tmp";
        {
            Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
            if (fd.get() < 0)
                return fail(Errc::io, "rauc: cannot write the boot state file", errno);
            std::size_t written = 0;
            while (written < content.size()) {
                auto const n = ::write(fd.get(), content.data() + written, content.size() - written);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    return fail(Errc::io, "rauc: cannot write the boot state file", errno);
                written += static_cast<std::size_t>(n);
            }
            if (::fsync(fd.get()) != 0)
                return fail(Errc::io, "rauc: cannot flush the boot state file", errno);
        }
        if (::rename(temporary.c_str(), target.c_str()) != 0)
            return fail(Errc::io, "rauc: cannot replace the boot state file", errno);
        Fd folder(::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (folder.get() >= 0)
            ::fsync(folder.get());
        return {};
    }

    std::filesystem::path from(std::filesystem::path const& base, std::string_view value)
    {
        std::filesystem::path path(value);
        return path.is_absolute() ? path : (base / path).lexically_normal();
    }

    bool contains(std::string const& text, std::string_view part) { return text.find(part) != std::string::npos; }

} // namespace

Result<RaucOptions> parse_rauc_connection(std::string_view args, std::filesystem::path const& base)
{
    RaucOptions options;
    bool first = true;
    while (true) {
        auto const comma = args.find(',');
        auto const item = args.substr(0, comma);
        auto const equals = item.find('=');
        if (first && equals == std::string_view::npos) {
            if (!item.empty())
                options.rauc = from(base, item);
        } else {
            if (equals == std::string_view::npos || equals + 1 == item.size())
                return fail(Errc::invalid_argument, "rauc: expected rauc:[RAUC][,conf=FILE][,class=CLASS][,state=FILE][,reboot=PROGRAM]");
            auto const key = item.substr(0, equals);
            auto const value = item.substr(equals + 1);
            if (key == "conf")
                options.config = from(base, value);
            else if (key == "class")
                options.slot_class = std::string(value);
            else if (key == "state")
                options.state_file = from(base, value);
            else if (key == "reboot")
                options.reboot_command = { from(base, value).string() };
            else
                return fail(Errc::invalid_argument, "rauc: unknown option (expected conf=, class=, state= or reboot=)");
        }
        first = false;
        if (comma == std::string_view::npos)
            break;
        args.remove_prefix(comma + 1);
    }
    return options;
}

RaucBootControl::RaucBootControl(
    RaucOptions options, std::array<std::string, 2> names, std::map<std::string, SlotRecord> records)
    : m_options(std::move(options))
    , m_names(std::move(names))
    , m_records(std::move(records))
{
}

RaucBootControl::~RaucBootControl() = default;

std::vector<std::string> rauc_command(RaucOptions const& options, std::vector<std::string> const& args)
{
    std::vector<std::string> argv { options.rauc.string() };
    if (!options.config.empty())
        argv.push_back("--conf=" + options.config.string());
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

std::vector<std::string> RaucBootControl::command(std::vector<std::string> const& args) const
{
    return rauc_command(m_options, args);
}

Result<std::unique_ptr<RaucBootControl>> RaucBootControl::open(RaucOptions options)
{
    std::map<std::string, SlotRecord> records;
    std::error_code error;
    if (std::filesystem::exists(options.state_file, error)) {
        std::ifstream in(options.state_file);
        std::string const text { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
        auto const body = json::parse(text, nullptr, false);
        if (body.is_discarded() || !body.is_object() || !body.contains("slots") || !body["slots"].is_object())
            return fail(Errc::malformed, "rauc: the boot state file does not parse");
        for (auto const& [name, item] : body["slots"].items()) {
            if (!item.is_object() || !item.contains("version") || !item["version"].is_string()
                || !item.contains("phase") || !item["phase"].is_string())
                return fail(Errc::malformed, "rauc: the boot state file does not parse");
            records[name] = SlotRecord { item["version"].get<std::string>(), item["phase"].get<std::string>() };
        }
    }
    std::unique_ptr<RaucBootControl> control(new RaucBootControl(std::move(options), {}, std::move(records)));
    auto const status = KIOSK_TRY(control->status());
    auto const names = status.slots_of_class(control->m_options.slot_class);
    if (names.size() != 2)
        return fail(Errc::unsupported, "rauc: the slot class does not have exactly two slots (system.conf)");
    for (auto const& name : names) {
        if (status.slot(name)->bootname.empty())
            return fail(Errc::unsupported, "rauc: a slot of the class has no bootname (system.conf)");
    }
    control->m_names = { names[0], names[1] };
    // The factory image carries no RAUC bundle record: remember the running version for the
    // day this slot is the fallback one.
    auto const booted = KIOSK_TRY(control->booted_in(status));
    auto const& booted_name = control->name_of(booted);
    if (status.slot(booted_name)->bundle_version.empty() && control->m_records.count(booted_name) == 0
        && !control->m_options.running_version.empty()) {
        control->m_records[booted_name] = SlotRecord { control->m_options.running_version, "" };
        KIOSK_TRY(control->save_records());
    }
    return control;
}

Result<void> RaucBootControl::run(std::vector<std::string> const& args, char const* what) const
{
    auto const result = KIOSK_TRY(run_command(command(args), m_options.command_timeout));
    if (result.exit_code != 0)
        return fail(Errc::io, what);
    return {};
}

Result<RaucStatus> RaucBootControl::status() const
{
    auto const result
        = KIOSK_TRY(run_command(command({ "status", "--detailed", "--output-format=json" }), m_options.command_timeout));
    if (result.exit_code != 0)
        return fail(Errc::io, "rauc status failed (is the RAUC service running?)");
    return parse_rauc_status(result.out);
}

std::string const& RaucBootControl::name_of(hal::Slot slot) const noexcept
{
    return m_names[slot == hal::Slot::a ? 0 : 1];
}

Result<hal::Slot> RaucBootControl::booted_in(RaucStatus const& status) const
{
    for (auto slot : { hal::Slot::a, hal::Slot::b }) {
        auto const* described = status.slot(name_of(slot));
        if (described != nullptr && described->state == "booted")
            return slot;
    }
    // Older RAUC versions mark only the top-level "booted" bootname.
    for (auto slot : { hal::Slot::a, hal::Slot::b }) {
        auto const* described = status.slot(name_of(slot));
        if (described != nullptr && !status.booted.empty() && described->bootname == status.booted)
            return slot;
    }
    return fail(Errc::not_ready, "rauc: neither slot of the class is booted");
}

Result<hal::SlotStatus> RaucBootControl::derive(RaucStatus const& status, hal::Slot slot) const
{
    auto const* described = status.slot(name_of(slot));
    if (described == nullptr)
        return fail(Errc::malformed, "rauc status no longer lists the slot");
    bool const booted = described->state == "booted";
    auto const record = m_records.find(described->name);
    hal::SlotStatus result;
    result.slot = slot;
    result.version = described->bundle_version;
    if (result.version.empty() && record != m_records.end())
        result.version = record->second.version;
    if (result.version.empty() && booted)
        result.version = m_options.running_version;
    std::string const phase = record == m_records.end() ? std::string() : record->second.phase;
    if (phase == "installing") {
        // Killed during `rauc install`: whatever is in the slot is not a system.
        result.version.clear();
    }
    // RAUC marks a freshly written slot non-bootable until it is chosen ("installed"); a
    // slot RAUC never installed and nobody booted holds nothing the updater knows of.
    bool const nothing_bootable
        = phase == "installing" || phase == "installed" || (result.version.empty() && !booted);
    if (nothing_bootable && (!phase.empty() || described->boot_status != "bad"))
        result.state = hal::SlotState::empty;
    else if (described->boot_status == "bad")
        result.state = hal::SlotState::bad;
    else if (phase == "trial")
        result.state = hal::SlotState::trial;
    else
        result.state = hal::SlotState::good;
    return result;
}

Result<std::string> RaucBootControl::self_test()
{
    auto const current = KIOSK_TRY(status());
    auto const booted = KIOSK_TRY(booted_in(current));
    std::string summary = "rauc:";
    for (auto slot : { hal::Slot::a, hal::Slot::b }) {
        auto const described = KIOSK_TRY(derive(current, slot));
        summary += slot == hal::Slot::a ? " " : "; ";
        if (slot == booted)
            summary += "booted ";
        summary += name_of(slot) + " (" + current.slot(name_of(slot))->bootname + ", "
            + std::string(hal::slot_state_name(described.state));
        if (!described.version.empty())
            summary += ", " + described.version;
        summary += ")";
    }
    return summary;
}

Result<hal::Slot> RaucBootControl::booted_slot() { return booted_in(KIOSK_TRY(status())); }

Result<hal::SlotStatus> RaucBootControl::slot_status(hal::Slot slot) { return derive(KIOSK_TRY(status()), slot); }

Result<void> RaucBootControl::save_records() const
{
    json slots = json::object();
    for (auto const& [name, record] : m_records)
        slots[name] = { { "version", record.version }, { "phase", record.phase } };
    return write_atomically(m_options.state_file, json { { "slots", slots } }.dump(2) + "\n");
}

Result<void> RaucBootControl::install(hal::Slot slot, std::filesystem::path const& image, std::string_view version)
{
    auto const before = KIOSK_TRY(status());
    if (KIOSK_TRY(booted_in(before)) == slot)
        return fail(Errc::invalid_argument, "installing: cannot overwrite the booted slot");
    std::error_code error;
    if (!std::filesystem::is_regular_file(image, error))
        return fail(Errc::not_found, "installing: the bundle file is missing");
    if (image.extension() != ".raucb")
        return fail(Errc::invalid_argument, "installing: RAUC installs bundles named *.raucb only");
    auto const& name = name_of(slot);
    m_records[name] = SlotRecord { std::string(version), "installing" };
    KIOSK_TRY(save_records());
    auto const installed
        = KIOSK_TRY(run_command(command({ "install", std::filesystem::absolute(image).string() }), m_options.install_timeout));
    if (installed.exit_code != 0) {
        m_records.erase(name);
        KIOSK_TRY(save_records());
        // RAUC prints its reason as "LastError: ..." on stdout (and in the service's journal);
        // only the kind matters here.
        auto const said = installed.out + installed.err;
        if (contains(said, "ignature") || contains(said, "ompatible") || contains(said, "erif"))
            return fail(Errc::refused, "rauc install refused the bundle (signature or compatible)");
        return fail(Errc::io, "rauc install failed (see the RAUC service's journal)");
    }
    auto const after = KIOSK_TRY(status());
    auto const* described = after.slot(name);
    if (described == nullptr || described->bundle_version != version || described->install_status != "ok") {
        m_records.erase(name);
        KIOSK_TRY(save_records());
        KIOSK_TRY(run({ "status", "mark-bad", name }, "rauc status mark-bad failed"));
        return fail(Errc::refused, "rauc installed a bundle of another version than the signed target's");
    }
    m_records[name].phase = "installed";
    return save_records();
}

Result<void> RaucBootControl::set_next_boot(hal::Slot slot)
{
    auto const current = KIOSK_TRY(status());
    auto const described = KIOSK_TRY(derive(current, slot));
    auto const& name = name_of(slot);
    bool const installed = m_records.count(name) != 0 && m_records[name].phase == "installed";
    if (described.state == hal::SlotState::bad || (described.state == hal::SlotState::empty && !installed))
        return fail(Errc::not_ready, "choosing the next boot: slot is empty or bad");
    if (KIOSK_TRY(booted_in(current)) == slot)
        return {};
    KIOSK_TRY(run({ "status", "mark-active", name }, "rauc status mark-active failed"));
    m_records[name] = SlotRecord { described.version, "trial" };
    return save_records();
}

Result<void> RaucBootControl::mark_good()
{
    auto const current = KIOSK_TRY(status());
    auto const booted = KIOSK_TRY(booted_in(current));
    KIOSK_TRY(run({ "status", "mark-good", "booted" }, "rauc status mark-good failed"));
    auto const record = m_records.find(name_of(booted));
    if (record == m_records.end())
        return {};
    record->second.phase.clear();
    return save_records();
}

Result<void> RaucBootControl::mark_bad(hal::Slot slot)
{
    auto const& name = name_of(slot);
    KIOSK_TRY(run({ "status", "mark-bad", name }, "rauc status mark-bad failed"));
    auto const record = m_records.find(name);
    if (record == m_records.end())
        return {};
    record->second.phase.clear(); // RAUC's boot_status now says bad
    return save_records();
}

Result<void> RaucBootControl::restart()
{
    auto const result = KIOSK_TRY(run_command(m_options.reboot_command, m_options.command_timeout));
    if (result.exit_code != 0)
        return fail(Errc::io, "restarting: the reboot command failed");
    return {};
}

} // namespace kiosk::drivers
