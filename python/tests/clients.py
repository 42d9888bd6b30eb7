"""One request with each client library, made the way the matrix's probes make theirs
(client-matrix/probes/python_urllib.py, python_requests.py): trust only the suite CA, load the
suite's CRLs for endpoints whose expectation requires revocation (where the library can take
them: urllib and httpx through an ssl.SSLContext; requests has no way to), present the client
identity only to endpoints that ask for it, no proxy from the environment, read the whole body. The host is pinned to the endpoint's address by Suite.resolve_hosts() (active in
these tests through the `pinned` fixture), as the probes pin it."""

import urllib.error
import urllib.request

TIMEOUT_S = 8.0  # the comparison runs the matrix with --timeout 8 too


def fetch_urllib(suite, ep, ctx=None):
    """`ctx` replaces the context suite.ssl_context(ep) would give (say, one without CRLs)."""
    ctx = ctx or suite.ssl_context(ep)
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=ctx)
    )
    try:
        resp = opener.open(ep.url, timeout=TIMEOUT_S)
    except urllib.error.HTTPError as e:
        resp = e  # a non-2xx status is still a response: read its body
    with resp:
        resp.read()


def fetch_requests(suite, ep):
    import requests

    cert = None
    if ep.client_cert:
        cert = (suite.client_identity.cert_file, suite.client_identity.key_file)
    with requests.Session() as s:
        s.trust_env = False
        resp = s.get(ep.url, verify=suite.ca_file, cert=cert, timeout=TIMEOUT_S, stream=True)
        try:
            resp.content
        finally:
            resp.close()


def fetch_httpx(suite, ep):
    import httpx

    with httpx.Client(verify=suite.ssl_context(ep), timeout=TIMEOUT_S, trust_env=False) as client:
        client.get(ep.url).read()


FETCH = {"urllib": fetch_urllib, "requests": fetch_requests, "httpx": fetch_httpx}
