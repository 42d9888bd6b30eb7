#!/usr/bin/env bash
# Build the fully static badtls binary (glibc with +crt-static; musl cannot be installed here) and
# check that it is static and still serves every scenario, legacy ones included.
# Usage: ci/static-build.sh            → $CARGO_TARGET_DIR (default target)/x86_64-unknown-linux-gnu/release/badtls
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-unknown-linux-gnu
# OPENSSL_SRC_PERL keeps `-static` away from OpenSSL's Configure, which would build it without
# threads (see ci/openssl-configure-perl.sh; servers/build.rs refuses such a build).
OPENSSL_SRC_PERL="$PWD/ci/openssl-configure-perl.sh" RUSTFLAGS='-C target-feature=+crt-static' \
    cargo build --release --locked --target "$target" -p badtls-cli --bin badtls
bin="${CARGO_TARGET_DIR:-target}/$target/release/badtls"
echo "built $bin ($(du -h "$bin" | cut -f1))"

# ldd says "not a dynamic executable" (static) or "statically linked" (static-pie).
links=$(ldd "$bin" 2>&1 || true)
case "$links" in
    *"not a dynamic executable"*|*"statically linked"*) echo "static: $links" ;;
    *) echo "FAIL: $bin is dynamically linked:"; echo "$links"; exit 1 ;;
esac
file "$bin" 2>/dev/null || true

# Serve everything, then probe one rustls and one legacy endpoint with the static binary itself.
dir=$(mktemp -d)
"$bin" serve --manifest-out "$dir/manifest.json" >"$dir/out" 2>"$dir/err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 100); do grep -q "badtls ready" "$dir/out" && break; sleep 0.1; done
grep "badtls ready" "$dir/out" || { echo "FAIL: no ready line"; cat "$dir/err"; exit 1; }
python3 - "$dir/manifest.json" "$dir/ca.pem" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
open(sys.argv[2], "w").write(m["ca_pem"])
PY
url() { python3 -c "import json,sys; print(next(e['url'] for e in json.load(open('$dir/manifest.json'))['endpoints'] if e['id']=='$1'))"; }
"$bin" probe --ca "$dir/ca.pem" "$(url good/default)"
"$bin" probe --ca "$dir/ca.pem" --allow-legacy "$(url cipher/rc4)" | tee "$dir/rc4"
grep -q "cipher   RC4-SHA" "$dir/rc4" || { echo "FAIL: the static binary did not negotiate RC4"; exit 1; }
"$bin" probe --ca "$dir/ca.pem" --allow-legacy "$(url proto/ssl3)" | tee "$dir/ssl3"
grep -q "protocol SSLv3" "$dir/ssl3" || { echo "FAIL: the static binary did not negotiate SSLv3"; exit 1; }
kill -TERM "$pid"; wait "$pid"
echo "static build OK"
