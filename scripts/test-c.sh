#!/usr/bin/env bash
# C tests of librppsplus (rppsplus-ffi): builds the release staticlib, then compiles every
# C test with gcc -std=c99 -Wall -Wextra -Wpedantic -Werror and runs it
#   1. with AddressSanitizer + UndefinedBehaviorSanitizer,
#   2. without sanitizers under valgrind --leak-check=full with the shipped suppression
#      file rppsplus-ffi/valgrind.supp (any error or leak fails, "possibly lost" included),
#   3. compiled as C++ (g++ -x c++ -std=c++17, same warnings)
# (test_card.c runs here without a PC/SC service; scripts/pcscd-e2e.sh runs it through pcscd),
# plus test_types.c (every type of the header, as C99 and as C++), pays_only.c (one country
# code, under exactly `valgrind --leak-check=full --error-exitcode=1 --suppressions=...`),
# leak_control.c (a forgotten list is still reported with the suppressions), the header
# alone, two translation units linked together, the C blocks of README.md and
# rppsplus-ffi/README.md (compiled as C99 and C++, run), examples/c/check_rpps.c,
# examples/c/lookup_commune.c and examples/c/validate_demande.c,
# and a short run of the micro-benchmark (its timing is never judged: scripts/bench-c.sh).
#
# Usage: bash scripts/test-c.sh            (from anywhere; needs cargo, gcc, g++, valgrind,
#                                           python3)
#        RPPSPLUS_SKIP_BUILD=1 ...          to reuse an existing release build
# Outputs go to target/c-tests/. Exits non-zero when any step fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
OUT="$TARGET_DIR/c-tests"
LIB="$TARGET_DIR/release/librppsplus.a"
TESTS=rppsplus-ffi/tests/c
mkdir -p "$OUT"

for tool in gcc g++ valgrind python3; do
  command -v "$tool" >/dev/null || { echo "test-c: $tool is required" >&2; exit 2; }
done

if [[ "${RPPSPLUS_SKIP_BUILD:-0}" != 1 ]]; then
  cargo build --release -p rppsplus-ffi
fi
[[ -f "$LIB" ]] || { echo "test-c: $LIB not found (cargo build --release -p rppsplus-ffi)" >&2; exit 2; }

CFLAGS=(-std=c99 -Wall -Wextra -Wpedantic -Werror -Iinclude -I"$TESTS" -g)
CXXFLAGS=(-x c++ -std=c++17 -Wall -Wextra -Wpedantic -Werror -Iinclude -I"$TESTS" -g)
SAN=(-O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
LIBS=("$LIB" -lpthread -ldl -lm)
SUPP=rppsplus-ffi/valgrind.supp
VALGRIND=(valgrind -q --error-exitcode=1 --leak-check=full --suppressions="$SUPP")
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# step, run_test, corpus_tsv, the example checks and finish.
source scripts/c-checks.sh

build_c() { gcc "${CFLAGS[@]}" "$@" "${LIBS[@]}"; }
build_cxx() { g++ "${CXXFLAGS[@]}" "$@" -x none "${LIBS[@]}"; }

echo "== C tests (gcc $(gcc -dumpversion), $LIB)"
step corpus-tsv corpus_tsv

for t in test_ids test_misuse test_nomenclature test_validate test_types test_card; do
  args=()
  [[ $t == test_ids ]] && args=("$OUT/identifiers.tsv")
  step "$t-asan-build" build_c "${SAN[@]}" "$TESTS/$t.c" -o "$OUT/$t-asan"
  step "$t-asan" run_test "$OUT/$t-asan" "${args[@]}"
  step "$t-build" build_c -O1 "$TESTS/$t.c" -o "$OUT/$t"
  step "$t-valgrind" run_test "${VALGRIND[@]}" "$OUT/$t" "${args[@]}"
  step "$t-cxx-build" build_cxx "$TESTS/$t.c" -o "$OUT/$t-cxx"
  step "$t-cxx" run_test "$OUT/$t-cxx" "${args[@]}"
done

# The smallest program, under exactly the documented valgrind command (no other option).
step pays-only-build build_c -O1 "$TESTS/pays_only.c" -o "$OUT/pays_only"
step pays-only-valgrind run_test valgrind --leak-check=full --error-exitcode=1 --suppressions="$SUPP" "$OUT/pays_only"

# The suppressions hide the core's tables only: a list the program forgets to free is
# still a leak (valgrind exits 1 and names rppsplus_lookup).
leak_control() {
  local log=$OUT/leak_control.valgrind
  set +e
  valgrind -q --leak-check=full --error-exitcode=1 --suppressions="$SUPP" "$OUT/leak_control" 2>"$log"
  local status=$?
  set -e
  cat "$log"
  [[ $status == 1 ]] && grep -q 'definitely lost' "$log" && grep -q 'rppsplus_lookup' "$log" || return 1
  echo "the forgotten list is reported"
}
step leak-control-build build_c -O1 "$TESTS/leak_control.c" -o "$OUT/leak_control"
step leak-control leak_control

# The C blocks of the READMEs: each compiles as C99 and as C++ and runs (a block without a
# main() is the body of one, its #include lines hoisted).
readme_blocks() {
  python3 - README.md rppsplus-ffi/README.md "$OUT/readme" <<'PY'
import pathlib, re, sys
out = pathlib.Path(sys.argv[-1])
out.mkdir(parents=True, exist_ok=True)
n = 0
for readme in sys.argv[1:-1]:
    text = pathlib.Path(readme).read_text(encoding="utf-8")
    for block in re.findall(r"```c\n(.*?)```", text, re.S):
        if "int main" not in block:
            lines = block.splitlines(keepends=True)
            includes = "".join(l for l in lines if l.startswith("#include"))
            body = "".join(l for l in lines if not l.startswith("#include"))
            block = ('#include <stdio.h>\n#include <string.h>\n#include "rppsplus.h"\n' + includes +
                     "int main(void) {\n" + body + "return 0;\n}\n")
        n += 1
        (out / f"block{n}.c").write_text(block, encoding="utf-8")
print(n)
PY
}
readme_build() {
  local count f
  count=$(readme_blocks)
  ((count >= 4)) || { echo "only $count C blocks found"; return 1; }
  # The card blocks never reach a real card (one could be in a reader): no PC/SC library.
  for f in "$OUT"/readme/block*.c; do
    build_c "${SAN[@]}" "$f" -o "${f%.c}" && build_cxx "$f" -o "${f%.c}-cxx" &&
      RPPSPLUS_PCSC_LIBRARY=/nonexistent "${f%.c}" >/dev/null &&
      RPPSPLUS_PCSC_LIBRARY=/nonexistent "${f%.c}-cxx" >/dev/null || return 1
  done
  echo "$count README blocks compile (C99, C++) and run"
}
step readme-c readme_build

step header-only-c gcc "${CFLAGS[@]}" -c "$TESTS/header_only.c" -o "$OUT/header_only.o"
step header-only-cxx g++ "${CXXFLAGS[@]}" -c "$TESTS/header_only.c" -o "$OUT/header_only-cxx.o"

step two-tu-build build_c "${SAN[@]}" "$TESTS/tu_a.c" "$TESTS/tu_b.c" -o "$OUT/two_tu"
step two-tu run_test "$OUT/two_tu"
step two-tu-cxx-build build_cxx "$TESTS/tu_a.c" "$TESTS/tu_b.c" -o "$OUT/two_tu-cxx"
step two-tu-cxx run_test "$OUT/two_tu-cxx"

step example-build build_c "${SAN[@]}" examples/c/check_rpps.c -o "$OUT/check_rpps"
step example example_rpps "$OUT/check_rpps"

step example-commune-build build_c "${SAN[@]}" examples/c/lookup_commune.c -o "$OUT/lookup_commune"
step example-commune example_commune "$OUT/lookup_commune"
step example-commune-valgrind-build build_c -O1 examples/c/lookup_commune.c -o "$OUT/lookup_commune-plain"
step example-commune-valgrind "${VALGRIND[@]}" "$OUT/lookup_commune-plain" "saint"

step example-validate-build build_c "${SAN[@]}" examples/c/validate_demande.c -o "$OUT/validate_demande"
step example-validate example_validate "$OUT/validate_demande"
step example-validate-valgrind-build build_c -O1 examples/c/validate_demande.c -o "$OUT/validate_demande-plain"
step example-validate-valgrind bash -c '"$@"; [[ $? == 1 ]] && echo "exit 1 (invalid demandes), no memory error"' _ "${VALGRIND[@]}" "$OUT/validate_demande-plain" \
  examples/data/demandes.json 2026-11-22

# The benchmark builds and runs (a few calls); its timing is not judged here.
step bench-build gcc "${CFLAGS[@]}" -O2 "$TESTS/bench_rpps.c" "${LIBS[@]}" -o "$OUT/bench_rpps"
step bench-smoke "$OUT/bench_rpps" 10000

finish "C tests"
