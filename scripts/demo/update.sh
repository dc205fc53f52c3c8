#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Demo part: publish a signed update with kiosk-release, serve it with nginx on 127.0.0.1,
# and let kiosk-updater install it into the sim board's A/B slots (OUT/slots), run it on
# trial and mark it good once the board's self-test says it is healthy.
# Usage: scripts/demo/update.sh OUT_DIR BUILD_BIN_DIR
set -euo pipefail
out="$1"
bin="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$out/update"
rm -rf "$work"
mkdir -p "$work/keys" "$work/kiosk" "$work/nginx/temp"
export KIOSK_OUT="$out"

release="$bin/kiosk-release"
for role in root timestamp snapshot targets; do
    "$release" keygen --out "$work/keys/$role" > /dev/null
done
"$release" init-root --repo "$work/repo" --root-key "$work/keys/root.pub" --timestamp-key "$work/keys/timestamp.pub" \
    --snapshot-key "$work/keys/snapshot.pub" --targets-key "$work/keys/targets.pub" --sign "$work/keys/root.key"
# The "image": a stand-in system image of 8 MiB (a real one comes from the image build).
head -c 8388608 /dev/urandom > "$work/kiosk-9.9.0.img"
"$release" add-target --repo "$work/repo" --board sim --version 9.9.0 "$work/kiosk-9.9.0.img"
"$release" sign --repo "$work/repo" --targets-key "$work/keys/targets.key" --snapshot-key "$work/keys/snapshot.key" \
    --timestamp-key "$work/keys/timestamp.key"
"$release" --json publish "$work/repo" --to "$work/www" > "$work/publish.json"

# A static web server, as a fleet would use; a free port on loopback.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/nginx/nginx.conf" <<CONF
daemon off; master_process off; worker_processes 1; pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 32; }
http { access_log off; client_body_temp_path $work/nginx/temp; default_type application/octet-stream;
  server { listen 127.0.0.1:$port; root $work/www; } }
CONF
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 $nginx_pid 2>/dev/null || { echo "update demo: nginx did not start" >&2; exit 1; }
    sleep 0.05
done

cp "$work/repo/metadata/root.json" "$work/kiosk/root.json"
cat > "$work/kiosk/updater.toml" <<CONF
[updater]
repository_url = "http://127.0.0.1:$port"
initial_root = "root.json"
state_dir = "state"
board_file = "$root/boards/sim/board.toml"
kiosk_id = "demo-kiosk-01"
health_report = "health.json"
health_deadline_s = 300
CONF
updater=("$bin/kiosk-updater" --config "$work/kiosk/updater.toml")
"${updater[@]}" status | tee "$work/status-before.txt"
"${updater[@]}" --json check > "$work/check.json"
"${updater[@]}" install | tee "$work/install.txt"
# The running kiosk's health report; today the bench's self-test of the sim board stands in.
"$bin/kiosk-bench" --board "$root/boards/sim/board.toml" selftest --json > "$work/kiosk/health.json" || true
"${updater[@]}" run --once | tee "$work/run.txt"
"${updater[@]}" status | tee "$work/status-after.txt"
"${updater[@]}" --json status > "$work/status-after.json"
