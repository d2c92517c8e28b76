#!/usr/bin/env bash
# Draws docs/lifecycle.svg: the transition table of the core (`rppsplus workflow table --format dot`)
# rendered by Graphviz (Debian package `graphviz`). Usage: bash scripts/gen_lifecycle.sh [RPPSPLUS]
# (default: target/release/rppsplus, built with `cargo build --release -p rppsplus-cli`).
set -euo pipefail
cd "$(dirname "$0")/.."
exe="${1:-target/release/rppsplus}"
"$exe" workflow table --format dot | dot -Tsvg -o docs/lifecycle.svg
