#!/usr/bin/env bash
# Builds the rppsplus sdist and, from it, the abi3 manylinux wheel (scripts/build-python.sh), then
# tests the wheel as users get it: installed from the wheel file alone (pip --no-index) into a
# fresh virtual environment of each CPython tested, then pytest, the examples, and (on python3)
# mypy stubtest. The CPythons tested: python3, and the lowest and the highest of 3.10 to 3.14
# found here (python3.X on PATH, or pyenv's versions); a CPython 3.9, when found, must refuse the
# wheel. Run from anywhere:
#   bash scripts/test-python.sh
# Options via the environment: PYTHON (default python3), VENV (build-python.sh's tools, default .venv).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
# Logs, the unpacked wheel and the test venvs, under the cargo target folder.
OUT="${CARGO_TARGET_DIR:-target}/python-tests"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
VENVS=$OUT/venvs

declare -a SUMMARY=()
step() { printf '\n=== %s\n' "$*"; }
ok() { SUMMARY+=("ok    $*"); }
fail() {
    SUMMARY+=("FAIL  $*")
    printf '\n--- summary\n'
    printf '  %s\n' "${SUMMARY[@]}"
    echo "test-python: FAILED ($*)" >&2
    exit 1
}

step "source distribution and wheel (scripts/build-python.sh)"
bash scripts/build-python.sh || fail "build-python.sh"
sdist=$(ls dist/rppsplus-*.tar.gz)
wheel=$(ls dist/rppsplus-*.whl)
ok "sdist $(basename "$sdist") ($(du -k "$sdist" | cut -f1) KiB), wheel built from it"

step "the wheel: tags, size, what it links"
# (Each check returns on failure: `set -e` does not apply inside a function called with ||.)
check_wheel() {
    local name=${wheel##*/} so newest
    [[ $name == rppsplus-*-cp310-abi3-*manylinux_2_17_x86_64*.whl ]] || { echo "unexpected tags: $name"; return 1; }
    rm -rf "$OUT/wheel"
    "$PYTHON" -m zipfile -e "$wheel" "$OUT/wheel" || return 1
    so=$(ls "$OUT"/wheel/rppsplus/_rppsplus.*.so) || return 1
    # glibc 2.17 at most, and the C runtime only (no libpcsclite: the card feature dlopens it).
    objdump -T "$so" >"$OUT/wheel-symbols.txt" || return 1
    newest=$(grep -o 'GLIBC_[0-9.]*' "$OUT/wheel-symbols.txt" | sort -uV | tail -n 1)
    echo "newest glibc symbol version: $newest"
    [[ $(printf '%s\n' "$newest" GLIBC_2.17 | sort -V | tail -n 1) == GLIBC_2.17 ]] || return 1
    readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' >"$OUT/wheel-needed.txt" || return 1
    echo "NEEDED: $(xargs <"$OUT/wheel-needed.txt")"
    ! grep -vxE 'lib(c|m|pthread|dl|rt|util|gcc_s)\.so\.[0-9]+|ld-linux-x86-64\.so\.2' "$OUT/wheel-needed.txt" ||
        return 1
    ! grep -q '^Requires-Dist' "$OUT"/wheel/rppsplus-*.dist-info/METADATA || return 1
    # The licences and the NOTICE ship in the wheel (PEP 639) and the sdist.
    # (The sdist's list is read whole first: `grep -q` closing the pipe early fails `tar` under pipefail.)
    local listed
    listed=$(tar -tzf "$sdist") || return 1
    for f in LICENSE-MIT LICENSE-APACHE NOTICE; do
        cmp -s "$f" "$OUT"/wheel/rppsplus-*.dist-info/licenses/"$f" || { echo "no $f in the wheel"; return 1; }
        grep -qx "rppsplus-[^/]*/rppsplus-py/$f" <<<"$listed" || { echo "no $f in the sdist"; return 1; }
    done
    echo "$name: $(du -k "$wheel" | cut -f1) KiB, no Python dependency"
}
check_wheel || fail "wheel tags or links"
ok "wheel $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"

# find_python 3.X: a working CPython 3.X (on PATH, or one of pyenv's versions), if any.
find_python() {
    local c
    for c in "$(command -v "python$1" 2>/dev/null || true)" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*/bin/"python$1"; do
        if [[ -x $c ]] && "$c" -c 'import venv' 2>/dev/null; then
            echo "$c"
            return 0
        fi
    done
    return 1
}
found=()
for minor in 10 11 12 13 14; do
    if p=$(find_python "3.$minor"); then found+=("$p"); fi
done
pythons=("$PYTHON")
if ((${#found[@]})); then
    pythons+=("${found[0]}")
    ((${#found[@]} > 1)) && pythons+=("${found[-1]}")
fi
version_of() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }
[[ $(version_of "${pythons[1]:-$PYTHON}") == 3.10 ]] ||
    echo "note: no CPython 3.10 here; the lowest tested is $(version_of "${pythons[1]:-$PYTHON}")"

# The data engines the tests exchange Arrow data with, pinned (PySpark: the Spark example, below).
ENGINES=("pyarrow==26.0.1" "polars==2.1.0" "duckdb==2.0.1" "pandas==3.1.1" "numpy==2.4.6")

# test_with PYTHON: a fresh venv, the wheel file alone, then the tests and the examples.
test_with() {
    local py=$1 version venv out rc
    version=$(version_of "$py")
    venv=$VENVS/$version
    step "CPython $version ($py): fresh venv, the wheel alone, pytest, examples"
    rm -rf "$venv"
    "$py" -m venv "$venv" || fail "venv $version"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel" ||
        fail "pip install --no-index of the wheel on $version"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pytest==9.2.0" "python-stdnum==2.2" ||
        fail "pip install of pytest on $version"
    # The data engines of tests/test_arrow.py and tests/test_frames.py (which skip without them):
    # test dependencies only, rppsplus depends on none. pandas 3 and NumPy 2.4 need CPython 3.11.
    if [[ $version != 3.10 ]]; then
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${ENGINES[@]}" ||
            fail "pip install of the data engines on $version"
    fi
    ok "CPython $version: rppsplus $("$venv/bin/python" -c 'import rppsplus; print(rppsplus.__version__)') from the wheel"
    set +e
    (cd rppsplus-py && "$venv/bin/python" -m pytest -q -p no:cacheprovider)
    rc=$?
    set -e
    if [[ $rc -eq 5 ]]; then fail "pytest collected no tests on $version (exit 5)"; fi
    [[ $rc -eq 0 ]] || fail "pytest on $version (exit $rc)"
    ok "CPython $version: pytest"

    out=$("$venv/bin/python" examples/python/check_identifiers.py) || fail "check_identifiers.py exited non-zero on $version"
    printf '%s\n' "$out"
    grep -q "invalid_checksum" <<<"$out" || fail "check_identifiers.py output lacks invalid_checksum"
    out=$("$venv/bin/python" examples/python/lookup_commune.py) || fail "lookup_commune.py exited non-zero on $version"
    printf '%s\n' "$out"
    grep -q "Marseille 3e Arrondissement (13203)" <<<"$out" || fail "lookup_commune output lacks Marseille 3e"
    grep -q "Paris 15e Arrondissement (75115)" <<<"$out" || fail "lookup_commune output lacks the postal code message"
    out=$("$venv/bin/python" examples/python/validate_collection.py) || fail "validate_collection.py exited non-zero on $version"
    printf '%s\n' "$out"
    grep -q "49 demandes, 24 valid, 25 invalid" <<<"$out" || fail "validate_collection summary is not 49/24/25"
    grep -q "'loc': ('etat_civil', 'prenoms', 1)" <<<"$out" || fail "validate_collection output lacks the loc with an index"
    ok "CPython $version: examples"
}
declare -A tested=()
for py in "${pythons[@]}"; do
    v=$(version_of "$py")
    [[ -n ${tested[$v]:-} ]] && continue
    tested[$v]=1
    test_with "$py"
done

step "mypy stubtest ($(version_of "$PYTHON"))"
main=$VENVS/$(version_of "$PYTHON")
ln -sfn "$main" "$VENVS/default" # the wheel on python3, for scripts/pcscd-e2e.sh
"$main/bin/python" -m pip install --quiet --disable-pip-version-check "mypy==2.4.1" || fail "pip install of mypy"
"$main/bin/python" -m mypy.stubtest rppsplus._rppsplus --allowlist rppsplus-py/stubtest-allowlist.txt ||
    fail "stubtest"
ok "stubtest"

step "example: examples/python/spark_validate.py (PySpark in local mode, mapInArrow; $(version_of "$PYTHON"))"
command -v java >/dev/null || fail "no java for PySpark: install default-jre-headless (scripts/test.sh does)"
"$main/bin/python" -m pip install --quiet --disable-pip-version-check "pyspark==4.3.0" || fail "pip install of pyspark"
out=$("$main/bin/python" examples/python/spark_validate.py --rows 10000) || fail "spark_validate.py exited non-zero"
printf '%s\n' "$out"
# The generator's demandes, as validate_csv finds them in the same file.
grep -q "10000 demandes, 8946 valid, 1054 invalid" <<<"$out" || fail "spark_validate summary is not 10000/8946/1054"
grep -q "rpps column: empty 9771, valid 160, invalid_checksum 69" <<<"$out" || fail "spark_validate rpps column counts"
ok "example spark_validate"

# Below the floor (abi3-py310): pip must refuse the wheel.
if old=$(find_python 3.9); then
    step "CPython 3.9 ($old) refuses the wheel"
    rm -rf "$VENVS/3.9"
    "$old" -m venv "$VENVS/3.9"
    if "$VENVS/3.9/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel" 2>/dev/null; then
        fail "CPython 3.9 installed the cp310-abi3 wheel"
    fi
    ok "CPython 3.9 refuses the wheel (cp310-abi3)"
fi

printf '\n--- summary\n'
printf '  %s\n' "${SUMMARY[@]}"
echo "test-python: all passed ($(for v in "${!tested[@]}"; do printf '%s ' "$v"; done | tr ' ' '\n' | sort -V | xargs))"
