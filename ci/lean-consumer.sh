#!/usr/bin/env bash
# The lean library, as a user's crate takes it: ci/lean-consumer depends on badtls with
# `default-features = false`. Checks with `cargo tree` that neither the OpenSSL C build, nor the
# CLI, nor the matrix is in its tree, builds it (cold when its target directory is new: the
# figure in docs/benchmarks.md) and runs its test, which starts a Suite and handshakes with it.
#
#   bash ci/lean-consumer.sh                  # lean features
#   FEATURES=openssl bash ci/lean-consumer.sh # badtls's default features, for comparison
#   LEAN_TARGET_DIR=DIR                       # another target directory (a new one: cold build)
set -euo pipefail
cd "$(dirname "$0")/lean-consumer"
export CARGO_TARGET_DIR="${LEAN_TARGET_DIR:-../../target/lean-consumer}"
features=()
label=lean
if [ -n "${FEATURES:-}" ]; then
    features=(--features "$FEATURES")
    label="features $FEATURES"
fi

echo "== lean consumer ($label): cargo tree"
tree=$(cargo tree --locked "${features[@]}" -e normal,dev --prefix none)
forbidden=(clap indicatif badtls-cli badtls-matrix badtls-doctor badtls-load)
[ -n "${FEATURES:-}" ] || forbidden+=(openssl-src openssl-sys openssl badtls-openssl-legacy)
bad=0
for crate in "${forbidden[@]}"; do
    if grep -q "^$crate v" <<<"$tree"; then
        echo "lean consumer: $crate is in the tree" >&2
        bad=1
    fi
done
[ "$bad" = 0 ] || exit 1
echo "not in the tree: ${forbidden[*]}"

echo "== lean consumer ($label): build (target dir $CARGO_TARGET_DIR)"
start=$(date +%s%N)
cargo test --locked "${features[@]}" --no-run
end=$(date +%s%N)
ms=$(((end - start) / 1000000))
echo "lean consumer ($label) build: $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s"
echo "== lean consumer ($label): test"
cargo test --locked "${features[@]}"
