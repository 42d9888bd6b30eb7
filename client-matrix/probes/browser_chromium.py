"""Chromium over the Chrome DevTools Protocol, on a pipe (`--remote-debugging-pipe`: fd 3 for
commands, fd 4 for answers, NUL-separated JSON), so no WebSocket or port is needed.

One browser per run, a few tabs at once. A target's verdict is its document request's fate:
`Network.loadingFinished` (the whole body arrived) is ok, `Network.loadingFailed` or an
`errorText` from `Page.navigate` is the error, verbatim (`net::ERR_CONNECTION_RESET`). A
certificate error comes first as `Security.certificateError`: the probe cancels the load, as the
error page does, and the error is that event's (`net::ERR_CERT_DATE_INVALID`).
"""

import json
import os
import queue
import re
import subprocess
import threading
import time

from browser_probe import make_nss_db, result

TABS = 4


def version(binary):
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60)
    # "Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)", "Google Chrome 131.0..."
    number = re.search(r"\d+(\.\d+)+", out.stdout)
    return f"chromium {number.group(0) if number else out.stdout.strip()} (BoringSSL)"


class Cdp:
    """A DevTools connection: commands by id, events queued per session."""

    def __init__(self, process, to_browser, from_browser):
        self.process = process
        self.out = to_browser
        self.lock = threading.Lock()
        self.next_id = 0
        self.waiting = {}
        self.events = {}
        threading.Thread(target=self._read, args=(from_browser,), daemon=True).start()

    def _read(self, pipe):
        buf = b""
        while True:
            chunk = pipe.read1(65536)
            if not chunk:
                break
            buf += chunk
            while b"\0" in buf:
                raw, _, buf = buf.partition(b"\0")
                msg = json.loads(raw)
                if msg.get("method") == "Security.certificateError":
                    self.cancel(msg)
                with self.lock:
                    if "id" in msg:
                        box = self.waiting.pop(msg["id"], None)
                        if box:
                            box.put(msg)
                    elif msg.get("sessionId") in self.events:
                        self.events[msg["sessionId"]].put(msg)
        with self.lock:
            for box in self.waiting.values():
                box.put({"error": {"message": "the browser closed its DevTools pipe"}})
            self.waiting.clear()

    def cancel(self, event):
        """Answer a certificate error as Chromium's error page would: cancel the load (which
        then fails with the error). Sent from the reader: Page.navigate waits for the answer."""
        msg = {
            "id": 0,
            "method": "Security.handleCertificateError",
            "params": {"eventId": event["params"]["eventId"], "action": "cancel"},
            "sessionId": event.get("sessionId"),
        }
        with self.lock:
            self.out.write(json.dumps(msg).encode() + b"\0")
            self.out.flush()

    def call(self, method, params=None, session=None, timeout=30.0):
        box = queue.Queue()
        with self.lock:
            self.next_id += 1
            ident = self.next_id
            self.waiting[ident] = box
            msg = {"id": ident, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            self.out.write(json.dumps(msg).encode() + b"\0")
            self.out.flush()
        try:
            answer = box.get(timeout=timeout)
        except queue.Empty:
            with self.lock:
                self.waiting.pop(ident, None)
            raise TimeoutError(method) from None
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error'].get('message')}")
        return answer.get("result", {})

    def open_tab(self):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        with self.lock:
            self.events[session] = queue.Queue()
        self.call("Network.enable", {}, session)
        # Certificate errors come to the probe as they happen (Security.certificateError), and
        # it cancels the load, as the error page does: otherwise Chromium's error handler holds
        # each one up to 3 s (it checks for a captive portal) before the load fails.
        self.call("Security.enable", {}, session)
        self.call("Security.setOverrideCertificateErrors", {"override": True}, session)
        return target, session

    def close_tab(self, target, session):
        with self.lock:
            self.events.pop(session, None)
        try:
            self.call("Target.closeTarget", {"targetId": target}, timeout=5)
        except (TimeoutError, RuntimeError):
            pass

    def shutdown(self):
        """Ask the browser to close, then wait for it (bounded), killing it if it stays."""
        try:
            self.call("Browser.close", timeout=5)
        except (TimeoutError, RuntimeError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start(binary, workdir, ca_file, targets):
    home = os.path.join(workdir, "home")
    # Chromium on Linux reads the user's NSS database for local trust anchors.
    make_nss_db(os.path.join(home, ".pki", "nssdb"), ca_file)
    rules = sorted({f"MAP {t['host']} {t['address']}" for t in targets if t["host"] != t["address"]})
    ports = sorted({str(t["port"]) for t in targets})
    args = [
        binary,
        "--headless",
        "--remote-debugging-pipe",
        f"--user-data-dir={os.path.join(workdir, 'profile')}",
        # Root in a container has no user namespace for the sandbox; nothing here is untrusted.
        "--no-sandbox",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-gpu",
        # Traffic only to the suite: no update checks, sync, safe browsing or other services.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-domain-reliability",
        "--no-pings",
        f"--explicitly-allowed-ports={','.join(ports)}",
        "about:blank",
    ]
    if rules:
        args.insert(2, f"--host-resolver-rules={', '.join(rules)}")
    to_r, to_w = os.pipe()
    from_r, from_w = os.pipe()

    def fds():
        # Duplicate first: a pipe end may already be fd 3 or 4, and dup2 onto itself would
        # keep its close-on-exec flag.
        a, b = os.dup(to_r), os.dup(from_w)
        os.dup2(a, 3)
        os.dup2(b, 4)
        os.set_inheritable(3, True)
        os.set_inheritable(4, True)

    env = dict(os.environ, HOME=home)
    process = subprocess.Popen(
        args,
        preexec_fn=fds,
        close_fds=False,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=open(os.path.join(workdir, "chromium.log"), "wb"),
    )
    os.close(to_r)
    os.close(from_w)
    return Cdp(process, os.fdopen(to_w, "wb"), os.fdopen(from_r, "rb"))


# A new tab's first load also starts the browser's network service on a busy machine: it gets
# this long at least (a hang still reports as one).
FIRST_LOAD_MS = 30000


def net_error(params):
    """A certificate error's net error, written as the failed load writes it (the event says
    ERR_CERT_DATE_INVALID where Network.loadingFailed says net::ERR_CERT_DATE_INVALID)."""
    kind = params.get("errorType") or "certificateError"
    return kind if kind.startswith("net::") else f"net::{kind}"


def certificate_error(msg, target):
    """The net error of `msg` if it is the certificate error of the target's load, else None."""
    params = msg.get("params", {})
    if msg.get("method") != "Security.certificateError":
        return None
    return net_error(params) if params.get("requestURL") == target["url"] else None


def queued_certificate_error(events, target):
    """The certificate error of the target's load, if one came before its load failed: the probe
    cancelled the load (Cdp.cancel), which then failed as net::ERR_ABORTED."""
    while True:
        try:
            msg = events.get_nowait()
        except queue.Empty:
            return None
        found = certificate_error(msg, target)
        if found:
            return found


def visit(cdp, session, target, first=False):
    """Load one target in the tab `session`; its result (raises TimeoutError on a hang)."""
    ms = max(target["timeout_ms"], FIRST_LOAD_MS) if first else target["timeout_ms"]
    limit = ms / 1000.0
    deadline = time.monotonic() + limit
    nav = cdp.call("Page.navigate", {"url": target["url"]}, session, timeout=limit)
    events = cdp.events[session]
    if nav.get("errorText"):
        return result(target, False, queued_certificate_error(events, target) or nav["errorText"])
    request = nav.get("loaderId")
    status = protocol = cipher = None
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("body")
        try:
            msg = events.get(timeout=left)
        except queue.Empty:
            continue
        found = certificate_error(msg, target)
        if found:
            return result(target, False, found)
        params = msg.get("params", {})
        method = msg.get("method")
        if params.get("requestId") != request:
            continue
        if method == "Network.responseReceived":
            response = params.get("response", {})
            status = response.get("status")
            details = response.get("securityDetails") or {}
            protocol = details.get("protocol")
            cipher = details.get("cipher")
        elif method == "Network.loadingFinished":
            return result(target, True, status=status, protocol=protocol, cipher=cipher)
        elif method == "Network.loadingFailed":
            return result(target, False, params.get("errorText") or "loadingFailed", status=status)


def run(binary, workdir, ca_file, targets, emit):
    cdp = start(binary, workdir, ca_file, targets)
    todo = queue.Queue()
    for t in targets:
        todo.put(t)

    def worker():
        fresh = True
        try:
            tab = cdp.open_tab()
        except (TimeoutError, RuntimeError) as e:
            tab = None
            failure = f"cannot open a tab: {e}"
        while True:
            try:
                t = todo.get_nowait()
            except queue.Empty:
                break
            if tab is None:
                emit(result(t, False, failure))
                continue
            first, fresh = fresh, False
            try:
                emit(visit(cdp, tab[1], t, first))
            except TimeoutError:
                ms = max(t["timeout_ms"], FIRST_LOAD_MS) if first else t["timeout_ms"]
                emit(result(t, False, f"timeout: no answer within {ms} ms"))
                # A hung load keeps its tab busy: replace the tab.
                cdp.close_tab(*tab)
                try:
                    tab = cdp.open_tab()
                except (TimeoutError, RuntimeError) as e:
                    tab, failure = None, f"cannot open a tab: {e}"
            except RuntimeError as e:
                emit(result(t, False, f"devtools: {e}"))
        if tab is not None:
            cdp.close_tab(*tab)

    threads = [threading.Thread(target=worker) for _ in range(TABS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    cdp.shutdown()
