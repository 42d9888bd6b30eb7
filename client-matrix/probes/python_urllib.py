#!/usr/bin/env python3
"""Client-matrix probe for Python's urllib.request (standard library only).

Speaks the adapter protocol (docs/adapter-protocol.md): one target JSON object per stdin line,
one result JSON object per stdout line, `--version` prints one line and exits.

Verification is urllib's default: ssl.create_default_context(cafile=ca_file), which checks the
chain and the host name. The host name in the URL is pinned to the target's `address` by
replacing only the TCP connect of http.client.HTTPSConnection; SNI and certificate
verification still use `host`.
"""

import http.client
import json
import os
import platform
import socket
import ssl
import sys
import threading
import time
import urllib.error
import urllib.request

MAX_PARALLEL = 8
# Grace after timeout_ms before the probe's own watchdog answers for a stuck request.
WATCHDOG_GRACE_S = 1.0

_out_lock = threading.Lock()


def log(msg):
    print(f"python_urllib: {msg}", file=sys.stderr, flush=True)


def emit(result):
    line = json.dumps(result)
    with _out_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def result(tid, ok, error=None, status=None, protocol=None, cipher=None):
    return {"id": tid, "ok": ok, "error": error, "status": status,
            "protocol": protocol, "cipher": cipher}


def error_text(e):
    if isinstance(e, urllib.error.URLError) and not isinstance(e, urllib.error.HTTPError):
        # str(URLError) is "<urlopen error REASON>"; keep the class name and the reason verbatim.
        return f"{type(e).__name__}: {e.reason}"
    return f"{type(e).__name__}: {e}"


def make_handler(ctx, address, tls_info):
    """An HTTPSHandler whose connections dial `address` but keep the URL's host for TLS."""

    class PinnedHTTPSConnection(http.client.HTTPSConnection):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            port_address = address

            def create_connection(addr, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
                return socket.create_connection((port_address, addr[1]), timeout, source_address)

            self._create_connection = create_connection

        def connect(self):
            super().connect()  # TCP to `address`, then wrap_socket(server_hostname=self.host)
            try:
                tls_info["protocol"] = self.sock.version()
                c = self.sock.cipher()
                tls_info["cipher"] = c[0] if c else None
            except Exception:  # informational only
                pass

    class PinnedHTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(PinnedHTTPSConnection, req, context=ctx)

    return PinnedHTTPSHandler()


def fetch(t, progress):
    tid = t["id"]
    timeout_s = float(t.get("timeout_ms") or 4000) / 1000.0
    ctx = ssl.create_default_context(cafile=t["ca_file"])
    if t.get("client_cert"):
        ctx.load_cert_chain(t["client_cert"], t.get("client_key"))
    tls_info = progress  # connect() fills protocol and cipher in here
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}),  # never a proxy, whatever the environment says
        make_handler(ctx, t.get("address") or t["host"], tls_info),
    )
    try:
        resp = opener.open(t["url"], timeout=timeout_s)
    except urllib.error.HTTPError as e:
        resp = e  # a non-2xx status is still a response: read its body like any other
    except Exception as e:
        return result(tid, False, error_text(e), **progress)
    status = progress["status"] = resp.status
    try:
        with resp:
            resp.read()
    except Exception as e:
        return result(tid, False, error_text(e), **progress)
    return result(tid, True, **progress)


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
                answer(result(tid, False, f"ProbeTimeout: no answer from urllib within "
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
                tid = t["id"]
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
    return f"python-urllib {platform.python_version()} ({ssl.OPENSSL_VERSION})"


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--version":
        print(version())
        sys.exit(0)
    Runner().main()
    # Daemon threads of abandoned (watchdog-answered) requests must not keep us alive.
    os._exit(0)
