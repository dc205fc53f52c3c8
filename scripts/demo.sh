#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# README command 1: installs what is missing, builds, and runs the kiosk stack on the
# simulated board, writing what it showed and printed into an output folder.
#
# Today the kiosk's screens are not written yet (issue 8), so the tour is the technician's
# view: the bench lists the sim board's devices and self-tests each one. Later issues grow
# this script (gateway on loopback with demo data, the kiosk in a window or headless).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/demo-$(date +%Y%m%d-%H%M%S)}"
scripts/build.sh dev

mkdir -p "$out"
out="$(cd "$out" && pwd)"
export KIOSK_OUT="$out"
bench=build/dev/bin/kiosk-bench
board=boards/sim/board.toml

echo "== board check ==" >&2
"$bench" board check "$board" | tee "$out/board-check.txt"
"$bench" --json board check "$board" > "$out/board-check.json"
echo "== devices ==" >&2
"$bench" --board "$board" devices | tee "$out/devices.txt"
"$bench" --board "$board" devices --json > "$out/devices.json"
echo "== self-test ==" >&2
status=0
"$bench" --board "$board" selftest | tee "$out/selftest.txt" || status=$?
"$bench" --board "$board" selftest --json > "$out/selftest.json" || status=$?

echo
echo "demo output written to $out"
exit "$status"
