#!/usr/bin/env bash
# Validate the CI recipes against their published JSON schemas with check-jsonschema (PyPI),
# which ships them (vendor.github-workflows, vendor.gitlab-ci), so this works offline once
# installed. Installs it into its own venv (default target/recipes-venv; VENV=DIR to choose).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-target/recipes-venv}"
if [ ! -x "$venv/bin/check-jsonschema" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q check-jsonschema
fi
"$venv/bin/check-jsonschema" --version
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows ci/github-actions.yml
"$venv/bin/check-jsonschema" --builtin-schema vendor.gitlab-ci ci/gitlab-ci.yml
