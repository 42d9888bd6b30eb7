"""badtls.classify() on the exceptions of urllib3 used directly and of aiohttp, from real requests
to the suite, and its fallbacks for texts no table knows."""

import asyncio
import ssl

import pytest

import badtls
from clients import TIMEOUT_S

# A few endpoints that exercise each family of reason: certificate, handshake, transport.
SAMPLE = [
    "cert/expired",
    "cert/self-signed",
    "cert/wrong-host",
    "transport/plain-http",
    "transport/reset",
    "transport/truncated",
    "transport/close-after-hello",
    "client-auth/required",
]


@pytest.mark.parametrize("scenario", SAMPLE)
def test_urllib3_errors_classify_as_expected(pinned, scenario):
    urllib3 = pytest.importorskip("urllib3")
    ep = pinned.endpoint(scenario)
    pool = urllib3.PoolManager(ssl_context=pinned.ssl_context(ep), retries=False, timeout=TIMEOUT_S)
    with badtls.expect_rejected(ep) as outcome:
        pool.request("GET", ep.url).data
    assert outcome.classification.reason is not None


async def _aiohttp_get(ep, ctx):
    import aiohttp

    timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout, trust_env=False) as session:
        async with session.get(ep.url, ssl=ctx) as resp:
            await resp.read()


@pytest.mark.parametrize("scenario", SAMPLE + ["transport/hang", "good/default"])
def test_aiohttp_errors_classify_as_expected(pinned, scenario):
    pytest.importorskip("aiohttp")
    ep = pinned.endpoint(scenario)
    with badtls.expect_outcome(ep):
        asyncio.run(_aiohttp_get(ep, pinned.ssl_context(ep)))


def test_wrapped_exceptions_are_followed():
    """A wrapper whose own text says nothing: the wrapped exception's text decides."""

    class ClientFailure(Exception):
        pass

    inner = ssl.SSLCertVerificationError(
        1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)"
    )
    try:
        try:
            raise inner
        except ssl.SSLError as e:
            raise ClientFailure("request failed") from e
    except ClientFailure as outer:
        c = badtls.classify(outer)
    assert c.reason == "cert.expired", c
    assert c.text == "ClientFailure: request failed"
    assert "wrapped SSLCertVerificationError" in c.source


def test_structured_fields_are_the_last_resort():
    """No table row knows this wording; the verify code and the SSL reason code still do."""
    e = ssl.SSLCertVerificationError(1, "certificate rejected (wording of some other OpenSSL)")
    e.verify_code = 10
    assert badtls.classify(e).reason == "cert.expired"
    assert badtls.classify(e).source == "verify_code 10"
    e = ssl.SSLError(1, "something new")
    e.reason = "WRONG_VERSION_NUMBER"
    assert badtls.classify(e).reason == "transport.not-tls"
    assert badtls.classify(ConnectionRefusedError(111, "no")).source == "exception class ConnectionRefusedError"
    c = badtls.classify(ValueError("nothing to do with TLS"))
    assert c.reason is None and not c.matches("cert.expired")


def test_coarse_reason_matches_its_children_only():
    c = badtls.Classification("cert.untrusted", "x", "test")
    assert c.matches("cert.self-signed") and c.matches("cert.untrusted")
    assert not c.matches("cert.expired")
    fine = badtls.Classification("cert.self-signed", "x", "test")
    assert not fine.matches("cert.untrusted")  # finer than expected: no
