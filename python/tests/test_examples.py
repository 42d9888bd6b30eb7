"""The examples: urllib.request, requests and httpx against the whole catalogue, judged with the
plugin. A failure names the scenario, what the client did and why it is wrong."""

import pytest

import badtls
from clients import fetch_httpx, fetch_requests, fetch_urllib
from conftest import catalogue

# What each client can do of the capabilities an expectation may require: an endpoint that
# requires another one is N/A for the client (skipped, with the reason), as in the matrix.
# Python's default context offers DHE suites; urllib and httpx take an SSLContext, so they
# check revocation with the suite's CRLs loaded (clients.py), requests cannot be given CRLs;
# urllib offers no ALPN, urllib3 (requests) and httpx offer http/1.1; all three present the
# client identity to endpoints that ask for one.
URLLIB = {"dhe", "revocation", "client-cert"}
REQUESTS = {"alpn", "dhe", "client-cert"}
HTTPX = {"alpn", "dhe", "revocation", "client-cert"}


@pytest.mark.parametrize("scenario", catalogue("urllib"))
def test_urllib_request(pinned, scenario):
    ep = pinned.endpoint(scenario)
    with badtls.expect_outcome(ep, capabilities=URLLIB):
        fetch_urllib(pinned, ep)


@pytest.mark.parametrize("scenario", catalogue("requests"))
def test_requests(pinned, scenario):
    ep = pinned.endpoint(scenario)
    with badtls.expect_outcome(ep, capabilities=REQUESTS):
        fetch_requests(pinned, ep)


@pytest.mark.parametrize("scenario", catalogue("httpx"))
def test_httpx(pinned, scenario):
    ep = pinned.endpoint(scenario)
    with badtls.expect_outcome(ep, capabilities=HTTPX):
        fetch_httpx(pinned, ep)


def test_expect_rejected_reads_like_the_rust_example(pinned):
    import requests

    ep = pinned.endpoint("cert/expired")
    with badtls.expect_rejected(ep) as outcome:
        requests.get(ep.url, verify=pinned.ca_file, timeout=4)
    assert outcome.status == "pass"
    assert outcome.classification.reason == "cert.expired"
    try:
        requests.get(ep.url, verify=pinned.ca_file, timeout=4)
    except requests.exceptions.SSLError as err:
        assert badtls.classify(err).matches(ep.expect.reason)
    else:
        pytest.fail("requests accepted an expired certificate")


@pytest.mark.filterwarnings("ignore:Unverified HTTPS request")
def test_expect_rejected_fails_with_the_scenarios_explanation(pinned):
    import requests

    good = pinned.endpoint("good/default")
    with pytest.raises(ValueError, match="expects 'accept'"):
        with badtls.expect_rejected(good):
            pass
    # The client accepts cert/expired when told not to verify: a false accept, explained.
    ep = pinned.endpoint("cert/expired")
    with pytest.raises(AssertionError) as failure:
        with badtls.expect_rejected(ep):
            requests.get(ep.url, verify=False, timeout=4)
    message = str(failure.value)
    assert message.startswith("FALSE-ACCEPT cert/expired"), message
    assert ep.explain and ep.explain in message
    assert "cert.expired" in message
    # Rejected, but for another reason than the scenario's: wrong reason, with both named.
    wrong = pinned.endpoint("cert/wrong-host")
    with pytest.raises(AssertionError) as failure:
        with badtls.expect_rejected(wrong):
            requests.get(ep.url, verify=pinned.ca_file, timeout=4)  # the expired one
    message = str(failure.value)
    assert message.startswith("WRONG-REASON cert/wrong-host"), message
    assert "cert.expired" in message and "cert.hostname-mismatch" in message


def test_revocation_is_checked_only_with_the_suites_crls(pinned):
    """cert/revoked is accepted by a context without the CRLs (no client fetches them by
    itself here) and refused as cert.revoked with suite.ssl_context(), which loads them."""
    ep = pinned.endpoint("cert/revoked")
    assert "revocation" in ep.expect.requires
    with open(pinned.crl_file, encoding="ascii") as f:
        crls = f.read()
    assert crls.count("-----BEGIN X509 CRL-----") == len(pinned.manifest["crls"]) > 0
    fetch_urllib(pinned, ep, ctx=pinned.ssl_context(ep, revocation=False))  # accepted
    with badtls.expect_rejected(ep, capabilities={"revocation"}) as outcome:
        fetch_urllib(pinned, ep)
    assert outcome.classification.reason == "cert.revoked"
