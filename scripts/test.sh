#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# README command 2: installs what is missing, builds, and runs the whole test suite with CTest
# (everything but the `hardware` and `bench` labels).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh dev
ctest --preset dev -j "$(nproc)"
