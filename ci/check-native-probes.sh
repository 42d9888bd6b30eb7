#!/usr/bin/env bash
# Parse the native probes (client-matrix/probes/native: C#, PowerShell, Swift) with their
# tree-sitter grammars from PyPI and fail on a syntax error. Their runtimes are not installed
# here, so this checks well-formedness only: nothing is compiled or run. Installs the grammars
# into a venv (default target/recipes-venv, shared with check-recipes.sh; VENV=DIR to choose).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-target/recipes-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q tree-sitter tree-sitter-c-sharp tree-sitter-powershell tree-sitter-swift
"$venv/bin/python" ci/check_native_probes.py
