#!/usr/bin/env python3
"""Client-matrix probe for python-requests (on urllib3).

Speaks the adapter protocol (docs/adapter-protocol.md): one target JSON object per stdin line,
one result JSON object per stdout line, `--version` prints one line and exits. The protocol
driver (stdin loop, parallelism, watchdog, output) is probe_driver.py, next to this file;
this file is the client part: fetch() and version().

Verification is requests' default with the CA file passed explicitly (verify=ca_file, so a
REQUESTS_CA_BUNDLE in the environment can't change it). The URL's host is pinned to the
target's `address` by wrapping urllib3's create_connection (the TCP connect only); SNI and
certificate verification still use `host`.
"""

import os
import platform
import ssl
import sys
import threading

import requests
import urllib3
import urllib3.connection
import urllib3.util.connection

# The protocol driver sits next to this file (in probes/ and in the installed copy).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_driver import result, run  # noqa: E402

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


def version():
    return (f"python-requests {requests.__version__} "
            f"(urllib3 {urllib3.__version__}, {ssl.OPENSSL_VERSION}, Python {platform.python_version()})")


if __name__ == "__main__":
    run(fetch, client="requests", name="python_requests", version=version)
