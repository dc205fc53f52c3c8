#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs every Debian 12 package the build, the tests and their peers need. Idempotent:
# quiet and quick when everything is there (checked with dpkg, not command -v).
set -euo pipefail

PACKAGES=(
    # toolchain
    build-essential cmake ninja-build pkg-config git python3
    clang clang-tidy clang-format libclang-rt-14-dev
    # libraries
    libcpputest-dev libspdlog-dev libfmt-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
    libutf8proc-dev libsqlite3-dev libssl-dev libcurl4-openssl-dev libcpp-httplib-dev libbenchmark-dev
    # devices: SDL2 (UI, printer text rendering), USB, NFC, camera decoding
    libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev fonts-noto-core libusb-1.0-0-dev libnfc-dev libnfc-bin
    libzxing-dev libzbar-dev libevdev-dev libopenjp2-7-dev libpng-dev libjpeg-dev libespeak-ng-dev espeak-ng-data
    # real peers for the tests: fake USB, pty pairs, independent decoders and readers
    libumockdev-dev umockdev socat zbar-tools tesseract-ocr tesseract-ocr-vie qrencode imagemagick
    zint
    sqlite3 openssl mrtdreader wrk nginx-light
    # the RAUC boot control's command-line tool (bundle creation and inspection run here;
    # mksquashfs builds bundles; dbus-daemon gives the tests a private bus for the RAUC service)
    rauc squashfs-tools dbus
)

missing=()
for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done" >&2
