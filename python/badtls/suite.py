"""A running `badtls serve`: started on ephemeral ports, ready through its manifest, stopped by PID.

    with Suite.start(only=["good/default", "cert/*"]) as suite:
        ep = suite.endpoint("cert/expired")
        ctx = ssl.create_default_context(cafile=suite.ca_file)
        ...

Start-up and shutdown are bounded: `startup_timeout` for the ready line (the process is killed
and StartupError raised after it), SIGTERM then `stop_timeout` then SIGKILL at the end. On Linux
the child also gets SIGTERM if the Python thread that started it dies (PR_SET_PDEATHSIG), so a
killed pytest leaves no server behind.
"""

import atexit
import contextlib
import fnmatch
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import weakref
from dataclasses import dataclass, field
from typing import List, Optional

from ._binary import cached_json, find_binary
from .errors import BadtlsError, PortConflict, StartupError, UnknownScenario

READY_PREFIX = "badtls ready:"
_POLL_S = 0.02


@dataclass(frozen=True)
class Expectation:
    """What a correct client does with an endpoint: `verdict` is "accept", "reject" or "either";
    `reason` the canonical reason of a rejection; `requires` the client capabilities the
    expectation assumes (e.g. "revocation"): a client without them is not applicable."""

    verdict: str
    reason: Optional[str] = None
    requires: List[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, obj):
        return cls(
            verdict=str(obj.get("verdict", "")),
            reason=obj.get("reason"),
            requires=list(obj.get("requires") or []),
        )


@dataclass(frozen=True)
class ClientIdentity:
    """The suite's client certificate and key (PEM files), for mutual-TLS endpoints."""

    cert_file: str
    key_file: str


@dataclass(frozen=True)
class Endpoint:
    """One endpoint of a running suite, as its manifest describes it. Connect to `url` (or
    `address`:`port` with `host` as the TLS server name: `host` may be a `*.badtls.test` name no
    resolver knows; Suite.resolve_hosts() makes it resolve)."""

    id: str
    summary: str
    url: str
    host: str
    address: str
    port: int
    sni: str
    expect: Expectation
    client_cert: bool = False
    #: Where the identity to present is when it is not the suite's (a bad one the server must
    #: refuse, `client-auth/*-cert-*`): chain and key PEM on the control port. See
    #: Suite.identity_for().
    client_cert_url: Optional[str] = None
    client_key_url: Optional[str] = None
    #: The scenario's explanation (what is wrong and what a client should do), from `badtls list`.
    explain: str = ""

    def skip_unless_capable(self, capabilities=()):
        """pytest.skip this test (status N/A) when the expectation requires a capability that
        is not in `capabilities`, naming the missing ones."""
        missing = [c for c in self.expect.requires if c not in set(capabilities)]
        if missing:
            import pytest

            pytest.skip(
                f"N/A: {self.id} expects {self.expect.verdict}"
                f"{' ' + self.expect.reason if self.expect.reason else ''} only from a client "
                f"with {', '.join(missing)}, which this client lacks"
            )


def _die_with_parent():
    """preexec_fn: SIGTERM the child when the thread that forked it dies (Linux only)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except Exception:  # best effort: atexit and the fixture's finaliser still stop it
        pass


def _get(url, timeout=10.0):
    """The body of a GET on the suite's control port (plain HTTP on loopback, never a proxy)."""
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as resp:
            return resp.read()
    except OSError as e:
        raise BadtlsError(f"could not fetch {url} from the suite's control port: {e}") from e


def _pem(label, der):
    """PEM armour around DER bytes (64-column base64, as RFC 7468 writes it)."""
    import base64

    b64 = base64.b64encode(der).decode("ascii")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


def _read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


_LIVE = weakref.WeakSet()


@atexit.register
def _stop_all():
    for suite in list(_LIVE):
        suite.stop()


class Suite:
    """A `badtls serve` process and its manifest. Use Suite.start(); stop() (or `with`) ends it."""

    def __init__(self, proc, workdir, manifest, binary, stop_timeout, explanations):
        self._proc = proc
        self._workdir = workdir
        self.manifest = manifest
        self.binary = binary
        self.stop_timeout = stop_timeout
        self.control = manifest["control"]
        self.ca_pem = manifest["ca_pem"]
        state = os.path.join(workdir.name, "state")
        self.ca_file = os.path.join(state, "ca.pem")
        self.client_identity = ClientIdentity(
            os.path.join(state, "client.pem"), os.path.join(state, "client.key")
        )
        self.endpoints = [
            Endpoint(
                id=e["id"],
                summary=e.get("summary", ""),
                url=e["url"],
                host=e["host"],
                address=e["address"],
                port=int(e["port"]),
                sni=e.get("sni", ""),
                expect=Expectation.from_json(e.get("expect") or {}),
                client_cert=bool(e.get("client_cert", False)),
                client_cert_url=e.get("client_cert_url"),
                client_key_url=e.get("client_key_url"),
                explain=explanations.get(e["id"], ""),
            )
            for e in manifest["endpoints"]
        ]
        self._by_id = {e.id: e for e in self.endpoints}
        #: How the process ended: None while it runs, then "SIGTERM", "SIGKILL" or "exited".
        self.stopped_by = None
        self._crl_file = None
        _LIVE.add(self)

    @property
    def pid(self):
        return self._proc.pid

    @classmethod
    def start(
        cls,
        only=None,
        binary=None,
        port_base=None,
        scenarios_dir=None,
        startup_timeout=30.0,
        stop_timeout=5.0,
        extra_args=(),
    ):
        """Start `badtls serve` and wait for it to be ready.

        only: glob patterns of scenario ids (all by default); port_base: fixed ports (default
        ephemeral, which cannot conflict); scenarios_dir: your own scenario files. Raises
        BinaryNotFound, PortConflict or StartupError with badtls' own error text."""
        path = find_binary(binary)
        only = [only] if isinstance(only, str) else list(only or [])
        selection = [a for p in only for a in ("--only", p)]
        if scenarios_dir:
            selection += ["--scenarios", os.fspath(scenarios_dir)]
        explanations = {row["id"]: row.get("explain", "") for row in cached_json(["list", "--json", *selection], path)}
        workdir = tempfile.TemporaryDirectory(prefix="badtls-pytest-")
        manifest_path = os.path.join(workdir.name, "manifest.json")
        out_path = os.path.join(workdir.name, "stdout.log")
        err_path = os.path.join(workdir.name, "stderr.log")
        cmd = [path, "serve", "--manifest-out", manifest_path, "--state-dir", os.path.join(workdir.name, "state")]
        cmd += selection
        if port_base is not None:
            cmd += ["--port-base", str(int(port_base))]
        cmd += list(extra_args)
        env = dict(os.environ)
        env.pop("BADTLS_PORT_BASE", None)  # only the port_base argument fixes ports
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env=env,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        deadline = time.monotonic() + startup_timeout
        try:
            while True:
                if READY_PREFIX in _read(out_path):
                    break
                code = proc.poll()
                if code is not None:
                    raise cls._startup_failure(code, _read(err_path), port_base)
                if time.monotonic() > deadline:
                    raise StartupError(
                        f"badtls serve (pid {proc.pid}) was not ready within {startup_timeout:g} s; "
                        f"stopped it. Its error output: {_read(err_path).strip() or '(none)'}"
                    )
                time.sleep(_POLL_S)
            import json

            with open(manifest_path, encoding="utf-8") as f:
                manifest = json.load(f)
        except BaseException as e:
            _terminate(proc, stop_timeout)
            workdir.cleanup()
            if isinstance(e, StartupError):
                e.pid = proc.pid  # stopped by now; for callers that check
            raise
        return cls(proc, workdir, manifest, path, stop_timeout, explanations)

    @staticmethod
    def _startup_failure(code, stderr, port_base):
        text = stderr.strip() or "(no error output)"
        lowered = text.lower()
        if "cannot bind" in lowered or "address already in use" in lowered:
            return PortConflict(
                f"badtls serve could not bind its ports (--port-base {port_base}): {text}. "
                "Pick another port base, or leave it unset for ephemeral ports."
            )
        return StartupError(f"badtls serve exited with status {code} before it was ready: {text}")

    def endpoint(self, id):
        """The endpoint of scenario `id`; UnknownScenario (a KeyError) names the served ids."""
        try:
            return self._by_id[id]
        except KeyError:
            raise UnknownScenario(
                f"this suite serves no endpoint {id!r} (it serves: {', '.join(sorted(self._by_id))})"
            ) from None

    @property
    def crl_file(self):
        """A PEM file with every CRL of the suite (fetched once from the control port), for a
        client that checks revocation: `ctx.load_verify_locations(cafile=suite.crl_file)` and
        `ctx.verify_flags |= ssl.VERIFY_CRL_CHECK_CHAIN`, as the matrix's Python probe does.
        Only endpoints whose expectation requires "revocation" need it."""
        if self._crl_file is None:
            path = os.path.join(self._workdir.name, "crls.pem")
            blocks = [_pem("X509 CRL", _get(url)) for url in self.manifest.get("crls") or []]
            with open(path, "w", encoding="ascii") as f:
                f.write("".join(blocks))
            self._crl_file = path
        return self._crl_file

    def identity_for(self, ep):
        """The ClientIdentity to present to `ep`: the suite's, or the endpoint's own when the
        manifest names one (an identity the server must refuse), fetched once from the control
        port."""
        if not (ep.client_cert_url and ep.client_key_url):
            return self.client_identity
        name = ep.client_cert_url.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        cert = os.path.join(self._workdir.name, f"client-{name}.pem")
        key = os.path.join(self._workdir.name, f"client-{name}.key")
        if not os.path.exists(key):
            with open(cert, "wb") as f:
                f.write(_get(ep.client_cert_url))
            fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(_get(ep.client_key_url))
        return ClientIdentity(cert, key)

    def ssl_context(self, ep, revocation=True):
        """The `ssl.SSLContext` a careful client uses for `ep`: Python's default verification
        (chain and host name) trusting only the suite CA; the suite's CRLs with chain-wide
        checking when the expectation requires revocation (and `revocation` is true); the
        client identity when the endpoint asks for one."""
        import ssl

        ctx = ssl.create_default_context(cafile=self.ca_file)
        if revocation and "revocation" in ep.expect.requires:
            ctx.load_verify_locations(cafile=self.crl_file)
            ctx.verify_flags |= ssl.VERIFY_CRL_CHECK_CHAIN
        if ep.client_cert:
            identity = self.identity_for(ep)
            ctx.load_cert_chain(identity.cert_file, identity.key_file)
        return ctx

    def scenarios(self, pattern="*"):
        """The ids of the served endpoints matching a glob, in catalogue order."""
        return [e.id for e in self.endpoints if fnmatch.fnmatchcase(e.id, pattern)]

    @contextlib.contextmanager
    def resolve_hosts(self):
        """Within this block, socket.getaddrinfo resolves every endpoint's `host` to its
        `address` (as `curl --resolve` does): `*.badtls.test` names work, and `localhost` goes
        to the address the suite listens on. Every library that resolves through the socket
        module (urllib, requests/urllib3, httpx, aiohttp's default resolver) follows it; TLS
        still sends and verifies `host`. Process-wide while active."""
        pins = {e.host.lower(): e.address for e in self.endpoints}
        original = socket.getaddrinfo

        def getaddrinfo(host, *args, **kwargs):
            name = host.decode() if isinstance(host, bytes) else host
            if isinstance(name, str) and name.lower() in pins:
                host = pins[name.lower()]
            return original(host, *args, **kwargs)

        socket.getaddrinfo = getaddrinfo
        try:
            yield self
        finally:
            socket.getaddrinfo = original

    def running(self):
        return self._proc.poll() is None

    def stop(self):
        """SIGTERM, wait up to stop_timeout, then SIGKILL; idempotent. Removes the temporary
        directory (manifest, CA and client identity files)."""
        if self.stopped_by is None:
            self.stopped_by = _terminate(self._proc, self.stop_timeout)
            self._workdir.cleanup()
        return self.stopped_by

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


def _terminate(proc, stop_timeout):
    """Stop `proc` by PID: SIGTERM, then SIGKILL after stop_timeout. Returns what stopped it."""
    if proc.poll() is not None:
        return "exited"
    try:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=stop_timeout)
        return "SIGTERM"
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)  # SIGKILL cannot be ignored; only an unkillable (D-state) process outlasts this
        return "SIGKILL"
