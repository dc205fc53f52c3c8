#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# README command 1: installs what is missing, builds, and runs the kiosk stack on the
# simulated board, writing what it showed and printed into an output folder:
#   1. the technician's view: board check, devices, self-test of every device;
#   2. the bench verbs against the sim board's devices and services: a printer test page
#      (PNG in receipts/), a procedure search, a QR decode, a chip read of a test citizen's
#      emulated card, a dossier lookup against the reference gateway on 127.0.0.1;
#   3. the kiosk itself, headless, through the scripted tour (tour/*.png) and through every
#      citizen flow on the sim board with the gateway on 127.0.0.1 (flows/NAME/*.png and
#      flows/NAME/receipts/*.png): procedures, dossier status, chip ID card, printing;
#   4. a signed update published, served by nginx on 127.0.0.1 and installed (update/).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/demo-$(date +%Y%m%d-%H%M%S)}"
scripts/build.sh dev

mkdir -p "$out"
out="$(cd "$out" && pwd)"
export KIOSK_OUT="$out"
bin=build/dev/bin
bench=$bin/kiosk-bench
board=boards/sim/board.toml
status=0
step() { echo "== $* ==" >&2; }

step "board check"
"$bench" board check "$board" | tee "$out/board-check.txt"
"$bench" --json board check "$board" > "$out/board-check.json"
step "devices"
"$bench" --board "$board" devices | tee "$out/devices.txt"
"$bench" --board "$board" devices --json > "$out/devices.json"
step "self-test"
"$bench" --board "$board" selftest | tee "$out/selftest.txt" || status=$?
"$bench" --board "$board" selftest --json > "$out/selftest.json" || status=$?

step "printer: test page (receipts/*.png)"
"$bench" --board "$board" printer status | tee "$out/bench-printer-status.txt" || status=$?
"$bench" --board "$board" --json printer test-page > "$out/bench-printer-test-page.json" || status=$?

step "catalog: search without diacritics"
"$bench" --board "$board" catalog stats | tee "$out/bench-catalog-stats.txt" || status=$?
"$bench" --board "$board" catalog search "dang ky khai sinh" | tee "$out/bench-catalog-search.txt" || status=$?
"$bench" --board "$board" --json catalog search "chung thuc" > "$out/bench-catalog-search.json" || status=$?

step "scanner: decode the sim camera's frames, classify the payload"
"$bench" --json scan decode boards/sim/scan-frames/*.png > "$out/bench-scan-decode.json" || true
"$bench" scan parse "000.00.15.H56-250701-0001" | tee "$out/bench-scan-parse.txt" || status=$?

step "chip ID: read the emulated card of test citizen 'hoa' (PACE-CAN, passive authentication)"
# The test cards are signed under the project's test PKI: its CSCA is the trust anchor here.
build/dev/tests-bin/pn532-emul --write-csca "$out/csca"
"$bench" --json nfc read --reader pn532_emul:persona:hoa --id 038187004512 --csca "$out/csca" \
    > "$out/bench-nfc-read.json" || status=$?
grep -o '"passive_auth":{[^}]*}' "$out/bench-nfc-read.json" >&2 || true

step "dossier status: reference gateway on 127.0.0.1 with demo data"
rm -f "$out/gateway.sqlite"
# --today: the demo data's dates are relative to the day the kiosk's scenarios run on.
coproc gateway { exec "$bin/kiosk-gateway" --listen 127.0.0.1:0 --db "$out/gateway.sqlite" --demo \
    --today 2025-07-01 --csca "$out/csca" 2> "$out/gateway.log"; }
gateway_pid=$gateway_PID
trap 'kill "$gateway_pid" 2>/dev/null || true' EXIT
ready=""
read -r -t 30 ready <&"${gateway[0]}" || true
url="${ready#listening on }"
if [ -n "$ready" ] && [ "$url" != "$ready" ]; then
    "$bench" status get H40.50-DEMO-0003 --gateway "$url" | tee "$out/bench-status-get.txt" || status=$?
    "$bench" --json status get H40.50-DEMO-0003 --gateway "$url" > "$out/bench-status-get.json" || status=$?
else
    echo "demo: the gateway did not start (see $out/gateway.log)" >&2
    status=1
fi

step "kiosk: headless tour of the screens (tour/*.png)"
"$bin/kiosk" --board "$board" --scenario tests/ui/scenarios/tour.txt --out "$out/tour" || status=$?

mkdir -p "$out/flows"
for flow in procedures dossier chip print; do
    step "kiosk: the $flow flow, headless (flows/$flow/*.png)"
    "$bin/kiosk" --board "$board" --scenario "tests/ui/scenarios/$flow.txt" --out "$out/flows/$flow" \
        --gateway "$url" --csca "$out/csca" --lookup-cache "$out/flows/lookup-cache.sqlite" \
        2> "$out/flows/$flow.log" || { status=1; tail -3 "$out/flows/$flow.log" >&2; }
    tail -1 "$out/flows/$flow.log" >&2
done
kill "$gateway_pid" 2>/dev/null || true

step "update: publish, serve, install into the sim board's A/B slots"
scripts/demo/update.sh "$out" "$(pwd)/$bin" > "$out/update.log" 2>&1 || { status=1; tail -20 "$out/update.log" >&2; }
tail -4 "$out/update.log"

echo
echo "demo output written to $out"
exit "$status"
