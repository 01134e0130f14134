#!/usr/bin/env bash
# Builds CloudEmu if needed and runs `cloudemu serve` with the arguments
# given (see `cloudemu serve --help`). Build output goes to stderr, so the
# first line on stdout is the endpoint line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

bash "$root/scripts/setup.sh" >&2
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$root/build" --target cloudemu_cli -j2 >&2
exec "$root/build/src/cloudemu" serve "$@"
