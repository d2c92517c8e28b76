#!/usr/bin/env bash
# Every face through one real pcscd (docs/cards.md): the Rust SimCard (synthetic data) is served
# to vsmartcard's vpcd reader on 127.0.0.1:35963 and read back through the PC/SC library
#   - from Rust: rppsplus-core/tests/cpx_pcsc_e2e.rs;
#   - from C: rppsplus-ffi/tests/c/test_card.c under valgrind, launched by
#     rppsplus-ffi/tests/card_e2e.rs, which serves the card;
#   - from the CLI: rppsplus-cli/tests/card.rs (`rppsplus card`, the PIN on stdin);
#   - from Python: rppsplus-py/tests/test_cpx_e2e.py (the wheel installed in $VENV).
# Needs pcscd and vsmartcard-vpcd (scripts/test.sh installs them), gcc and valgrind, and the
# wheel installed by scripts/test-python.sh (VENV, default target/python-tests/venvs/default, its
# venv of python3). Builds the release C library
# if need be (a no-op after scripts/test.sh's release build).
# Starts `pcscd --foreground` once for all of them and stops it by its PID on exit; reuses a
# pcscd already running. The tests see RPPSPLUS_PCSC_E2E=1; without it they skip themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
VENV=${VENV:-$ROOT/$TARGET_DIR/python-tests/venvs/default}
OUT="$TARGET_DIR/c-tests"
log="$(mktemp -t pcscd-e2e.XXXXXX)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT

start=$(date +%s)
face() { printf '\n--- %s (%ss)\n' "$1" "$(($(date +%s) - start))"; }

face "pcscd"
if pidof pcscd >/dev/null; then
  echo "pcscd already running: reused"
else
  command -v pcscd >/dev/null || { echo "pcscd is not installed (apt-get install pcscd vsmartcard-vpcd)"; exit 1; }
  # --debug without --apdu: the commands (a PIN among them) are never logged.
  pcscd --foreground --debug >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    [ -S /run/pcscd/pcscd.comm ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "pcscd started (PID $pid)"
fi
export RPPSPLUS_PCSC_E2E=1

status=0
run() { "$@" || status=$?; }

face "C program (test_card.c) built against the release library"
cargo build -q --release -p rppsplus-ffi
mkdir -p "$OUT"
gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -Iinclude -Irppsplus-ffi/tests/c -g -O1 rppsplus-ffi/tests/c/test_card.c \
  "$TARGET_DIR/release/librppsplus.a" -lpthread -ldl -lm -o "$OUT/test_card-e2e"

face "Rust (core), C under valgrind (ffi), CLI: one cargo test run"
# The flags of scripts/test.sh's workspace test: nothing is rebuilt after it.
run env RPPSPLUS_C_CARD_TEST="$ROOT/$OUT/test_card-e2e" timeout 900 \
  cargo test --workspace --all-features --test cpx_pcsc_e2e --test card_e2e --test card -- --nocapture

face "Python (the installed wheel)"
if "$VENV/bin/python" -c 'import rppsplus.cpx' 2>/dev/null; then
  (cd rppsplus-py && timeout 300 "$VENV/bin/python" -m pytest -q -p no:cacheprovider -rs tests/test_cpx_e2e.py) || status=$?
else
  echo "no rppsplus wheel in $VENV: run scripts/test-python.sh first"
  status=1
fi

face "done"
if [ "$status" -ne 0 ] && [ -n "$pid" ]; then
  echo "--- pcscd log (last 200 lines)"
  tail -n 200 "$log"
fi
exit "$status"
