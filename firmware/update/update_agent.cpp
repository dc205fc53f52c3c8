// SPDX-License-Identifier: MIT
#include "update/update_agent.hpp"

#include "update/atomic_file.hpp"
#include "update/file_hash.hpp"
#include "update/metadata_client.hpp"

#include <nlohmann/json.hpp>

#include <system_error>
#include <utility>

namespace kiosk::update {

using nlohmann::json;

namespace {

    constexpr char const* STATE_FILE = "agent.json";

    json target_json(TargetInfo const& target)
    {
        return { { "name", target.name }, { "length", target.length }, { "sha256", target.sha256 },
            { "version", target.version }, { "board", target.board } };
    }

    std::optional<TargetInfo> target_from(json const& item)
    {
        if (!item.is_object() || !item.contains("name") || !item["name"].is_string() || !item.contains("length")
            || !item["length"].is_number_unsigned() || !item.contains("sha256") || !item["sha256"].is_string()
            || !item.contains("version") || !item["version"].is_string() || !item.contains("board")
            || !item["board"].is_string())
            return std::nullopt;
        TargetInfo target;
        target.name = item["name"].get<std::string>();
        target.length = item["length"].get<std::uint64_t>();
        target.sha256 = item["sha256"].get<std::string>();
        target.version = item["version"].get<std::string>();
        target.board = item["board"].get<std::string>();
        if (!safe_target_name(target.name))
            return std::nullopt;
        return target;
    }

    std::string to_text(AgentState const& state)
    {
        json body { { "phase", phase_name(state.phase) }, { "previous_version", state.previous_version },
            { "last_result", state.last_result }, { "last_check", state.last_check },
            { "failed_version", state.failed_version } };
        body["target"] = state.target ? target_json(*state.target) : json();
        body["trial_started"] = state.trial_started ? json(format_utc(*state.trial_started)) : json();
        return body.dump(2) + "\n";
    }

    Result<AgentState> from_text(std::string const& text)
    {
        auto const body = json::parse(text, nullptr, false);
        auto const malformed = fail(Errc::malformed, "reading the update agent's state file agent.json");
        if (body.is_discarded() || !body.is_object() || !body.contains("phase") || !body["phase"].is_string())
            return malformed;
        AgentState state;
        auto const phase = body["phase"].get<std::string>();
        if (phase == "idle")
            state.phase = Phase::idle;
        else if (phase == "downloaded")
            state.phase = Phase::downloaded;
        else if (phase == "trial")
            state.phase = Phase::trial;
        else
            return malformed;
        if (body.contains("target") && !body["target"].is_null()) {
            state.target = target_from(body["target"]);
            if (!state.target)
                return malformed;
        }
        if (state.phase != Phase::idle && !state.target)
            return malformed;
        if (body.contains("previous_version") && body["previous_version"].is_string())
            state.previous_version = body["previous_version"].get<std::string>();
        if (body.contains("last_result") && body["last_result"].is_string())
            state.last_result = body["last_result"].get<std::string>();
        if (body.contains("last_check") && body["last_check"].is_string())
            state.last_check = body["last_check"].get<std::string>();
        if (body.contains("failed_version") && body["failed_version"].is_string())
            state.failed_version = body["failed_version"].get<std::string>();
        if (body.contains("trial_started") && body["trial_started"].is_string())
            state.trial_started = parse_utc(body["trial_started"].get<std::string>());
        return state;
    }

} // namespace

std::string_view phase_name(Phase phase) noexcept
{
    switch (phase) {
    case Phase::idle:
        return "idle";
    case Phase::downloaded:
        return "downloaded";
    case Phase::trial:
        return "trial";
    }
    return "?";
}

UpdateAgent::UpdateAgent(AgentConfig config, hal::BootControl& boot, Checkpoint checkpoint, AgentState state)
    : m_config(std::move(config))
    , m_boot(&boot)
    , m_checkpoint(std::move(checkpoint))
    , m_state(std::move(state))
{
}

Result<UpdateAgent> UpdateAgent::open(AgentConfig config, hal::BootControl& boot, Checkpoint checkpoint)
{
    // Fails early on an untrustworthy initial root, before any network traffic.
    KIOSK_TRY(MetadataClient::open(config.state_dir / "metadata", config.initial_root));
    std::error_code error;
    std::filesystem::create_directories(config.state_dir / "downloads", error);
    if (error)
        return fail(Errc::io, "creating the update download folder", error.value());
    auto const text = KIOSK_TRY(read_file_if_any(config.state_dir / STATE_FILE));
    AgentState state;
    if (text)
        state = KIOSK_TRY(from_text(*text));
    return UpdateAgent(std::move(config), boot, std::move(checkpoint), std::move(state));
}

Result<void> UpdateAgent::save() { return write_file_atomically(m_config.state_dir / STATE_FILE, to_text(m_state)); }

void UpdateAgent::checkpoint(std::string_view step, std::uint64_t bytes) const
{
    if (m_checkpoint)
        m_checkpoint(step, bytes);
}

std::filesystem::path UpdateAgent::download_path(TargetInfo const& target) const
{
    // Target names are checked by safe_target_name(); flatten the folders anyway.
    std::string flat = target.name;
    for (char& c : flat) {
        if (c == '/')
            c = '_';
    }
    return m_config.state_dir / "downloads" / flat;
}

Result<std::string> UpdateAgent::installed_version() const
{
    auto const booted = KIOSK_TRY(m_boot->booted_slot());
    auto const status = KIOSK_TRY(m_boot->slot_status(booted));
    return status.version;
}

Result<std::optional<TargetInfo>> UpdateAgent::check(std::chrono::sys_seconds now) const
{
    auto client = KIOSK_TRY(MetadataClient::open(m_config.state_dir / "metadata", m_config.initial_root));
    std::string const base = m_config.repository_url + "/metadata/";
    auto const& limits = m_config.limits;
    auto const targets = KIOSK_TRY(client.refresh(
        [&](std::string const& name, std::uint64_t max_bytes) { return fetch_text(base + name, max_bytes, limits); },
        now));
    auto const installed = KIOSK_TRY(installed_version());
    return choose_target(targets, m_config.board, installed, m_config.kiosk_id, m_config.groups);
}

Result<std::optional<TargetInfo>> UpdateAgent::download(std::chrono::sys_seconds now)
{
    auto const checked = check(now);
    if (checked && *checked && !m_state.failed_version.empty() && (*checked)->version == m_state.failed_version) {
        m_state.last_check = "skipped " + m_state.failed_version + " (rolled back before; waiting for a newer one)";
        KIOSK_TRY(save());
        return std::optional<TargetInfo>();
    }
    m_state.last_check = !checked ? "failed: " + checked.error().message()
        : *checked               ? "update " + (*checked)->version
                                 : "up_to_date";
    // A repository that cannot be trusted (bad signature, expired, rolled back, mixed) is an
    // update refused, worth the operator's eye; a network failure is only a poll that failed.
    if (!checked && checked.error().code() == Errc::refused)
        m_state.last_result = "refused: " + checked.error().message();
    KIOSK_TRY(save());
    auto const target = KIOSK_TRY(checked);
    if (!target)
        return std::optional<TargetInfo>();
    auto const verified = download_path(*target);
    if (m_state.phase == Phase::downloaded && m_state.target && m_state.target->name == target->name
        && verify_file(verified, target->length, target->sha256))
        return target;

    auto const partial = verified.string() + ".partial";
    auto limits = m_config.limits;
    limits.expected_bytes = target->length;
    auto fetched = update::download(m_config.repository_url + "/targets/" + target->name, partial, limits,
        [this](std::uint64_t on_disk) { checkpoint("downloading", on_disk); });
    if (!fetched) {
        m_state.last_result = "download_failed: " + fetched.error().message();
        KIOSK_TRY(save());
        return Unexpected(fetched.error());
    }
    auto const good = verify_file(partial, target->length, target->sha256);
    if (!good) {
        // A file that does not match its signed hash is of no use for a resume either.
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        m_state.last_result = "refused: " + good.error().message();
        KIOSK_TRY(save());
        return Unexpected(good.error());
    }
    std::error_code error;
    std::filesystem::rename(partial, verified, error);
    if (error)
        return fail(Errc::io, "keeping the verified download", error.value());
    m_state.phase = Phase::downloaded;
    m_state.target = target;
    m_state.last_result = "downloaded " + target->version;
    KIOSK_TRY(save());
    checkpoint("verified");
    return target;
}

Result<std::optional<TargetInfo>> UpdateAgent::install(std::chrono::sys_seconds now)
{
    if (m_state.phase == Phase::trial)
        return m_state.target;
    auto const target = KIOSK_TRY(download(now));
    if (!target)
        return std::optional<TargetInfo>();
    auto const booted = KIOSK_TRY(m_boot->booted_slot());
    auto const slot = hal::other_slot(booted);
    auto const previous = KIOSK_TRY(installed_version());
    KIOSK_TRY(m_boot->install(slot, download_path(*target), target->version));
    checkpoint("installed");
    KIOSK_TRY(m_boot->set_next_boot(slot));
    checkpoint("switched");
    m_state.phase = Phase::trial;
    m_state.previous_version = previous;
    m_state.trial_started = now;
    m_state.last_result = "on_trial " + target->version;
    KIOSK_TRY(save());
    checkpoint("restarting");
    KIOSK_TRY(m_boot->restart());
    return target;
}

Result<AgentState> UpdateAgent::gate(HealthCheck const& health, std::chrono::sys_seconds now)
{
    if (m_state.phase != Phase::trial || !m_state.target)
        return m_state;
    auto booted = KIOSK_TRY(m_boot->booted_slot());
    auto status = KIOSK_TRY(m_boot->slot_status(booted));
    if (status.version != m_state.target->version) {
        auto const other = KIOSK_TRY(m_boot->slot_status(hal::other_slot(booted)));
        if (other.state == hal::SlotState::trial && other.version == m_state.target->version) {
            // Killed after the switch but before the restart: restart now.
            KIOSK_TRY(m_boot->restart());
            booted = KIOSK_TRY(m_boot->booted_slot());
            status = KIOSK_TRY(m_boot->slot_status(booted));
        }
    }
    if (status.version != m_state.target->version) {
        // The boot loader went back to the old slot: the new one used up its boot attempt
        // (it crashed or hung before it could be marked good).
        m_state.phase = Phase::idle;
        m_state.failed_version = m_state.target->version;
        m_state.last_result = "rolled_back: " + m_state.target->version + " did not come up; running "
            + status.version + " again";
        KIOSK_TRY(save());
        return m_state;
    }
    auto const healthy = health ? health() : Result<void> {};
    if (healthy) {
        KIOSK_TRY(m_boot->mark_good());
        std::error_code ignored;
        std::filesystem::remove(download_path(*m_state.target), ignored);
        m_state.phase = Phase::idle;
        m_state.last_result = "installed " + m_state.target->version;
        KIOSK_TRY(save());
        return m_state;
    }
    auto const started = m_state.trial_started.value_or(now);
    if (now < started + m_config.health_deadline) {
        m_state.last_result = "on_trial " + m_state.target->version + ": " + healthy.error().message();
        KIOSK_TRY(save());
        return m_state;
    }
    KIOSK_TRY(m_boot->mark_bad(booted));
    m_state.phase = Phase::idle;
    m_state.failed_version = m_state.target->version;
    m_state.last_result = "rolled_back: " + m_state.target->version + " failed its health check ("
        + healthy.error().message() + ")";
    KIOSK_TRY(save());
    KIOSK_TRY(m_boot->restart());
    return m_state;
}

Result<void> UpdateAgent::mark_good(HealthCheck const& health, std::chrono::sys_seconds now)
{
    if (health)
        KIOSK_TRY(health());
    KIOSK_TRY(m_boot->mark_good());
    if (m_state.phase == Phase::trial && m_state.target) {
        m_state.phase = Phase::idle;
        m_state.last_result = "installed " + m_state.target->version + " (marked good by hand at " + format_utc(now) + ")";
    }
    return save();
}

Result<void> UpdateAgent::rollback(std::chrono::sys_seconds now)
{
    auto const booted = KIOSK_TRY(m_boot->booted_slot());
    auto const other = KIOSK_TRY(m_boot->slot_status(hal::other_slot(booted)));
    if (other.state != hal::SlotState::good)
        return fail(Errc::not_ready, "rolling back: the other slot holds no good system");
    auto const current = KIOSK_TRY(m_boot->slot_status(booted));
    KIOSK_TRY(m_boot->mark_bad(booted));
    m_state.phase = Phase::idle;
    m_state.failed_version = current.version;
    m_state.last_result = "rolled_back by hand at " + format_utc(now) + " to " + other.version;
    KIOSK_TRY(save());
    return m_boot->restart();
}

} // namespace kiosk::update
