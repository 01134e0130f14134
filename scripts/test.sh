#!/usr/bin/env bash
# Builds CloudEmu and runs every test: the unit tests, the CLI and package
# tests and the conformance suite (real boto3 / aws CLI / Terraform clients)
# on a RelWithDebInfo build, then the unit tests again under ASan + UBSan.
# Also regenerates docs/coverage.md from the code.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/setup.sh

echo "== RelWithDebInfo build (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j2
build/src/cloudemu coverage > docs/coverage.md

status=0
echo "== tests: unit, package, conformance"
ctest --test-dir build -L 'unit|package|conformance' --output-on-failure || status=1

echo "== ASan + UBSan build (build-asan/)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCLOUDEMU_SANITIZE=ON -DCLOUDEMU_BUILD_BENCH=OFF
cmake --build build-asan -j2
echo "== tests under the sanitizers: unit"
ctest --test-dir build-asan -L unit --output-on-failure || status=1

exit $status
