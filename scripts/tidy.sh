#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs clang-tidy (configuration: .clang-tidy) over the project's sources in a build's compile
# database: all of them, or only the files given.
# Usage: scripts/tidy.sh [BUILD_DIR [FILE...]]   (default: build/dev, every source)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/dev}"
shift || true
root="$(pwd)"
[ -f "$build/compile_commands.json" ] || { echo "tidy: no $build/compile_commands.json; build first" >&2; exit 2; }
if [ $# -gt 0 ]; then
    files=()
    for file in "$@"; do files+=("^$root/$file\$"); done
    pattern="$(IFS='|'; echo "${files[*]}")"
else
    pattern="^$root/(hal|drivers|firmware|ui|tests)/"
fi
run-clang-tidy-14 -quiet -p "$build" -j "$(nproc)" \
    -header-filter="^$root/(hal|drivers|firmware|ui|tests)/" \
    "$pattern" > "$build/clang-tidy.log" 2>&1 || {
    grep -E 'warning:|error:' "$build/clang-tidy.log" | sort -u | head -100
    echo "tidy: clang-tidy found problems (full log: $build/clang-tidy.log)" >&2
    exit 1
}
echo "tidy: clean" >&2
