#!/usr/bin/env bash
# Installs a CloudEmu build to a temporary prefix, then builds and runs
# examples/basic_test against the installed CMake package, a small program
# against the pkg-config file, and the installed cloudemu command.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR CXX_COMPILER
set -euo pipefail
build_dir=$1
source_dir=$2
cxx=$3

prefix=$(mktemp -d "${TMPDIR:-/tmp}/cloudemu-package.XXXXXX")
trap 'rm -rf "$prefix"' EXIT

echo "== cmake --install $build_dir --prefix $prefix"
cmake --install "$build_dir" --prefix "$prefix" > "$prefix/install.log"

echo "== building examples/basic_test against $prefix"
cmake -S "$source_dir/examples/basic_test" -B "$prefix/example-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$prefix/configure.log"
cmake --build "$prefix/example-build" -j2
ctest --test-dir "$prefix/example-build" --output-on-failure

echo "== building against the pkg-config file"
cat > "$prefix/pc_main.cc" <<'CC'
#include <cloudemu/cloud.h>
#include <cstdio>
int main() {
  cloudemu::Cloud cloud;
  if (!cloud.S3().CreateBucket("from-pkg-config").ok()) return 1;
  auto buckets = cloud.S3().ListBuckets();
  if (!buckets.ok() || buckets->size() != 1) return 1;
  std::puts("pkg-config build works");
  return 0;
}
CC
libdir=$(dirname "$(find "$prefix" -name cloudemu.pc -path '*/pkgconfig/*' | head -n1)")/..
flags=$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs cloudemu)
# shellcheck disable=SC2086  # pkg-config output is a list of words
"$cxx" "$prefix/pc_main.cc" -o "$prefix/pc_main" $flags
LD_LIBRARY_PATH="$libdir" "$prefix/pc_main"

echo "== the installed cloudemu command"
"$prefix/bin/cloudemu" --help > /dev/null
echo "package test passed"
