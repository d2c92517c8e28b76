#!/usr/bin/env bash
# Installs librppsplus, the C library, under PREFIX as a vendor links it:
#
#   bash scripts/install-c.sh PREFIX                                  (Linux)
#     PREFIX/include/rppsplus.h
#     PREFIX/lib/librppsplus.so.X.Y.Z, librppsplus.so.X -> it (the SONAME), librppsplus.so -> .so.X
#     PREFIX/lib/librppsplus.a
#     PREFIX/lib/pkgconfig/rppsplus.pc          pkg-config --cflags --libs rppsplus
#     PREFIX/lib/pkgconfig/rppsplus-static.pc   pkg-config --cflags --libs rppsplus-static
#     PREFIX/lib/cmake/rppsplus/                find_package(rppsplus X.Y.Z EXACT)
#     PREFIX/share/rppsplus/valgrind.supp       the suppressions of the process-wide tables
#
#   bash scripts/install-c.sh --target x86_64-pc-windows-gnu PREFIX   (Windows, cross-built with mingw-w64)
#     PREFIX/bin/rppsplus.dll, PREFIX/lib/librppsplus.dll.a (MinGW import library),
#     PREFIX/lib/rppsplus.def (exports, for MSVC's lib.exe), PREFIX/lib/librppsplus.a,
#     PREFIX/include/rppsplus.h, the two .pc files
#
# The release library is built first (RPPSPLUS_SKIP_BUILD=1 installs an existing build). The
# system libraries a static link needs (Libs.private) are the ones rustc names for its standard
# library on the target (`--print native-static-libs`); the library's own dependencies link no
# other (scripts/test-install-c.sh checks the shared library's NEEDED entries).
# Why not cargo-c: rppsplus-ffi/README.md, "Install".
set -euo pipefail

target=""
if [[ ${1:-} == --target ]]; then
  target=${2:?--target needs a triple}
  shift 2
fi
[[ $# == 1 ]] || { echo "usage: bash scripts/install-c.sh [--target TRIPLE] PREFIX" >&2; exit 2; }
mkdir -p "$1"
PREFIX=$(cd "$1" && pwd)

cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
build=(cargo build --release -p rppsplus-ffi)
out="$TARGET_DIR/release"
if [[ -n $target ]]; then
  build+=(--target "$target")
  out="$TARGET_DIR/$target/release"
fi
if [[ "${RPPSPLUS_SKIP_BUILD:-0}" != 1 ]]; then
  "${build[@]}"
fi

# The version is the header's (tests/header.rs keeps it equal to Cargo.toml's).
macro() { sed -n "s/^#define RPPSPLUS_VERSION_$1 \([0-9]*\)$/\1/p" include/rppsplus.h; }
MAJOR=$(macro MAJOR) MINOR=$(macro MINOR) PATCH=$(macro PATCH)
[[ -n $MAJOR && -n $MINOR && -n $PATCH ]] || { echo "install-c: no version macros in include/rppsplus.h" >&2; exit 1; }
VERSION=$MAJOR.$MINOR.$PATCH

# What the Rust standard library needs from the system when linked statically: rustc prints it
# for any staticlib, here an empty one.
libs_private() {
  local probe
  probe=$(mktemp -d)
  printf '' >"$probe/probe.rs"
  rustc --crate-type staticlib --crate-name probe ${target:+--target "$target"} --print native-static-libs \
    -o "$probe/libprobe.a" "$probe/probe.rs" 2>&1 | sed -n 's/.*native-static-libs: //p'
  rm -rf "$probe"
}
LIBS_PRIVATE=$(libs_private)
[[ -n $LIBS_PRIVATE ]] || { echo "install-c: rustc printed no native-static-libs" >&2; exit 1; }
# CMake wants names: -lgcc_s -> gcc_s
LIBS_PRIVATE_CMAKE=$(sed 's/-l//g; s/ /;/g' <<<"$LIBS_PRIVATE")

fill() { # fill TEMPLATE DEST
  sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@VERSION@|$VERSION|g" -e "s|@MAJOR@|$MAJOR|g" \
    -e "s|@LIBS_PRIVATE@|$LIBS_PRIVATE|g" -e "s|@LIBS_PRIVATE_CMAKE@|$LIBS_PRIVATE_CMAKE|g" "$1" >"$2"
}

dist=rppsplus-ffi/dist
install -d "$PREFIX/include" "$PREFIX/lib/pkgconfig"
install -m 644 include/rppsplus.h "$PREFIX/include/rppsplus.h"
install -m 644 "$out/librppsplus.a" "$PREFIX/lib/librppsplus.a"
fill "$dist/rppsplus.pc.in" "$PREFIX/lib/pkgconfig/rppsplus.pc"
fill "$dist/rppsplus-static.pc.in" "$PREFIX/lib/pkgconfig/rppsplus-static.pc"

case "$target" in
  *-windows-gnu)
    # The DLL, its MinGW import library, and the list of its exports for MSVC
    # (lib /def:rppsplus.def /machine:x64 /out:rppsplus.lib).
    install -d "$PREFIX/bin"
    install -m 755 "$out/rppsplus.dll" "$PREFIX/bin/rppsplus.dll"
    install -m 644 "$out/librppsplus.dll.a" "$PREFIX/lib/librppsplus.dll.a"
    objdump=${target%%-*}-w64-mingw32-objdump
    {
      echo "LIBRARY rppsplus.dll"
      echo "EXPORTS"
      "$objdump" -p "$out/rppsplus.dll" | awk '/^\[Ordinal\/Name Pointer\] Table/ {t = 1; next} t && NF == 0 {t = 0} t {print "    " $NF}'
    } >"$PREFIX/lib/rppsplus.def"
    ;;
  "" | *-linux-*)
    soname=$(readelf -d "$out/librppsplus.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
    [[ $soname == "librppsplus.so.$MAJOR" ]] ||
      { echo "install-c: $out/librppsplus.so has SONAME '$soname', not librppsplus.so.$MAJOR (rppsplus-ffi/build.rs)" >&2; exit 1; }
    install -m 755 "$out/librppsplus.so" "$PREFIX/lib/librppsplus.so.$VERSION"
    ln -sfn "librppsplus.so.$VERSION" "$PREFIX/lib/librppsplus.so.$MAJOR"
    ln -sfn "librppsplus.so.$MAJOR" "$PREFIX/lib/librppsplus.so"
    install -d "$PREFIX/lib/cmake/rppsplus" "$PREFIX/share/rppsplus"
    install -m 644 rppsplus-ffi/valgrind.supp "$PREFIX/share/rppsplus/valgrind.supp"
    fill "$dist/rppsplus-config.cmake.in" "$PREFIX/lib/cmake/rppsplus/rppsplus-config.cmake"
    fill "$dist/rppsplus-config-version.cmake.in" "$PREFIX/lib/cmake/rppsplus/rppsplus-config-version.cmake"
    ;;
  *)
    echo "install-c: no install layout for $target (Linux and x86_64-pc-windows-gnu are built and tested)" >&2
    exit 2
    ;;
esac
echo "installed librppsplus $VERSION${target:+ ($target)} under $PREFIX"
