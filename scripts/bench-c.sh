#!/usr/bin/env bash
# Per-call overhead of rppsplus_rpps_validate through the C API (target: < 100 ns/call).
# Builds the release staticlib and rppsplus-ffi/tests/c/bench_rpps.c with -O2, then runs it.
# Usage: bash scripts/bench-c.sh [calls-per-input]   (default 10000000)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
OUT="$TARGET_DIR/c-tests"
mkdir -p "$OUT"
cargo build --release -p rppsplus-ffi
gcc -std=c99 -O2 -Wall -Wextra -Wpedantic -Werror -Iinclude rppsplus-ffi/tests/c/bench_rpps.c \
  "$TARGET_DIR/release/librppsplus.a" -lpthread -ldl -lm -o "$OUT/bench_rpps"
"$OUT/bench_rpps" "$@"
