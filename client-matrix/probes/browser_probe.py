#!/usr/bin/env python3
"""Client-matrix probe for two browsers: `browser_probe.py chromium` (BoringSSL) and
`browser_probe.py firefox` (NSS). Standard library only.

Speaks the adapter protocol (docs/adapter-protocol.md), with one difference in timing: it reads
every target first (the runner closes stdin after the last one), because the browser is started
once per run with what the targets need (host-name mappings, allowed ports), then answers them.

Each run makes a throwaway profile in a temporary directory, with an NSS database (made with
`certutil` from libnss3-tools) that trusts only the target's CA file, and deletes it afterwards.
The browser keeps its default verification: nothing is ignored or overridden. Its error is the
browser's own net error code: `net::ERR_CERT_DATE_INVALID` (Chromium, from the DevTools
protocol) or `SEC_ERROR_EXPIRED_CERTIFICATE: <message>` (Firefox, from its error page, read over
Marionette).

The drivers are browser_chromium.py and browser_firefox.py, next to this file.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# Where each browser usually is; BADTLS_CHROMIUM / BADTLS_FIREFOX name another binary.
CANDIDATES = {
    "chromium": ("BADTLS_CHROMIUM", ["chromium", "chromium-browser", "google-chrome"]),
    "firefox": ("BADTLS_FIREFOX", ["firefox-esr", "firefox"]),
}


def find_browser(kind):
    env, names = CANDIDATES[kind]
    if os.environ.get(env):
        if not shutil.which(os.environ[env]):
            raise SystemExit(f"{env}={os.environ[env]}: no such program")
        return os.environ[env]
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit(
        f"{kind} is not installed (looked for {', '.join(names)} on PATH; set {env} to its binary)"
    )


def make_nss_db(directory, ca_file):
    """An NSS database in `directory` that trusts `ca_file` (and nothing else we add)."""
    if not shutil.which("certutil"):
        raise SystemExit("certutil is not installed (Debian: libnss3-tools)")
    os.makedirs(directory, exist_ok=True)
    for args in (
        ["-N", "-d", f"sql:{directory}", "--empty-password"],
        ["-A", "-d", f"sql:{directory}", "-n", "badtls-suite-ca", "-t", "C,,", "-i", ca_file],
    ):
        done = subprocess.run(["certutil", *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"certutil {' '.join(args)} failed: {done.stderr.strip()}")


def result(target, ok, error=None, status=None, protocol=None, cipher=None):
    return {
        "id": target["id"],
        "ok": ok,
        "error": error,
        "status": status,
        "protocol": protocol,
        "cipher": cipher,
    }


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in CANDIDATES:
        raise SystemExit("usage: browser_probe.py chromium|firefox [--version]")
    kind = sys.argv[1]
    if kind == "chromium":
        import browser_chromium as driver
    else:
        import browser_firefox as driver
    binary = find_browser(kind)
    if sys.argv[2:] == ["--version"]:
        # Without certutil no profile can be made: say so now, so the client is SKIP.
        if not shutil.which("certutil"):
            raise SystemExit("certutil is not installed (Debian: libnss3-tools)")
        try:
            print(driver.version(binary))
        except (OSError, subprocess.SubprocessError) as e:
            raise SystemExit(f"{binary} --version: {e}") from None
        return
    targets = [json.loads(line) for line in sys.stdin if line.strip()]
    if not targets:
        return
    cas = {t["ca_file"] for t in targets}
    if len(cas) != 1:
        raise SystemExit(f"one CA per run, got {len(cas)}: {sorted(cas)}")
    workdir = tempfile.mkdtemp(prefix=f"badtls-{kind}-")
    try:

        def emit(r):
            sys.stdout.write(json.dumps(r) + "\n")
            sys.stdout.flush()

        driver.run(binary, workdir, cas.pop(), targets, emit)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
