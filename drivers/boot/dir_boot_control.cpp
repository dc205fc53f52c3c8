// SPDX-License-Identifier: MIT
#include "boot/dir_boot_control.hpp"

#include "boot/image_file.hpp"

#include <kiosk/hal/unique_fd.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

    constexpr char const* STATE_FILE = "state.json";
    constexpr int STATE_FORMAT = 1;

    Result<void> write_all(int fd, ByteView data, char const* context)
    {
        while (!data.empty()) {
            ssize_t const put = ::write(fd, data.data(), data.size());
            if (put < 0 && errno == EINTR)
                continue;
            if (put < 0)
                return Unexpected(Error(Errc::io, context, errno));
            data = data.subspan(static_cast<std::size_t>(put));
        }
        return {};
    }

    /// fsync of a folder, so that a rename or create inside it is on disk.
    Result<void> sync_folder(std::filesystem::path const& folder)
    {
        UniqueFd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!fd.valid())
            return Unexpected(Error::from_errno(errno, "opening the slot folder to flush it"));
        if (::fsync(fd.get()) != 0)
            return Unexpected(Error(Errc::io, "flushing the slot folder", errno));
        return {};
    }

    /// Writes @p content to @p target through a flushed temporary file and a rename.
    Result<void> replace_file(std::filesystem::path const& target, std::string const& content)
    {
        std::filesystem::path const temporary = target.string() + ".tmp";
        {
            UniqueFd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
            if (!fd.valid())
                return Unexpected(Error::from_errno(errno, "creating the boot state file"));
            KIOSK_TRY(write_all(fd.get(),
                ByteView(reinterpret_cast<std::uint8_t const*>(content.data()), content.size()),
                "writing the boot state file"));
            if (::fsync(fd.get()) != 0)
                return Unexpected(Error(Errc::io, "flushing the boot state file", errno));
        }
        if (::rename(temporary.c_str(), target.c_str()) != 0)
            return Unexpected(Error(Errc::io, "switching the boot state file", errno));
        return sync_folder(target.parent_path());
    }

    std::optional<hal::SlotState> parse_state(std::string_view name)
    {
        for (auto state : { hal::SlotState::empty, hal::SlotState::good, hal::SlotState::trial, hal::SlotState::bad }) {
            if (hal::slot_state_name(state) == name)
                return state;
        }
        return std::nullopt;
    }

    std::optional<hal::Slot> parse_slot(std::string_view name)
    {
        if (name == "a")
            return hal::Slot::a;
        if (name == "b")
            return hal::Slot::b;
        return std::nullopt;
    }

    std::string to_json(AbSlotModel const& model)
    {
        nlohmann::json slots = nlohmann::json::array();
        for (auto const& slot : model.slots) {
            slots.push_back({ { "state", hal::slot_state_name(slot.state) }, { "version", slot.version },
                { "installed", slot.installed } });
        }
        nlohmann::json body { { "format", STATE_FORMAT }, { "booted", hal::slot_name(model.booted) },
            { "next_boot", model.next_boot ? nlohmann::json(hal::slot_name(*model.next_boot)) : nlohmann::json() },
            { "slots", slots } };
        return body.dump(2) + "\n";
    }

    Result<AbSlotModel> from_json(std::string const& text)
    {
        auto const body = nlohmann::json::parse(text, nullptr, false);
        auto const malformed = fail(Errc::malformed, "reading the boot state file: not a valid state.json");
        if (body.is_discarded() || !body.is_object() || body.value("format", 0) != STATE_FORMAT)
            return malformed;
        auto const booted = body.find("booted");
        auto const slots = body.find("slots");
        if (booted == body.end() || !booted->is_string() || slots == body.end() || !slots->is_array()
            || slots->size() != 2)
            return malformed;
        AbSlotModel model;
        auto const booted_slot = parse_slot(booted->get<std::string>());
        if (!booted_slot)
            return malformed;
        model.booted = *booted_slot;
        if (auto next = body.find("next_boot"); next != body.end() && !next->is_null()) {
            auto const slot = next->is_string() ? parse_slot(next->get<std::string>()) : std::nullopt;
            if (!slot)
                return malformed;
            model.next_boot = slot;
        }
        for (std::size_t i = 0; i < 2; ++i) {
            auto const& item = (*slots)[i];
            if (!item.is_object() || !item.contains("state") || !item["state"].is_string()
                || !item.contains("version") || !item["version"].is_string() || !item.contains("installed")
                || !item["installed"].is_boolean())
                return malformed;
            auto const state = parse_state(item["state"].get<std::string>());
            if (!state)
                return malformed;
            model.slots[i] = AbSlotModel::SlotModel { *state, item["version"].get<std::string>(),
                item["installed"].get<bool>() };
        }
        return model;
    }

    Result<std::optional<std::string>> read_text(std::filesystem::path const& file)
    {
        std::error_code error;
        if (!std::filesystem::exists(file, error))
            return std::optional<std::string> {};
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return fail(Errc::io, "opening the boot state file", errno);
        std::ostringstream text;
        text << in.rdbuf();
        if (in.bad())
            return fail(Errc::io, "reading the boot state file", errno);
        return std::optional<std::string>(text.str());
    }

    Result<AbSlotModel> load(std::filesystem::path const& root)
    {
        auto text = KIOSK_TRY(read_text(root / STATE_FILE));
        if (!text)
            return fail(Errc::not_found, "reading the boot state file: missing");
        return from_json(*text);
    }

    /// Copies @p image to @p target (flushed), then reads both back and compares them.
    Result<void> copy_and_verify(std::filesystem::path const& image, std::filesystem::path const& target)
    {
        {
            UniqueFd out(::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
            if (!out.valid())
                return Unexpected(Error::from_errno(errno, "creating the slot image"));
            KIOSK_TRY(read_image(image, [&](ByteView chunk) { return write_all(out.get(), chunk, "writing the slot image"); }));
            if (::fsync(out.get()) != 0)
                return Unexpected(Error(Errc::io, "flushing the slot image", errno));
        }
        // Verify what is on disk, not what we meant to write: read the copy back alongside the source.
        UniqueFd written(::open(target.c_str(), O_RDONLY | O_CLOEXEC));
        if (!written.valid())
            return Unexpected(Error::from_errno(errno, "re-opening the slot image to verify it"));
        std::vector<std::uint8_t> copy;
        KIOSK_TRY(read_image(image, [&](ByteView chunk) -> Result<void> {
            copy.resize(chunk.size());
            std::size_t have = 0;
            while (have < copy.size()) {
                ssize_t const got = ::read(written.get(), copy.data() + have, copy.size() - have);
                if (got < 0 && errno == EINTR)
                    continue;
                if (got <= 0)
                    return fail(Errc::io, "verifying the slot image: it is shorter than the update");
                have += static_cast<std::size_t>(got);
            }
            if (std::memcmp(copy.data(), chunk.data(), chunk.size()) != 0)
                return fail(Errc::io, "verifying the slot image: it differs from the update");
            return {};
        }));
        std::array<std::uint8_t, 1> extra {};
        if (::read(written.get(), extra.data(), extra.size()) != 0)
            return fail(Errc::io, "verifying the slot image: it is longer than the update");
        return {};
    }

} // namespace

Result<std::unique_ptr<DirBootControl>> DirBootControl::open(std::filesystem::path root, std::string initial_version)
{
    std::error_code error;
    std::filesystem::create_directories(root / "slot-a", error);
    if (!error)
        std::filesystem::create_directories(root / "slot-b", error);
    if (error)
        return fail(Errc::io, "creating the slot folders", error.value());
    auto text = KIOSK_TRY(read_text(root / STATE_FILE));
    AbSlotModel model;
    if (text) {
        model = KIOSK_TRY(from_json(*text));
    } else {
        model = AbSlotModel::fresh(std::move(initial_version));
        KIOSK_TRY(replace_file(root / STATE_FILE, to_json(model)));
    }
    return std::unique_ptr<DirBootControl>(new DirBootControl(std::move(root), std::move(model)));
}

DirBootControl::DirBootControl(std::filesystem::path root, AbSlotModel model)
    : m_root(std::move(root))
    , m_model(std::move(model))
{
}

DirBootControl::~DirBootControl() = default;

std::filesystem::path DirBootControl::image_path(hal::Slot slot) const
{
    return m_root / (std::string("slot-") + std::string(hal::slot_name(slot))) / "image";
}

Result<void> DirBootControl::commit(AbSlotModel const& next)
{
    KIOSK_TRY(replace_file(m_root / STATE_FILE, to_json(next)));
    m_model = next;
    return {};
}

Result<std::string> DirBootControl::self_test()
{
    // Ask the disk, not the cache: a technician wants to know the state file is readable.
    m_model = KIOSK_TRY(load(m_root));
    return m_model.describe();
}

Result<hal::Slot> DirBootControl::booted_slot() { return m_model.booted; }

Result<hal::SlotStatus> DirBootControl::slot_status(hal::Slot slot) { return m_model.status(slot); }

Result<void> DirBootControl::install(hal::Slot slot, std::filesystem::path const& image, std::string_view version)
{
    KIOSK_TRY(m_model.check_installable(slot));
    std::error_code error;
    if (!std::filesystem::exists(image, error))
        return fail(Errc::not_found, "installing: the update image is missing");

    // From here until the final commit the slot is empty on disk, so a crash cannot leave a
    // half-written image that looks installed.
    AbSlotModel emptied = m_model;
    emptied.slot(slot) = AbSlotModel::SlotModel {};
    if (emptied.next_boot == slot)
        emptied.next_boot.reset();
    KIOSK_TRY(commit(emptied));

    std::filesystem::path const partial = image_path(slot).string() + ".partial";
    auto copied = copy_and_verify(image, partial);
    if (!copied) {
        std::filesystem::remove(partial, error);
        return copied;
    }
    if (::rename(partial.c_str(), image_path(slot).c_str()) != 0)
        return fail(Errc::io, "installing: renaming the verified image", errno);
    KIOSK_TRY(sync_folder(image_path(slot).parent_path()));

    AbSlotModel next = m_model;
    next.installed(slot, version);
    return commit(next);
}

Result<void> DirBootControl::set_next_boot(hal::Slot slot)
{
    AbSlotModel next = m_model;
    KIOSK_TRY(next.set_next_boot(slot));
    return commit(next);
}

Result<void> DirBootControl::mark_good()
{
    AbSlotModel next = m_model;
    next.mark_good();
    return commit(next);
}

Result<void> DirBootControl::mark_bad(hal::Slot slot)
{
    AbSlotModel next = m_model;
    next.mark_bad(slot);
    return commit(next);
}

Result<void> DirBootControl::restart()
{
    AbSlotModel next = m_model;
    next.reboot();
    return commit(next);
}

} // namespace kiosk::drivers
