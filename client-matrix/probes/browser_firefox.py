"""Firefox over Marionette (its own remote protocol: length-prefixed JSON on a TCP port on
loopback, which Firefox writes to `MarionetteActivePort` in the profile), one target at a time.

A target's verdict: the page loaded is ok; an error page is the error, read from the page the way
Firefox shows it: `document.getFailedCertSecurityInfo()` on about:certerror and
`document.getNetErrorInfo()` on about:neterror give the NSS/PSM code (`SEC_ERROR_...`,
`SSL_ERROR_...`), reported as `CODE: message (about:certerror e=...)`.
"""

import json
import os
import socket
import subprocess
import time
import urllib.parse

from browser_probe import make_nss_db, result

# Firefox talks to Mozilla's services on its own; these keep every byte on loopback.
PREFS = {
    "marionette.port": 0,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "extensions.update.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "services.settings.server": "http://127.0.0.1:9/",
    # A certificate error would otherwise make Firefox check for a TLS-intercepting proxy.
    "security.certerrors.mitm.priming.enabled": False,
    "security.enterprise_roots.enabled": False,
    "network.http.speculative-parallel-limit": 0,
    "app.shield.optoutstudies.enabled": False,
    "messaging-system.rsexperimentloader.enabled": False,
    "browser.newtabpage.enabled": False,
    "browser.topsites.contile.enabled": False,
}

# Runs in the loaded page: its address, and the error details of an error page.
INSPECT = """
const uri = document.documentURI;
let info = null;
try {
  if (uri.startsWith('about:certerror') && document.getFailedCertSecurityInfo) {
    try {
      const i = document.getFailedCertSecurityInfo();
      info = {code: i.errorCodeString, message: i.errorMessage};
    } catch (e) {
      // A certificate-class error without a verification result (a handshake signature that
      // does not verify) has no certificate security info: the page's own description, in its
      // address (d=), is what Firefox shows.
      info = null;
    }
  } else if (uri.startsWith('about:neterror') && document.getNetErrorInfo) {
    const i = document.getNetErrorInfo();
    info = {code: i.errorCodeString, status: i.channelStatus};
  }
} catch (e) { info = {message: String(e)}; }
return [uri, info];
"""


def version(binary):
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60)
    # "Mozilla Firefox 153.8.0esr"
    words = out.stdout.split()
    number = words[-1] if words else out.stderr.strip()
    return f"firefox {number} (NSS)"


class Marionette:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.buf = b""
        self.next_id = 0
        self._recv()  # the greeting

    def _recv(self):
        while b":" not in self.buf:
            self._more()
        size, _, rest = self.buf.partition(b":")
        size = int(size)
        self.buf = rest
        while len(self.buf) < size:
            self._more()
        msg, self.buf = self.buf[:size], self.buf[size:]
        return json.loads(msg)

    def _more(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("Firefox closed its Marionette connection")
        self.buf += chunk

    def call(self, name, params, timeout=60.0):
        """[error, value] of one command; error is {error, message} or None."""
        self.next_id += 1
        data = json.dumps([0, self.next_id, name, params]).encode()
        self.sock.settimeout(timeout)
        self.sock.sendall(str(len(data)).encode() + b":" + data)
        while True:
            kind, ident, error, value = self._recv()
            if kind == 1 and ident == self.next_id:
                return error, value


def start(binary, workdir, ca_file, targets):
    profile = os.path.join(workdir, "profile")
    make_nss_db(profile, ca_file)
    prefs = dict(PREFS)
    names = sorted({t["host"] for t in targets if t["host"] not in ("localhost", t["address"])})
    prefs["network.dns.localDomains"] = ",".join(names)
    prefs["network.security.ports.banned.override"] = ",".join(
        sorted({str(t["port"]) for t in targets})
    )
    with open(os.path.join(profile, "user.js"), "w") as f:
        for k, v in prefs.items():
            f.write(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n")
    env = dict(os.environ, HOME=os.path.join(workdir, "home"), MOZ_HEADLESS="1")
    process = subprocess.Popen(
        [binary, "--headless", "--marionette", "--no-remote", "-profile", profile, "about:blank"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=open(os.path.join(workdir, "firefox.log"), "wb"),
    )
    port_file = os.path.join(profile, "MarionetteActivePort")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with open(port_file) as f:
                text = f.read().strip()
            if text:
                return process, Marionette(int(text))
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    process.kill()
    process.wait()
    raise SystemExit(f"Firefox did not start Marionette (see {binary} --headless --marionette)")


def error_text(uri, info, fallback):
    """What Firefox said: the NSS code and message of its error page."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(uri).query) if uri else {}
    page = f"{uri.split('?')[0]} e={query.get('e', ['?'])[0]}" if uri else fallback
    info = info or {}
    code = info.get("code") or ""
    message = info.get("message") or query.get("d", [""])[0].strip()
    if code:
        return f"{code}: {message} ({page})" if message else f"{code} ({page})"
    return f"{page}: {message}" if message else page


# The first load of a new profile also starts Firefox's network and certificate services, which
# takes seconds on a busy machine: it gets this long at least (a hang still reports as one).
FIRST_LOAD_MS = 30000


def visit(m, target, first):
    limit = max(target["timeout_ms"], FIRST_LOAD_MS) if first else target["timeout_ms"]
    m.call("WebDriver:SetTimeouts", {"pageLoad": limit})
    error, _ = m.call("WebDriver:Navigate", {"url": target["url"]}, timeout=limit / 1000 + 30)
    if error and error.get("error") == "timeout":
        m.call("WebDriver:Navigate", {"url": "about:blank"})
        return result(target, False, f"timeout: no answer within {limit} ms")
    script_error, value = m.call("WebDriver:ExecuteScript", {"script": INSPECT, "args": []})
    uri, info = (value or {}).get("value") or [None, None]
    if script_error or not uri:
        why = (error or script_error or {}).get("message", "no page")
        return result(target, False, f"{(error or script_error or {}).get('error')}: {why}")
    if uri.startswith("about:"):
        return result(target, False, error_text(uri, info, (error or {}).get("message", "")))
    if error:
        return result(target, False, f"{error.get('error')}: {error.get('message')}")
    return result(target, True, status=200)


def run(binary, workdir, ca_file, targets, emit):
    process, m = start(binary, workdir, ca_file, targets)
    try:
        error, _ = m.call(
            "WebDriver:NewSession",
            {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": False}}},
        )
        if error:
            raise SystemExit(f"Marionette: {error}")
        for i, t in enumerate(targets):
            try:
                emit(visit(m, t, i == 0))
            except (OSError, ValueError) as e:
                emit(result(t, False, f"marionette: {e}"))
                raise
        m.call("Marionette:Quit", {"flags": ["eForceQuit"]}, timeout=10)
    except (OSError, ValueError):
        pass
    finally:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
