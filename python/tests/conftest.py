import os
import sys

import pytest

import badtls

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

_KNOWN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "known_deviations.toml")


def known_deviations(client):
    """{scenario: why} of the deviations known_deviations.toml records for `client`."""
    with open(_KNOWN, "rb") as f:
        rows = tomllib.load(f).get("deviation", [])
    return {r["scenario"]: r["why"] for r in rows if r["client"] == client}


def catalogue(client):
    """Every scenario id, a known deviation of `client` marked xfail(strict): it must still
    deviate, or the test fails and the entry goes."""
    known = known_deviations(client)
    return [
        pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=known[s])) if s in known else s
        for s in badtls.scenarios("*")
    ]


@pytest.fixture
def pinned(badtls_suite):
    """Endpoint host names resolve to their addresses for the test (see Suite.resolve_hosts)."""
    with badtls_suite.resolve_hosts():
        yield badtls_suite
