#!/usr/bin/env bash
# Tests librppsplus for Windows: cross-builds the DLL, its import library and the static
# library for x86_64-pc-windows-gnu with Debian's mingw-w64 (scripts/install-c.sh --target),
# then, from the installed files only:
#   1. the DLL's export table is exactly the functions of the header, and the DLL imports
#      system DLLs only (no libgcc_s_seh-1.dll or libwinpthread-1.dll to ship beside it);
#   2. the C test suite (rppsplus-ffi/tests/c: test_ids on the shared corpus, test_misuse,
#      test_nomenclature, test_validate, test_types) and examples/c/*.c, built with mingw-w64
#      against the DLL (pkg-config rppsplus: the import library) and the examples also against
#      the static library (rppsplus-static), run under wine and checked as on Linux;
#   3. the ABI check: check_rpps.exe built against a header of an older version refuses to run
#      (a replaced rppsplus.dll is caught by rppsplus_check_version).
# Wine 8.0 (Debian 12) has no bcryptprimitives.dll, which the Rust standard library imports on
# Windows 8 and later: the test puts a stand-in beside the programs
# (rppsplus-ffi/tests/windows/bcryptprimitives_shim.c); it is never shipped.
#
# Usage: bash scripts/test-windows.sh   (needs rustup's x86_64-pc-windows-gnu target, added here
#        RPPSPLUS_SKIP_BUILD=1 ...      when missing, gcc-mingw-w64-x86-64, wine64, pkg-config,
#                                       python3) to reuse the cross build
# Outputs go to target/windows-tests/ (the wine prefix: target/wine). Exits non-zero when any
# step fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/c-checks.sh
fresh_out windows-tests
mkdir -p "$OUT/bin"
TARGET=x86_64-pc-windows-gnu
PREFIX=$OUT/prefix
TESTS=rppsplus-ffi/tests/c

CC=x86_64-w64-mingw32-gcc
OBJDUMP=x86_64-w64-mingw32-objdump
WINE=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
for tool in "$CC" "$OBJDUMP" "$WINE" pkg-config python3; do
  command -v "$tool" >/dev/null || { echo "test-windows: $tool is required" >&2; exit 2; }
done
export WINEPREFIX="${WINEPREFIX:-$(dirname "$OUT")/wine}" WINEDEBUG=-all

if ! rustup target list --installed | grep -qx "$TARGET"; then
  # rustup downloads the target's standard library from static.rust-lang.org. Where that host
  # is unreachable, the Windows build cannot run at all: say so loudly rather than fail the
  # whole test command for a download.
  if ! rustup target add "$TARGET"; then
    echo "test-windows: SKIPPED: rustup could not add $TARGET (static.rust-lang.org unreachable?);" \
      "the Windows DLL was not built or tested" >&2
    exit 0
  fi
fi

echo "== librppsplus for $TARGET installed into $PREFIX"
bash scripts/install-c.sh --target "$TARGET" "$PREFIX"
export PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig
VERSION=$(pkg-config --modversion rppsplus)

# Every function the header declares is exported by the DLL, and nothing else.
exports() {
  local header dll
  header=$(header_functions "$PREFIX/include/rppsplus.h") || return 1
  dll=$(sed -n 's/^    //p' "$PREFIX/lib/rppsplus.def" | sort)
  diff <(echo "$header") <(echo "$dll") || return 1
  [[ -f $PREFIX/lib/librppsplus.dll.a && -f $PREFIX/lib/librppsplus.a ]] || return 1
  echo "$(wc -l <<<"$dll") functions exported by rppsplus.dll, each a function of the header"
}
step exports exports

imports() {
  local dlls extra
  dlls=$("$OBJDUMP" -p "$PREFIX/bin/rppsplus.dll" | sed -n 's/^\tDLL Name: //p') || return 1
  echo "$dlls"
  extra=$(grep -vixE 'kernel32\.dll|ntdll\.dll|msvcrt\.dll|userenv\.dll|ws2_32\.dll|bcryptprimitives\.dll|api-ms-win-core-[a-z0-9-]+\.dll' <<<"$dlls" || true)
  [[ -z $extra ]] || { echo "not a system DLL: $extra"; return 1; }
  echo "imports: $(tr '\n' ' ' <<<"$dlls")"
}
step imports imports

# The programs run from $OUT/bin, beside rppsplus.dll (Windows looks there first).
cp "$PREFIX/bin/rppsplus.dll" "$OUT/bin/"
step shim-build "$CC" -std=c99 -Wall -Wextra -Werror -O1 -shared rppsplus-ffi/tests/windows/bcryptprimitives_shim.c \
  -lbcrypt -o "$OUT/bin/bcryptprimitives.dll"

# One wineserver for the whole run (about 0.2 s per program instead of 3 s).
step wineboot "$WINE" wineboot --init
"$(dirname "$WINE")/wineserver" -p 120 2>/dev/null || wineserver -p 120 2>/dev/null || true
trap '"$(dirname "$WINE")/wineserver" -k 2>/dev/null || wineserver -k 2>/dev/null || true' EXIT

# wine_run EXE ARGS...: runs under wine; the output with Windows' CRLF turned into LF.
wine_run() {
  local out status=0
  out=$("$WINE" "$@") || status=$?
  printf '%s\n' "${out//$'\r'/}"
  return $status
}

CFLAGS=(-std=c99 -Wall -Wextra -Wpedantic -Werror -O1)
step corpus-tsv corpus_tsv
for t in test_ids test_misuse test_nomenclature test_validate test_types; do
  args=()
  [[ $t == test_ids ]] && args=("$OUT/identifiers.tsv")
  # shellcheck disable=SC2046 # pkg-config prints several words
  step "$t-build" "$CC" "${CFLAGS[@]}" -I"$TESTS" "$TESTS/$t.c" $(pkg-config --cflags --libs rppsplus) \
    -Wl,-Bstatic -lpthread -Wl,-Bdynamic -o "$OUT/bin/$t.exe"
  step "$t" run_test wine_run "$OUT/bin/$t.exe" "${args[@]}"
done

for ex in check_rpps lookup_commune validate_demande; do
  # shellcheck disable=SC2046
  step "$ex-dll-build" "$CC" "${CFLAGS[@]}" "examples/c/$ex.c" $(pkg-config --cflags --libs rppsplus) -o "$OUT/bin/$ex.exe"
  # shellcheck disable=SC2046
  step "$ex-static-build" "$CC" "${CFLAGS[@]}" "examples/c/$ex.c" $(pkg-config --cflags --libs rppsplus-static) \
    -o "$OUT/bin/$ex-static.exe"
done
dll_linked() { # dll_linked EXE yes|no: whether EXE imports rppsplus.dll
  local found=no imports
  imports=$("$OBJDUMP" -p "$1") || return 1
  grep -qi 'DLL Name: rppsplus.dll' <<<"$imports" && found=yes
  [[ $found == "$2" ]] && echo "${1##*/} imports rppsplus.dll: $found"
}
step check-rpps-dll-linked dll_linked "$OUT/bin/check_rpps.exe" yes
step check-rpps-static-linked dll_linked "$OUT/bin/check_rpps-static.exe" no
step check-rpps-dll example_rpps wine_run "$OUT/bin/check_rpps.exe"
step check-rpps-static example_rpps wine_run "$OUT/bin/check_rpps-static.exe"
step lookup-commune-dll example_commune wine_run "$OUT/bin/lookup_commune.exe"
step lookup-commune-static example_commune wine_run "$OUT/bin/lookup_commune-static.exe"
step validate-demande-dll example_validate wine_run "$OUT/bin/validate_demande.exe"
step validate-demande-static example_validate wine_run "$OUT/bin/validate_demande-static.exe"

# The header of an older version (the version macros lowered by one): the program refuses.
abi_older_header() {
  local out status=0
  mkdir -p "$OUT/older-include"
  older_header "$PREFIX/include/rppsplus.h" "$OUT/older-include/rppsplus.h" || return 1
  # shellcheck disable=SC2046
  "$CC" "${CFLAGS[@]}" examples/c/check_rpps.c -I"$OUT/older-include" $(pkg-config --libs rppsplus) -o "$OUT/bin/check_rpps-older.exe" ||
    return 1
  out=$(wine_run "$OUT/bin/check_rpps-older.exe" 10107985318 2>&1) || status=$?
  echo "$out"
  [[ $status == 2 && $out == *"librppsplus $VERSION cannot serve a program built for "* ]] || return 1
  echo "built against an older header: refused (exit 2)"
}
step abi-older-header abi_older_header

finish "Windows tests"
