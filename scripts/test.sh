#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what it needs on a fresh Debian machine that has
# the Rust toolchain, Python 3 with pip, gcc and apt, then runs every check. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}" INSTA_UPDATE=no RUST_BACKTRACE=1
start=$(date +%s)
step() { printf '\n=== %s (%ss)\n' "$1" "$(( $(date +%s) - start ))"; }

step "system packages"
# What the tests use: pkg-config and cmake (the installed C library), pcscd and vsmartcard-vpcd (the
# card through a real PC/SC service; pcscd brings libpcsclite1, which the library opens at run
# time: no -dev package is needed to build), valgrind, gcc, g++ (the C tests, as C and C++),
# python3-venv (the wheel's tests), graphviz (the lifecycle diagram), mingw-w64 and wine64 (the
# Windows DLL and its tests), default-jre-headless (the Java of PySpark in local mode:
# examples/python/spark_validate.py).
packages=(pkg-config cmake pcscd vsmartcard-vpcd valgrind gcc g++ python3-venv graphviz gcc-mingw-w64-x86-64 wine64
  default-jre-headless)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

step "generated data is what the generators write from the pinned sources"
python3 scripts/gen_nomenclatures.py --check
python3 scripts/gen_phone_patterns.py >/dev/null
git diff --exit-code -- rppsplus-core/src/ids/phone/patterns.rs
python3 scripts/gen_demandes_csv.py --from-json examples/data/demandes.json --out examples/data/demandes.csv \
  --encoding cp1252 --check
python3 tests/collection/make_collection.py --check

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (all targets, all features, -D warnings)"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "cargo test (workspace, all features; includes the header freshness check)"
cargo test --workspace --all-features

step "release builds (C library, CLI)"
cargo build --release -p rppsplus-ffi -p rppsplus-cli

step "the lifecycle diagram is what the core's table draws"
bash scripts/gen_lifecycle.sh
git diff --exit-code -- docs/lifecycle.svg

step "C tests (gcc -std=c99 -Werror, ASan/UBSan, valgrind)"
bash scripts/test-c.sh

step "C library as installed (scripts/install-c.sh into a temporary prefix; pkg-config, CMake, a vendor's .so)"
RPPSPLUS_SKIP_BUILD=1 bash scripts/test-install-c.sh

step "Windows DLL (x86_64-pc-windows-gnu with mingw-w64; the C tests under wine)"
bash scripts/test-windows.sh

step "Python sdist, the manylinux wheel built from it, pytest on the lowest and highest CPython, stubtest"
bash scripts/test-python.sh

step "PC/SC end-to-end: the simulated CPx card through one pcscd and vpcd, from Rust, C (valgrind), the CLI and Python (scripts/pcscd-e2e.sh)"
bash scripts/pcscd-e2e.sh

step "Rust example"
cargo run -q -p rppsplus-core --example check_identifiers

step "CLI on the sample data (the README's first command)"
expect_exit() { # expect_exit CODE COMMAND...: the sample data hold invalid values on purpose
  local want=$1 got=0
  shift
  "$@" || got=$?
  [ "$got" -eq "$want" ] || { echo "expected exit $want from: $*; got $got"; exit 1; }
}
expect_exit 1 target/release/rppsplus validate examples/data/demandes.csv --reference-date 2026-11-22
expect_exit 1 target/release/rppsplus validate examples/data/demandes.json --reference-date 2026-11-22 --format json >/dev/null
expect_exit 1 target/release/rppsplus check rpps < examples/data/rpps.txt
expect_exit 0 target/release/rppsplus workflow run examples/data/scenario.json >/dev/null

step "CLI contract"
contract=../shared/tools/contract-check
if [ -x "$contract" ] || [ -f "$contract" ]; then
  python3 "$contract" target/release/rppsplus
else
  echo "skipped: $contract not found beside the repository"
fi

step "all checks passed"
