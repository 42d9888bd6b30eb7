#!/usr/bin/env bash
# Build the static badtls binary and the `badtls:latest` image from it, in one command.
# Usage: docker/build.sh [TAG]     (default tag: badtls:latest)
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:-badtls:latest}
target=x86_64-unknown-linux-gnu
# The static build, and its checks (it keeps OpenSSL threaded: see ci/openssl-configure-perl.sh).
bash ci/static-build.sh
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp "${CARGO_TARGET_DIR:-target}/$target/release/badtls" "$ctx/badtls"
strip "$ctx/badtls" 2>/dev/null || true
mkdir -m 1777 "$ctx/tmp" && mkdir "$ctx/state"
cp docker/Dockerfile "$ctx/Dockerfile"
# The classic builder: nothing to pull (there is no registry here), COPY keeps modes.
DOCKER_BUILDKIT=0 docker build -q -t "$tag" "$ctx" >/dev/null
echo "built image $tag ($(docker image inspect "$tag" --format '{{.Size}}' | awk '{printf "%.1f MB", $1/1e6}'))"
