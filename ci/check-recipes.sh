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
# The repository's own schemas (generated from the Rust types; cli/tests/schemas.rs keeps the
# copies in docs/ in step): every scenario file of the catalogue and the fuzz corpus's seeds fit
# docs/scenario.schema.json, and the manifest of a real `badtls serve` (the full catalogue, on
# ephemeral ports) fits docs/manifest.schema.json. BADTLS=PATH names the binary (default: the
# static one that docker/build.sh made, else target/release/badtls).
"$venv/bin/check-jsonschema" --schemafile docs/scenario.schema.json servers/scenarios/*.toml
badtls="${BADTLS:-}"
for candidate in "${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/release/badtls" "${CARGO_TARGET_DIR:-target}/release/badtls"; do
    [ -n "$badtls" ] || { [ -x "$candidate" ] && badtls=$candidate; }
done
if [ -z "$badtls" ]; then
    echo "check-recipes: no badtls binary built (set BADTLS=PATH) to check a live manifest" >&2
    exit 1
fi
scratch=$(mktemp -d)
"$badtls" serve --port-base 0 --manifest-out "$scratch/manifest.json" >"$scratch/serve.log" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 1 300); do
    [ -s "$scratch/manifest.json" ] && break
    kill -0 "$serve_pid" 2>/dev/null || { cat "$scratch/serve.log" >&2; exit 1; }
    sleep 0.1
done
[ -s "$scratch/manifest.json" ] || { echo "check-recipes: no manifest after 30 s" >&2; cat "$scratch/serve.log" >&2; exit 1; }
"$venv/bin/check-jsonschema" --schemafile docs/manifest.schema.json "$scratch/manifest.json"
