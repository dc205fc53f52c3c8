// SPDX-License-Identifier: MIT
#pragma once

#include "update/download.hpp"
#include "update/metadata.hpp"

#include <kiosk/hal/boot_control.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::update {

/// What the agent needs to know (the updater's config file).
struct AgentConfig {
    /// Base URL of the published repository: metadata at URL/metadata/, images at URL/targets/.
    std::string repository_url;
    /// The root metadata installed with the firmware image (trusted on first use only).
    std::filesystem::path initial_root;
    /// Trusted metadata, partial downloads and the agent's own state live here.
    std::filesystem::path state_dir;
    std::string board;
    std::string kiosk_id;
    std::vector<std::string> groups;
    DownloadLimits limits;
    /// How long a new version may run on trial without proving itself healthy.
    std::chrono::seconds health_deadline { 300 };
};

/// Where an update stands; kept in state_dir/agent.json so a restart (or a power cut)
/// picks up from the last step that completed.
enum class Phase {
    idle,       ///< nothing pending
    downloaded, ///< the image is on disk and matches the signed length and SHA-256
    trial,      ///< installed, switched, restarted: the new version runs on trial
};

std::string_view phase_name(Phase phase) noexcept;

/// The agent's persisted state.
struct AgentState {
    Phase phase = Phase::idle;
    std::optional<TargetInfo> target;
    std::string previous_version;
    std::optional<std::chrono::sys_seconds> trial_started;
    std::string last_result; ///< outcome of the last update: "installed 1.6.0", "rolled_back: ...", "refused: ...", ...
    std::string last_check;  ///< outcome of the last poll: "up_to_date", "update 1.6.0", "failed: ..."
    /// The version last rolled back (failed health check, crash loop, operator): not installed
    /// again until the repository offers another one, so a bad release cannot loop the kiosk
    /// through install and rollback every poll.
    std::string failed_version;
};

/// Asks the running kiosk whether it is healthy (UI up, every device answers its self-test).
/// @return the failure reason when it is not.
using HealthCheck = std::function<Result<void>()>;

/// A named point between two steps ("verified", "installed", "switched", "restarting"), or
/// "downloading" with the bytes on disk after each chunk. The
/// updater's deterministic crash hook for power-loss tests is installed here.
using Checkpoint = std::function<void(std::string_view step, std::uint64_t bytes)>;

/// The update agent: check, download (resumable), verify, install into the inactive slot,
/// switch and restart, then a health-gated trial that ends in mark-good or automatic rollback.
/// Every step is idempotent and the state is saved after each, so the agent can be killed
/// at any point and run again. One thread only.
class UpdateAgent {
public:
    /// @return Errc::malformed / not_found if the initial root cannot be trusted.
    static Result<UpdateAgent> open(AgentConfig config, hal::BootControl& boot, Checkpoint checkpoint = {});

    /// The version the booted slot runs.
    [[nodiscard]] Result<std::string> installed_version() const;

    /// Refreshes the metadata and picks the target for this kiosk.
    /// @return std::nullopt when up to date; Errc::refused when the repository cannot be
    ///         trusted (signature, expiry, rollback, mix-and-match), network errors as they are.
    Result<std::optional<TargetInfo>> check(std::chrono::sys_seconds now) const;

    /// check() and then downloads the target (resuming a partial file) and verifies it.
    /// @return the verified target, std::nullopt when up to date; Errc::refused when the image
    ///         does not match the signed length or hash (the bad file is deleted).
    Result<std::optional<TargetInfo>> download(std::chrono::sys_seconds now);

    /// download() if needed, then writes the inactive slot, chooses it for the next boot and
    /// restarts through BootControl. On the sim and dir boot controls the call returns with
    /// the new slot booted on trial. @return std::nullopt when up to date.
    Result<std::optional<TargetInfo>> install(std::chrono::sys_seconds now);

    /// The trial's verdict: healthy -> mark good; unhealthy past the deadline, or booted back
    /// into the old slot by the boot loader (a crash loop used up the boot attempt) -> roll back.
    /// Outside a trial it does nothing. @return the state after the verdict.
    Result<AgentState> gate(HealthCheck const& health, std::chrono::sys_seconds now);

    /// Marks the booted slot good now (operator's override; health checked first).
    Result<void> mark_good(HealthCheck const& health, std::chrono::sys_seconds now);

    /// Goes back to the other slot now (operator's command) if it holds a good system.
    /// @return Errc::not_ready when there is nothing to go back to.
    Result<void> rollback(std::chrono::sys_seconds now);

    [[nodiscard]] AgentState const& state() const noexcept { return m_state; }

private:
    UpdateAgent(AgentConfig config, hal::BootControl& boot, Checkpoint checkpoint, AgentState state);

    Result<void> save();
    void checkpoint(std::string_view step, std::uint64_t bytes = 0) const;
    [[nodiscard]] std::filesystem::path download_path(TargetInfo const& target) const;

    AgentConfig m_config;
    hal::BootControl* m_boot;
    Checkpoint m_checkpoint;
    AgentState m_state;
};

} // namespace kiosk::update
