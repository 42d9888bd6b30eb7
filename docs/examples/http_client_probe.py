#!/usr/bin/env python3
"""A complete badtls probe for Python's http.client, with nothing but the standard library.

It is the example of docs/adapter-protocol.md: copy it, replace fetch() and version() with your
own client library, and run the matrix with it:

    badtls matrix --probe 'python-http-client=python3 docs/examples/http_client_probe.py' \
                  --classifier docs/examples/python-http-client.toml

The protocol: one JSON target per line on stdin, one JSON result per line on stdout (in any
order, matched by "id"), diagnostics on stderr, exit 0 once stdin closes; `--version` prints one
line naming the client.
"""
import http.client
import json
import socket
import ssl
import sys
import threading
from concurrent.futures import ThreadPoolExecutor


def version():
    return f"python-http-client {sys.version.split()[0]} ({ssl.OPENSSL_VERSION})"


def fetch(target):
    """GET / from one endpoint with the client's default verification, trusting only the CA."""
    timeout = target["timeout_ms"] / 1000
    context = ssl.create_default_context(cafile=target["ca_file"])
    if target.get("client_cert"):
        context.load_cert_chain(target["client_cert"], target["client_key"])
    # Connect to `address` and verify `host`: the host may be a name no resolver knows.
    raw = socket.create_connection((target["address"], target["port"]), timeout=timeout)
    try:
        tls = context.wrap_socket(raw, server_hostname=target["host"])
    except BaseException:
        raw.close()
        raise
    with tls:
        # Read them now: once the server closes after its answer, the socket no longer knows.
        protocol, cipher = tls.version(), tls.cipher()[0]
        conn = http.client.HTTPConnection(target["host"], target["port"], timeout=timeout)
        conn.sock = tls
        conn.request("GET", "/")
        response = conn.getresponse()
        response.read()
        return {"ok": True, "status": response.status, "protocol": protocol, "cipher": cipher}


def answer(target, lock):
    try:
        result = fetch(target)
    except Exception as e:  # the error text verbatim: the classifier table reads it
        result = {"ok": False, "error": f"{type(e).__name__}: {e}"}
    result["id"] = target["id"]
    with lock:
        print(json.dumps(result), flush=True)


def main():
    if sys.argv[1:] == ["--version"]:
        print(version())
        return
    lock = threading.Lock()
    with ThreadPoolExecutor(max_workers=8) as pool:
        for line in sys.stdin:
            if line.strip():
                pool.submit(answer, json.loads(line), lock)


if __name__ == "__main__":
    main()
