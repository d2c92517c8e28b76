#!/usr/bin/env bash
# The cpx module through a real pcscd: the Rust SimCard (synthetic) is served to vsmartcard's
# vpcd reader on 127.0.0.1:35963 and read back through the `pcsc` crate (docs/cards.md).
# Needs the Debian packages pcscd and vsmartcard-vpcd (scripts/test.sh installs them).
# Starts `pcscd --foreground` and stops it by its PID on exit; reuses a pcscd already running.
set -euo pipefail
cd "$(dirname "$0")/.."
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
fi

status=0
RPPSPLUS_PCSC_E2E=1 timeout 900 cargo test -p rppsplus-core --features pcsc --test cpx_pcsc_e2e -- --nocapture \
  || status=$?
if [ "$status" -ne 0 ] && [ -n "$pid" ]; then
  echo "--- pcscd log (last 200 lines)"
  tail -n 200 "$log"
fi
exit "$status"
