#!/usr/bin/env bash
# The Python package: builds the `badtls` wheel (maturin's binary packaging of this workspace's
# badtls binary, plus python/badtls with the pytest plugin), installs it into a FRESH venv with
# pytest, requests, httpx and aiohttp, and runs python/tests (the examples over the whole
# catalogue, the comparison with the matrix's Python rows, process hygiene) with no Rust
# toolchain on PATH. Called from .ci/run after the release build, which the wheel build reuses
# (same target/ directory and profile: only the badtls binary is relinked).
#
# Runs as root on Debian 12. Exit status: non-zero when the build or any test fails; pytest's own
# exit code is reported with its meaning.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/python-wheel
rm -rf "$work"
mkdir -p "$work"

if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
    echo "== installing python3-venv"
    apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi

echo "== python wheel: building with maturin (${BADTLS_WHEEL_PROFILE:-release} profile, target/)"
python3 -m venv "$work/build-venv"
"$work/build-venv/bin/pip" install -q 'maturin>=1.5,<2.0'
# BADTLS_WHEEL_PROFILE=dev packs a debug build instead (for a quick local check of the package).
(cd python && "$work/build-venv/bin/maturin" build --profile "${BADTLS_WHEEL_PROFILE:-release}" --locked --out "$work/wheels")
wheel=$(ls "$work"/wheels/badtls-*.whl)
echo "built $wheel ($(du -h "$wheel" | cut -f1))"

echo "== python wheel: a fresh venv with the wheel, pytest, requests, httpx, aiohttp"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$wheel" pytest requests httpx aiohttp

# PATH without any directory that holds cargo, rustc or rustup: the wheel must work without a
# Rust toolchain.
clean_path=$work/venv/bin
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
    [ -n "$d" ] || continue
    if [ -e "$d/cargo" ] || [ -e "$d/rustc" ] || [ -e "$d/rustup" ]; then
        echo "(leaving $d off PATH for the test step)"
        continue
    fi
    clean_path=$clean_path:$d
done
env -u BADTLS_BINARY PATH="$clean_path" "$work/venv/bin/python" - <<'PY'
import shutil, sys, sysconfig
import badtls
for tool in ("cargo", "rustc", "rustup"):
    if shutil.which(tool) is not None:
        sys.exit(f"python-wheel.sh: {tool} is still on PATH at {shutil.which(tool)}")
binary = badtls.find_binary()
if not binary.startswith(sys.prefix):
    sys.exit(f"python-wheel.sh: badtls.find_binary() found {binary}, not the wheel's (under {sys.prefix})")
print(f"no Rust toolchain on PATH; badtls {badtls.__file__}, binary {binary}")
PY

echo "== python wheel: pytest python/tests"
set +e
(cd python/tests && env -u BADTLS_BINARY -u BADTLS_PORT_BASE PATH="$clean_path" \
    "$work/venv/bin/pytest" -p no:cacheprovider -q -rfEsxX --junitxml="$work/pytest.xml")
rc=$?
set -e
case $rc in
    0) echo "pytest: all tests passed" ;;
    1) echo "pytest: some tests failed (exit 1)" ;;
    2) echo "pytest: interrupted (exit 2)" ;;
    3) echo "pytest: internal error (exit 3)" ;;
    4) echo "pytest: command-line usage error (exit 4)" ;;
    5) echo "pytest: no tests were collected (exit 5)" ;;
    *) echo "pytest: exit $rc" ;;
esac

# No `badtls serve` of the wheel may outlive the tests.
left=""
ours=$(realpath "$work/venv/bin/badtls")
for exe in /proc/[0-9]*/exe; do
    if [ "$(readlink "$exe" 2>/dev/null)" = "$ours" ]; then
        pid=${exe#/proc/}
        left="$left ${pid%/exe}"
    fi
done
if [ -n "$left" ]; then
    echo "python-wheel.sh: badtls processes left behind by the tests:$left"
    [ "$rc" -ne 0 ] || rc=1
fi
exit "$rc"
