#!/usr/bin/env python3
"""Client-matrix probe for Python's urllib.request (standard library only).

Speaks the adapter protocol (docs/adapter-protocol.md): one target JSON object per stdin line,
one result JSON object per stdout line, `--version` prints one line and exits. The protocol
driver (stdin loop, parallelism, watchdog, output) is probe_driver.py, next to this file;
this file is the client part: fetch() and version().

Verification is urllib's default: ssl.create_default_context(cafile=ca_file), which checks the
chain and the host name. The host name in the URL is pinned to the target's `address` by
replacing only the TCP connect of http.client.HTTPSConnection; SNI and certificate
verification still use `host`.
"""

import http.client
import os
import platform
import socket
import ssl
import sys
import urllib.error
import urllib.request

# The protocol driver sits next to this file (in probes/ and in the installed copy).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_driver import result, run  # noqa: E402


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
    if t.get("crl_file"):
        # Revocation, as the ssl docs describe it: CRLs join the verify locations, and every
        # certificate of the chain is checked.
        ctx.load_verify_locations(cafile=t["crl_file"])
        ctx.verify_flags |= ssl.VERIFY_CRL_CHECK_CHAIN
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


def version():
    return f"python-urllib {platform.python_version()} ({ssl.OPENSSL_VERSION})"


if __name__ == "__main__":
    run(fetch, client="urllib", name="python_urllib", version=version)
