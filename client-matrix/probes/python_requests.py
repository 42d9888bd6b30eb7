#!/usr/bin/env python3
"""Client-matrix probe for python-requests (on urllib3).

Speaks the adapter protocol (docs/adapter-protocol.md): one target JSON object per stdin line,
one result JSON object per stdout line, `--version` prints one line and exits.

Verification is requests' default with the CA file passed explicitly (verify=ca_file, so a
REQUESTS_CA_BUNDLE in the environment can't change it). The URL's host is pinned to the
target's `address` by wrapping urllib3's create_connection (the TCP connect only); SNI and
certificate verification still use `host`.
"""

import json
import os
import platform
import ssl
import sys
import threading

import requests
import urllib3
import urllib3.connection
import urllib3.util.connection

MAX_PARALLEL = 8
# Grace after timeout_ms before the probe's own watchdog answers for a stuck request.
WATCHDOG_GRACE_S = 1.0

_out_lock = threading.Lock()

# (host, port) -> address, filled from the targets before each request.
_pins = {}
_pins_lock = threading.Lock()
_orig_create_connection = urllib3.util.connection.create_connection


def _pinned_create_connection(address, *args, **kwargs):
    host, port = address[0], address[1]
    with _pins_lock:
        pinned = _pins.get((host.lower(), int(port)))
    if pinned:
        address = (pinned, port)
    return _orig_create_connection(address, *args, **kwargs)


# urllib3.connection.HTTPConnection._new_conn calls `connection.create_connection(...)` through
# the module attribute, so replacing it there covers every connection requests makes.
urllib3.util.connection.create_connection = _pinned_create_connection

# The negotiated protocol and cipher, recorded per thread (each target runs on its own thread,
# and requests is synchronous) right after urllib3's TLS handshake.
_tls = threading.local()
_orig_https_connect = urllib3.connection.HTTPSConnection.connect


def _recording_https_connect(self, *args, **kwargs):
    ret = _orig_https_connect(self, *args, **kwargs)
    try:
        c = self.sock.cipher()
        _tls.info = {"protocol": self.sock.version(), "cipher": c[0] if c else None}
    except Exception:  # informational only
        pass
    return ret


urllib3.connection.HTTPSConnection.connect = _recording_https_connect


def log(msg):
    print(f"python_requests: {msg}", file=sys.stderr, flush=True)


def emit(result):
    line = json.dumps(result)
    with _out_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def result(tid, ok, error=None, status=None, protocol=None, cipher=None):
    return {"id": tid, "ok": ok, "error": error, "status": status,
            "protocol": protocol, "cipher": cipher}


def error_text(e):
    return f"{type(e).__name__}: {e}"


def tls_info():
    return dict(getattr(_tls, "info", None) or {"protocol": None, "cipher": None})


def fetch(t, progress):
    tid = t["id"]
    timeout_s = float(t.get("timeout_ms") or 4000) / 1000.0
    host = t["host"]
    port = int(t["port"])
    address = t.get("address")
    if address and address != host:
        with _pins_lock:
            _pins[(host.lower(), port)] = address
    cert = None
    if t.get("client_cert"):
        cert = (t["client_cert"], t["client_key"]) if t.get("client_key") else t["client_cert"]
    try:
        # A fresh Session per target (what requests.get does); the body is read separately so
        # that a failure there still reports the status that arrived.
        with requests.Session() as s:
            resp = s.get(t["url"], verify=t["ca_file"], cert=cert, timeout=timeout_s, stream=True)
            progress.update(tls_info(), status=resp.status_code)
            try:
                resp.content  # reads the whole body
            except Exception as e:
                return result(tid, False, error_text(e), **progress)
            finally:
                resp.close()
            return result(tid, True, **progress)
    except Exception as e:
        return result(tid, False, error_text(e), **tls_info())


class Runner:
    def __init__(self):
        self.slots = threading.BoundedSemaphore(MAX_PARALLEL)
        self.lock = threading.Lock()
        self.pending = 0
        self.all_done = threading.Condition(self.lock)

    def run_target(self, t):
        tid = t["id"]
        done = threading.Event()
        answered = [False]
        # What fetch() learnt so far (status, protocol, cipher), for the watchdog's answer.
        progress = {"status": None, "protocol": None, "cipher": None}

        def answer(res):
            with self.lock:
                if answered[0]:
                    return
                answered[0] = True
                emit(res)
                self.pending -= 1
                self.all_done.notify_all()
            self.slots.release()

        def watchdog():
            if not done.wait(float(t.get("timeout_ms") or 4000) / 1000.0 + WATCHDOG_GRACE_S):
                answer(result(tid, False, f"ProbeTimeout: no answer from requests within "
                                          f"{t.get('timeout_ms')} ms (+{WATCHDOG_GRACE_S:g} s grace)",
                              **progress))

        def work():
            try:
                res = fetch(t, progress)
            except Exception as e:  # bad target fields etc.
                res = result(tid, False, f"ProbeError: {type(e).__name__}: {e}")
            done.set()
            answer(res)

        threading.Thread(target=work, daemon=True).start()
        threading.Thread(target=watchdog, daemon=True).start()

    def main(self):
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            try:
                t = json.loads(line)
                t["id"]
            except Exception as e:
                log(f"ignoring unparsable target line ({e}): {line[:200]}")
                continue
            self.slots.acquire()
            with self.lock:
                self.pending += 1
            self.run_target(t)
        with self.lock:
            while self.pending > 0:
                self.all_done.wait()
        sys.stdout.flush()


def version():
    return (f"python-requests {requests.__version__} "
            f"(urllib3 {urllib3.__version__}, {ssl.OPENSSL_VERSION}, Python {platform.python_version()})")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--version":
        print(version())
        sys.exit(0)
    Runner().main()
    # Daemon threads of abandoned (watchdog-answered) requests must not keep us alive.
    os._exit(0)
