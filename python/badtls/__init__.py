"""badtls: a local suite of deliberately broken TLS endpoints, and a pytest plugin that checks a
Python HTTP client rejects each for the right reason.

    import badtls, pytest, requests

    @pytest.mark.parametrize("scenario", badtls.scenarios("cert/*"))
    def test_requests(badtls_suite, scenario):
        ep = badtls_suite.endpoint(scenario)
        with badtls_suite.resolve_hosts(), badtls.expect_outcome(ep):
            requests.get(ep.url, verify=badtls_suite.ca_file, timeout=4)

The `badtls` command itself is the Rust binary the wheel installs next to this Python.
"""

from ._binary import cached_json, find_binary
from ._check import Outcome, expect_outcome, expect_rejected, judge
from ._classify import Classification, classify, probe_text
from .errors import (
    BadtlsError,
    BinaryFailed,
    BinaryNotFound,
    PortConflict,
    StartupError,
    UnknownScenario,
)
from .suite import ClientIdentity, Endpoint, Expectation, Suite


def scenarios(pattern="*", binary=None):
    """The scenario ids matching a glob (the `--only` syntax of the binary), in catalogue order,
    without starting a suite: for `pytest.mark.parametrize`. A pattern that matches nothing is
    an error (BinaryFailed, with badtls' message)."""
    return [row["id"] for row in cached_json(["list", "--json", "--only", pattern], binary)]


#: The name the issue and the README use in `pytest.mark.parametrize("scenario", ...)`.
badtls_scenarios = scenarios

__all__ = [
    "BadtlsError",
    "BinaryFailed",
    "BinaryNotFound",
    "Classification",
    "ClientIdentity",
    "Endpoint",
    "Expectation",
    "Outcome",
    "PortConflict",
    "StartupError",
    "Suite",
    "UnknownScenario",
    "badtls_scenarios",
    "classify",
    "expect_outcome",
    "expect_rejected",
    "find_binary",
    "judge",
    "probe_text",
    "scenarios",
]
