#!/usr/bin/env bash
# Installs the Debian packages CloudEmu builds and tests with. Runs
# `apt-get update` only when something is missing; never downloads binaries.
set -euo pipefail

packages=(
  cmake make g++ ccache pkg-config
  libcpp-httplib-dev rapidjson-dev liblmdb-dev libcli11-dev libgtest-dev libgmock-dev libssl-dev zlib1g-dev
  wrk
)
# The build reads the AWS service models from botocore; any python3 that has
# it will do (a virtualenv's, pyenv's), else Debian's.
if ! python3 -c 'import botocore' > /dev/null 2>&1; then
  packages+=(python3-botocore)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2> /dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi
echo "setup: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
