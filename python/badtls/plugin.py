"""The pytest plugin (entry point `pytest11`): fixtures over a running `badtls serve`.

Fixtures: `badtls_suite` (session scope) starts the suite on ephemeral ports, waits for its
manifest and stops it by PID at the end of the session. Options: --badtls-binary,
--badtls-only GLOB (repeatable), --badtls-port-base N, --badtls-startup-timeout SECS.
"""

import pytest

from ._binary import find_binary
from .errors import BinaryNotFound
from .suite import Suite


def pytest_addoption(parser):
    group = parser.getgroup("badtls", "badtls: deliberately broken TLS endpoints")
    group.addoption("--badtls-binary", default=None, metavar="PATH",
                    help="the badtls binary (default: $BADTLS_BINARY, then the one the wheel installed)")
    group.addoption("--badtls-only", action="append", default=[], metavar="GLOB",
                    help="serve only these scenarios (repeatable; default: all)")
    group.addoption("--badtls-port-base", type=int, default=None, metavar="N",
                    help="fixed ports from N (default: ephemeral ports, which cannot conflict)")
    group.addoption("--badtls-startup-timeout", type=float, default=30.0, metavar="SECS",
                    help="how long to wait for `badtls serve` to be ready (default 30)")


def pytest_report_header(config):
    try:
        return f"badtls: {find_binary(config.getoption('badtls_binary'))}"
    except BinaryNotFound as e:
        return f"badtls: {e}"


@pytest.fixture(scope="session")
def badtls_suite(request):
    """A running badtls suite for the whole session (see badtls.Suite)."""
    opt = request.config.getoption
    suite = Suite.start(
        only=opt("badtls_only") or None,
        binary=opt("badtls_binary"),
        port_base=opt("badtls_port_base"),
        startup_timeout=opt("badtls_startup_timeout"),
    )
    try:
        yield suite
    finally:
        suite.stop()
