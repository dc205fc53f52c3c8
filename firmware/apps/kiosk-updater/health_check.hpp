// SPDX-License-Identifier: MIT
#pragma once

#include <update/agent_config.hpp>
#include <update/update_agent.hpp>

#include <functional>
#include <string>

namespace kiosk::updater {

/// The version the booted slot runs ("" when unknown).
using RunningVersion = std::function<std::string()>;

/// The health gate's question, "is the new version healthy?", asked the way the config says:
/// - with `health_report`: the running kiosk writes a JSON report (`{"ok": true, "ui": "up",
///   "devices": [{"role": ..., "result": "ok"}, ...]}`, the shape `kiosk-bench selftest --json`
///   prints) at least every health_max_age; healthy when it is fresh, ok, the UI is up (when the
///   report says) and every device passed; a report naming a `version` other than
///   @p running_version's is not this version's report (firmware/update/README.md);
/// - without: the board is loaded here and every device must answer its self-test.
update::HealthCheck make_health_check(update::UpdaterConfig const& config, RunningVersion running_version = {});

} // namespace kiosk::updater
