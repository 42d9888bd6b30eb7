"""Start-up and teardown of `badtls serve`: bounded, no process left behind, clear errors."""

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time

import pytest

import badtls


def alive(pid):
    """Whether `pid` is a live process (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_gone(pid, limit_s=10.0):
    deadline = time.monotonic() + limit_s
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def refused(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def test_missing_binary_is_a_clear_error(monkeypatch, tmp_path):
    missing = tmp_path / "no-such-badtls"
    with pytest.raises(badtls.BinaryNotFound, match="no-such-badtls.*not an executable file"):
        badtls.Suite.start(binary=missing)
    monkeypatch.setenv("BADTLS_BINARY", str(missing))
    with pytest.raises(badtls.BinaryNotFound, match=r"\$BADTLS_BINARY names .*no-such-badtls"):
        badtls.find_binary()
    # Nowhere at all: the error lists the places it looked and how to fix it.
    monkeypatch.delenv("BADTLS_BINARY")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(badtls._binary, "_candidates", lambda: [str(tmp_path / "bin" / "badtls")])
    with pytest.raises(badtls.BinaryNotFound) as err:
        badtls.find_binary()
    assert str(tmp_path / "bin" / "badtls") in str(err.value)
    assert "pip install badtls" in str(err.value) and "BADTLS_BINARY" in str(err.value)


def test_port_conflict_is_a_clear_error():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(badtls.PortConflict) as err:
            badtls.Suite.start(only="good/default", port_base=port, startup_timeout=20)
    message = str(err.value)
    assert f"127.0.0.1:{port}" in message and "cannot bind" in message, message
    assert "ephemeral" in message, message


def test_stop_is_sigterm_and_leaves_nothing(tmp_path):
    suite = badtls.Suite.start(only=["good/default", "cert/expired"])
    pid, port = suite.pid, suite.endpoint("good/default").port
    control_port = int(suite.control.rsplit(":", 1)[1])
    assert alive(pid) and os.path.isfile(suite.ca_file)
    assert suite.scenarios("cert/*") == ["cert/expired"]
    with pytest.raises(badtls.UnknownScenario, match="serves no endpoint 'cert/revoked'.*good/default"):
        suite.endpoint("cert/revoked")
    started = time.monotonic()
    assert suite.stop() == "SIGTERM"
    assert time.monotonic() - started < suite.stop_timeout
    assert not alive(pid)
    assert refused(port) and refused(control_port)
    assert not os.path.exists(suite.ca_file)
    assert suite.stop() == "SIGTERM"  # idempotent


def test_a_server_that_ignores_sigterm_is_killed():
    suite = badtls.Suite.start(only="good/default", stop_timeout=0.5)
    os.kill(suite.pid, signal.SIGSTOP)  # a stopped process does not act on SIGTERM
    assert suite.stop() == "SIGKILL"
    assert not alive(suite.pid)


def test_startup_is_bounded_and_cleans_up():
    with pytest.raises(badtls.StartupError, match="not ready within") as err:
        badtls.Suite.start(startup_timeout=0)
    assert wait_gone(err.value.pid, 0), f"pid {err.value.pid} still runs"


def test_a_killed_test_process_leaves_no_server():
    """SIGKILL the Python process that started a suite (no finaliser runs): the server still
    goes, through PR_SET_PDEATHSIG."""
    script = textwrap.dedent(
        """
        import sys, time, badtls
        suite = badtls.Suite.start(only="good/default")
        print(suite.pid, flush=True)
        time.sleep(60)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        line = parent.stdout.readline()
        assert line.strip().isdigit(), f"the child printed {line!r}"
        server = int(line)
        assert alive(server)
    finally:
        parent.kill()
        parent.wait(timeout=10)
    assert wait_gone(server), f"badtls serve (pid {server}) outlived its parent"
