#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs clang-tidy (configuration: .clang-tidy) over every project source in a build's
# compile database. Usage: scripts/tidy.sh [BUILD_DIR]   (default: build/dev)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/dev}"
root="$(pwd)"
[ -f "$build/compile_commands.json" ] || { echo "tidy: no $build/compile_commands.json; build first" >&2; exit 2; }
run-clang-tidy-14 -quiet -p "$build" -j "$(nproc)" \
    -header-filter="^$root/(hal|drivers|firmware|ui|tests)/" \
    "^$root/(hal|drivers|firmware|ui|tests)/" > "$build/clang-tidy.log" 2>&1 || {
    grep -E 'warning:|error:' "$build/clang-tidy.log" | sort -u | head -100
    echo "tidy: clang-tidy found problems (full log: $build/clang-tidy.log)" >&2
    exit 1
}
echo "tidy: clean" >&2
