#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing and builds one preset (default: dev) into build/<preset>/.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-dev}"
scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
