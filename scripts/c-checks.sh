# The checks shared by the C test scripts (scripts/test-c.sh, scripts/test-install-c.sh,
# scripts/test-windows.sh), sourced by them, never run alone. The caller runs from the
# repository root and sets OUT (the folder for logs and binaries), or calls fresh_out.
#
#   fresh_out NAME                OUT = the cargo target folder's NAME, absolute and emptied
#   step NAME COMMAND...          runs COMMAND, logs it to $OUT/NAME.log, records the outcome
#   run_test COMMAND...           a C test binary: its last line must be "N passed, 0 failed"
#   corpus_tsv                    tests/corpus/identifiers.jsonl as the TSV test_ids.c reads
#   example_rpps COMMAND...       examples/c/check_rpps.c: its outputs and exit statuses
#   example_commune COMMAND...    examples/c/lookup_commune.c
#   example_validate COMMAND...   examples/c/validate_demande.c
#   older_header SRC DST          writes the header SRC with its version lowered by one to DST
#   header_functions HEADER       the names of the functions HEADER declares, sorted
#   finish NAME                   prints the summary; exits 1 when a step failed
#
# COMMAND is the binary, possibly behind a runner (wine): the checks append the arguments.

passed=()
failed=()

fresh_out() {
  local target=${CARGO_TARGET_DIR:-target}
  [[ $target == /* ]] || target=$(pwd)/$target
  OUT=$target/$1
  rm -rf "$OUT"
  mkdir -p "$OUT"
}

step() {
  local name=$1
  shift
  if "$@" >"$OUT/$name.log" 2>&1; then
    passed+=("$name")
    printf '  ok    %-28s %s\n' "$name" "$(tail -n 1 "$OUT/$name.log")"
  else
    failed+=("$name")
    printf '  FAIL  %s (log: %s)\n' "$name" "$OUT/$name.log"
    tail -n 30 "$OUT/$name.log" | sed 's/^/        /'
  fi
}

run_test() {
  local out
  out=$("$@")
  printf '%s\n' "$out"
  [[ "$(printf '%s\n' "$out" | tail -n 1)" =~ ^[1-9][0-9]*\ passed,\ 0\ failed$ ]]
}

# The shared corpus, converted for C: one row per JSON line, tab-separated, hex-encoded
# strings (tests/corpus/identifiers.jsonl stays the single source).
corpus_tsv() {
  python3 - tests/corpus/identifiers.jsonl "$OUT/identifiers.tsv" <<'PY'
import json, sys
src, dst = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as f, open(dst, "w", encoding="ascii", newline="\n") as out:
    for line in f:
        if not line.strip():
            continue
        r = json.loads(line)
        hexed = lambda s: s.encode("utf-8").hex()
        out.write("\t".join([
            r["kind"], r["mode"], "1" if r["valid"] else "0",
            r["code"] or "ok", r["warning"] or "none",
            hexed(r["canonical"]) if r["canonical"] is not None else "-",
            hexed(r["input"]),
        ]) + "\n")
PY
}

example_rpps() {
  local out status
  out=$("$@" "101 0798 5318")
  printf '%s\n' "$out"
  [[ $out == '101 0798 5318: ok 10107985318' ]] || return 1
  set +e
  out=$("$@" 10107985318 10107985319)
  status=$?
  set -e
  printf '%s\n' "$out"
  [[ $status == 1 ]] && grep -q '^10107985319: invalid_checksum (num.*)$' <<<"$out" || return 1
  set +e
  "$@" >/dev/null 2>&1
  status=$?
  set -e
  [[ $status == 2 ]] || return 1
  echo "example ok"
}

example_commune() {
  local out status
  out=$("$@" "marseille 3")
  printf '%s\n' "$out"
  [[ $(head -n 1 <<<"$out") == '13203  Marseille 3e Arrondissement  (13)' ]] || return 1
  out=$("$@" 75015)
  printf '%s\n' "$out"
  grep -q '^75015 is a postal code' <<<"$out" && grep -q '^75115  Paris 15e Arrondissement  (75)$' <<<"$out" || return 1
  set +e
  "$@" zzzzzzzz >/dev/null 2>&1
  status=$?
  "$@" >/dev/null 2>&1
  status=$status,$?
  set -e
  [[ $status == 1,2 ]] || return 1
  echo "example ok"
}

example_validate() {
  local out status
  out=$("$@" rppsplus-ffi/tests/c/data/demande.json 2026-11-22)
  printf '%s\n' "$out"
  [[ $out == $'[0] valid\n1 demande: 1 valid, 0 invalid' ]] || return 1
  set +e
  out=$("$@" examples/data/demandes.json 2026-11-22)
  status=$?
  set -e
  printf '%s\n' "$out"
  [[ $status == 1 ]] || return 1
  grep -q '^\[27\] invalid$' <<<"$out" && grep -qF "  error    contact.email  required  L'adresse email : manquante, obligatoire pour la procédure « Primo enregistrement » ; renseignez-la." <<<"$out" || return 1
  [[ $(tail -n 1 <<<"$out") == '49 demandes: 24 valid, 25 invalid' ]] || return 1
  set +e
  "$@" /nonexistent.json >/dev/null 2>&1
  status=$?
  "$@" rppsplus-ffi/tests/c/data/demande.json 2026-02-30 >/dev/null 2>&1
  status=$status,$?
  "$@" >/dev/null 2>&1
  status=$status,$?
  set -e
  [[ $status == 2,2,2 ]] || return 1
  echo "example ok"
}

older_header() {
  python3 - "$1" "$2" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="ascii").read()
v = {k: int(re.search(rf"#define RPPSPLUS_VERSION_{k} (\d+)", text).group(1)) for k in ("MAJOR", "MINOR", "PATCH")}
older = ((v["MAJOR"] << 16) | (v["MINOR"] << 8) | v["PATCH"]) - 1
for k, value in (("MAJOR", older >> 16), ("MINOR", (older >> 8) & 255), ("PATCH", older & 255)):
    text = re.sub(rf"#define RPPSPLUS_VERSION_{k} \d+", f"#define RPPSPLUS_VERSION_{k} {value}", text)
open(sys.argv[2], "w", encoding="ascii").write(text)
PY
}

header_functions() {
  grep -E '^[a-z].*[ *]rppsplus_[a-z0-9_]+\(' "$1" | sed -E 's/^[^(]*[ *](rppsplus_[a-z0-9_]+)\(.*/\1/' | sort
}

finish() {
  echo "== $1: ${#passed[@]} steps passed, ${#failed[@]} failed"
  if ((${#failed[@]})); then
    printf '   failed: %s\n' "${failed[@]}"
    exit 1
  fi
}
