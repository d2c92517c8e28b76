#!/usr/bin/env bash
# Tests librppsplus as vendors get it: installs it with scripts/install-c.sh into a temporary
# prefix, then uses the installed files only (pkg-config with PKG_CONFIG_PATH, the CMake
# package; never include/ or target/):
#   1. the layout: the SONAME librppsplus.so.MAJOR and its links, the exported symbols (every
#      function of the header, nothing else), the NEEDED entries (the C and gcc runtimes only:
#      PC/SC is loaded at run time, never linked);
#   2. examples/c/*.c built with `pkg-config --cflags --libs rppsplus` (shared) and
#      `rppsplus-static` (static), run and checked;
#   3. the ABI check: check_rpps.c built against a header of an older version refuses to run;
#   4. a vendor's own shared library linking librppsplus.a (rppsplus-ffi/tests/install/):
#      -Wl,--exclude-libs,ALL or a version script keep every librppsplus symbol private (only
#      the vendor's function is exported; without either, librppsplus's functions leak);
#   5. the CMake package (find_package, both targets), when cmake is installed.
#
# Usage: bash scripts/test-install-c.sh      (needs cargo, gcc, pkg-config, readelf, nm, python3;
#        RPPSPLUS_SKIP_BUILD=1 ...          cmake for step 5) to reuse the release build
# Outputs go to target/install-tests/. Exits non-zero when any step fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/c-checks.sh
fresh_out install-tests
PREFIX=$OUT/prefix
TESTS=rppsplus-ffi/tests/install

for tool in gcc pkg-config readelf nm python3; do
  command -v "$tool" >/dev/null || { echo "test-install-c: $tool is required" >&2; exit 2; }
done

echo "== librppsplus installed into $PREFIX"
bash scripts/install-c.sh "$PREFIX"
export PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig
VERSION=$(pkg-config --modversion rppsplus)
MAJOR=${VERSION%%.*}
CFLAGS=(-std=c99 -Wall -Wextra -Wpedantic -Werror -O1)

layout() {
  local lib=$PREFIX/lib
  [[ $(readlink "$lib/librppsplus.so") == "librppsplus.so.$MAJOR" ]] || return 1
  [[ $(readlink "$lib/librppsplus.so.$MAJOR") == "librppsplus.so.$VERSION" ]] || return 1
  readelf -d "$lib/librppsplus.so.$VERSION" >"$OUT/dynamic.txt" || return 1
  grep -F "Library soname: [librppsplus.so.$MAJOR]" "$OUT/dynamic.txt" || return 1
  [[ -f $lib/librppsplus.a && -f $PREFIX/include/rppsplus.h && -f $PREFIX/share/rppsplus/valgrind.supp ]] || return 1
  [[ $(pkg-config --cflags rppsplus | xargs) == "-I$PREFIX/include" ]] || return 1
  pkg-config --libs rppsplus && pkg-config --static --libs rppsplus && pkg-config --libs rppsplus-static || return 1
  echo "SONAME librppsplus.so.$MAJOR, links, header, static library, pkg-config $VERSION"
}
step layout layout

# Every function the header declares is exported, and nothing else.
exports() {
  local header lib
  header=$(header_functions "$PREFIX/include/rppsplus.h") || return 1
  lib=$(nm -D --defined-only "$PREFIX/lib/librppsplus.so" | awk '{print $3}' | sort)
  diff <(echo "$header") <(echo "$lib") || return 1
  echo "$(wc -l <<<"$lib") symbols exported, each a function of the header"
}
step exports exports

# The shared library needs the C runtime and libgcc_s (unwinding) only: no libpcsclite (the
# card feature dlopens it), nothing else from the dependencies.
needed() {
  local entries extra
  entries=$(readelf -d "$PREFIX/lib/librppsplus.so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p') || return 1
  echo "$entries"
  extra=$(grep -vxE 'lib(c|m|gcc_s|pthread|dl|rt|util)\.so\.[0-9]+|ld-linux-x86-64\.so\.2' <<<"$entries" || true)
  [[ -z $extra ]] || { echo "unexpected NEEDED: $extra"; return 1; }
  echo "NEEDED: $(tr '\n' ' ' <<<"$entries")"
}
step needed needed

# The examples against the installed files only, shared then static.
for ex in check_rpps lookup_commune validate_demande; do
  # shellcheck disable=SC2046 # pkg-config prints several words
  step "$ex-shared-build" gcc "${CFLAGS[@]}" "examples/c/$ex.c" $(pkg-config --cflags --libs rppsplus) \
    -Wl,-rpath,"$(pkg-config --variable=libdir rppsplus)" -o "$OUT/$ex-shared"
  # shellcheck disable=SC2046
  step "$ex-static-build" gcc "${CFLAGS[@]}" "examples/c/$ex.c" $(pkg-config --cflags --libs rppsplus-static) \
    -o "$OUT/$ex-static"
done
linked() { # linked BINARY yes|no: whether BINARY needs librppsplus.so.MAJOR
  local found=no dynamic
  dynamic=$(readelf -d "$1") || return 1
  grep -qF "Shared library: [librppsplus.so.$MAJOR]" <<<"$dynamic" && found=yes
  [[ $found == "$2" ]] && echo "$1 needs librppsplus.so.$MAJOR: $found"
}
step check-rpps-shared-linked linked "$OUT/check_rpps-shared" yes
step check-rpps-static-linked linked "$OUT/check_rpps-static" no
step check-rpps-shared example_rpps "$OUT/check_rpps-shared"
step check-rpps-static example_rpps "$OUT/check_rpps-static"
step lookup-commune-shared example_commune "$OUT/lookup_commune-shared"
step lookup-commune-static example_commune "$OUT/lookup_commune-static"
step validate-demande-shared example_validate "$OUT/validate_demande-shared"
step validate-demande-static example_validate "$OUT/validate_demande-static"

# A program compiled against the header of an older version refuses to run (before 1.0 only
# the exact version serves: rppsplus_check_version), with the installed library.
abi_older_header() {
  local older=$OUT/older-include out status=0
  mkdir -p "$older"
  older_header "$PREFIX/include/rppsplus.h" "$older/rppsplus.h" || return 1
  # shellcheck disable=SC2046
  gcc "${CFLAGS[@]}" examples/c/check_rpps.c -I"$older" $(pkg-config --libs rppsplus) \
    -Wl,-rpath,"$(pkg-config --variable=libdir rppsplus)" -o "$OUT/check_rpps-older" || return 1
  out=$("$OUT/check_rpps-older" 10107985318 2>&1) || status=$?
  echo "$out"
  [[ $status == 2 && $out == *"librppsplus $VERSION cannot serve a program built for "* ]] || return 1
  echo "built against an older header: refused (exit 2)"
}
step abi-older-header abi_older_header

# A vendor's shared library that links librppsplus.a: its exported symbols (defined, dynamic).
vendor_exports() { nm -D --defined-only "$1" | awk '{print $3}' | grep -vxE '_init|_fini|_edata|_end|__bss_start' || true; }
vendor_plugin() { # vendor_plugin NAME LINK-FLAGS...
  local so=$OUT/lib$1.so
  shift
  # shellcheck disable=SC2046
  gcc "${CFLAGS[@]}" -shared -fPIC "$TESTS/vendor_plugin.c" $(pkg-config --cflags --libs rppsplus-static) "$@" -o "$so" ||
    return 1
  vendor_exports "$so"
  [[ $(vendor_exports "$so") == vendor_rpps_is_valid ]] || return 1
  readelf -d "$so" >"$so.dynamic" || return 1
  ! grep -q 'librppsplus' "$so.dynamic" || return 1
  gcc "${CFLAGS[@]}" "$TESTS/vendor_app.c" "$so" -o "$so.app" || return 1
  "$so.app" || return 1
  echo "${so##*/} exports vendor_rpps_is_valid only"
}
step vendor-exclude-libs vendor_plugin vendor1 -Wl,--exclude-libs,ALL
step vendor-version-script vendor_plugin vendor2 -Wl,--version-script="$TESTS/vendor_plugin.map"
# The control: without either, librppsplus's functions are exported by the vendor's library.
vendor_leaks() {
  local n
  # shellcheck disable=SC2046
  gcc "${CFLAGS[@]}" -shared -fPIC "$TESTS/vendor_plugin.c" $(pkg-config --cflags --libs rppsplus-static) -o "$OUT/libvendor0.so" ||
    return 1
  n=$(vendor_exports "$OUT/libvendor0.so" | grep -c '^rppsplus_' || true)
  ((n > 0)) && echo "without --exclude-libs: $n rppsplus_ symbols exported"
}
step vendor-control vendor_leaks

if command -v cmake >/dev/null; then
  cmake_package() {
    cmake -S "$TESTS/cmake" -B "$OUT/cmake" -DCMAKE_PREFIX_PATH="$PREFIX" -DRPPSPLUS_VERSION="$VERSION" &&
      cmake --build "$OUT/cmake" &&
      example_rpps "$OUT/cmake/check_rpps_shared" && example_rpps "$OUT/cmake/check_rpps_static" &&
      linked "$OUT/cmake/check_rpps_shared" yes && linked "$OUT/cmake/check_rpps_static" no
  }
  step cmake cmake_package
else
  echo "  skip  cmake (not installed: apt-get install cmake)"
fi

finish "install tests"
