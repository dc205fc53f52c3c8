// SPDX-License-Identifier: MIT
#pragma once

#include "cli_output.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <utility>
#include <vector>

namespace kiosk::release {

/// Options every kiosk-release verb sees.
struct GlobalOptions {
    bool json = false;
};

using VerbRunner = std::function<cli::Exit(cli::Output const& out, GlobalOptions const& options)>;

/// The verbs of kiosk-release. Each group of verbs (keys, catalog, later update metadata)
/// adds its CLI11 subcommands in its own add_<group>_verbs() and registers one runner per verb.
class VerbSet {
public:
    void add(CLI::App* verb, VerbRunner runner) { m_verbs.emplace_back(verb, std::move(runner)); }

    /// Runs the parsed verb; @p ran tells whether one was parsed.
    cli::Exit run(cli::Output const& out, GlobalOptions const& options, bool& ran) const
    {
        for (auto const& [verb, runner] : m_verbs) {
            if (verb->parsed()) {
                ran = true;
                return runner(out, options);
            }
        }
        ran = false;
        return cli::Exit::usage;
    }

private:
    std::vector<std::pair<CLI::App*, VerbRunner>> m_verbs;
};

/// `keygen`: a new Ed25519 key pair.
void add_key_verbs(CLI::App& app, VerbSet& verbs);
/// `sign-catalog`: validate a catalog JSON and wrap it in a signed package.
void add_catalog_verbs(CLI::App& app, VerbSet& verbs);
/// `init-root`, `add-target`, `sign`, `publish`: the signed update repository (issue 9).
void add_update_verbs(CLI::App& app, VerbSet& verbs);

} // namespace kiosk::release
