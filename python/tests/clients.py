"""One request with each client library, made the way the matrix's probes make theirs
(client-matrix/probes/python_urllib.py, python_requests.py): trust only the suite CA, load the
suite's CRLs for endpoints whose expectation requires revocation (where the library can take
them: urllib and httpx through an ssl.SSLContext; requests has no way to), present the client
identity only to endpoints that ask for it, no proxy from the environment, read the whole body. The host is pinned to the endpoint's address by Suite.resolve_hosts() (active in
these tests through the `pinned` fixture), as the probes pin it."""

import threading
import urllib.error
import urllib.request

TIMEOUT_S = 8.0  # the comparison runs the matrix with --timeout 8 too
# As the probes' watchdog (client-matrix/probes/probe_driver.py): the clients' own timeouts are
# per read, so an answer that trickles in (transport/slow-drip) would outlive them.
WATCHDOG_GRACE_S = 1.0


class ProbeTimeout(Exception):
    """The request outlived TIMEOUT_S (+ grace): the probes' watchdog answer, word for word."""


def bounded(client):
    """Run the decorated fetch under the probes' watchdog; `client` names it in the error."""

    def wrap(fetch):
        def run(suite, ep, *args, **kwargs):
            box = {}

            def work():
                try:
                    fetch(suite, ep, *args, **kwargs)
                except Exception as exc:  # the client's rejection, raised below
                    box["exc"] = exc

            worker = threading.Thread(target=work, daemon=True)
            worker.start()
            worker.join(TIMEOUT_S + WATCHDOG_GRACE_S)
            if worker.is_alive():
                raise ProbeTimeout(
                    f"no answer from {client} within {int(TIMEOUT_S * 1000)} ms "
                    f"(+{WATCHDOG_GRACE_S:g} s grace)"
                )
            if "exc" in box:
                raise box["exc"]

        run.__doc__ = fetch.__doc__
        return run

    return wrap


@bounded("urllib")
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


@bounded("requests")
def fetch_requests(suite, ep):
    import requests

    cert = None
    if ep.client_cert:
        identity = suite.identity_for(ep)
        cert = (identity.cert_file, identity.key_file)
    with requests.Session() as s:
        s.trust_env = False
        resp = s.get(ep.url, verify=suite.ca_file, cert=cert, timeout=TIMEOUT_S, stream=True)
        try:
            resp.content
        finally:
            resp.close()


@bounded("httpx")
def fetch_httpx(suite, ep):
    import httpx

    with httpx.Client(verify=suite.ssl_context(ep), timeout=TIMEOUT_S, trust_env=False) as client:
        client.get(ep.url).read()


FETCH = {"urllib": fetch_urllib, "requests": fetch_requests, "httpx": fetch_httpx}
