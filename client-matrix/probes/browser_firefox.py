"""Firefox over Marionette (its own remote protocol: length-prefixed JSON on a TCP port on
loopback, which Firefox writes to `MarionetteActivePort` in the profile), several tabs at once.

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
    # One content process for every tab, as before site isolation: the pages are loaded side by
    # side, and a process per site and tab made each load cost about half again as much. TLS and
    # certificate checks happen in the parent process either way.
    "fission.autostart": False,
    "dom.ipc.processCount": 1,
    "dom.ipc.processPrelaunch.enabled": False,
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
        [
            binary,
            "--headless",
            "--marionette",
            # The tabs are driven from the browser's chrome context (browser_firefox_tabs.js).
            "-remote-allow-system-access",
            "--no-remote",
            "-profile",
            profile,
            "about:blank",
        ],
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


def error_text(uri, info):
    """What Firefox said: the NSS code and message of its error page at `uri`."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(uri).query)
    page = f"{uri.split('?')[0]} e={query.get('e', ['?'])[0]}"
    info = info or {}
    code = info.get("code") or ""
    message = info.get("message") or query.get("d", [""])[0].strip()
    if code:
        return f"{code}: {message} ({page})" if message else f"{code} ({page})"
    return f"{page}: {message}" if message else page


# The first load of a new profile also starts Firefox's network and certificate services, which
# takes seconds on a busy machine: it gets this long at least (a hang still reports as one).
FIRST_LOAD_MS = 30000

# Pages loading at once, each in a tab of its own.
TABS = 8

# The longest wait for news in one Marionette call, and the wait before looking again at an
# error page that was not done.
WAIT_MS = 1000
SOON_MS = 50

# The tabs are driven from the browser's own (chrome) context, by browser_firefox_tabs.js (its
# header says why); only what a page shows is read in the page itself.
TABS_JS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "browser_firefox_tabs.js")
BADTLS = 'Services.wm.getMostRecentWindow("navigator:browser").badtls'
ADD = BADTLS + ".add(arguments[0]);"
WAIT = BADTLS + ".wait(arguments[0], arguments[1], arguments[arguments.length - 1]);"

# Read in a page: its state, its address, and an error page's details.
POLL = "return [document.readyState].concat((function () {" + INSPECT + "})());"


def same_url(a, b):
    """Whether two addresses name the same page (Firefox adds the root path)."""
    def key(url):
        parts = urllib.parse.urlsplit(url)
        return parts.scheme, parts.netloc.lower(), parts.path or "/"

    return key(a) == key(b)


def shows(uri, target):
    """Whether the document at `uri` is the target's page, or Firefox's error page for it."""
    if not uri:
        return False
    if uri.startswith("about:"):
        failed = urllib.parse.parse_qs(urllib.parse.urlsplit(uri).query).get("u", [""])[0]
        return same_url(failed, target["url"])
    return same_url(uri, target["url"])


def chrome(m, script, *args, wait=False):
    """Run `script` in the browser's chrome context; its value (raises ValueError on an error)."""
    command = "WebDriver:ExecuteAsyncScript" if wait else "WebDriver:ExecuteScript"
    error, value = m.call(command, {"script": script, "args": list(args)})
    if error:
        raise ValueError(f"Marionette: {error.get('error')}: {error.get('message')}")
    return (value or {}).get("value")


# What a look at a page found when it found no result yet.
SOON = "soon"  # an error page not done yet: its details come with it
INCOMPLETE = "incomplete"  # a page whose load ended incomplete (a body cut short): it stays so

# Error pages for NSS errors: they always come with an NSS code, but the first of a run showed its
# message a moment before its code.
NSS_PAGES = ("nssBadCert", "nssFailure2")


def judge(target, state, uri, info):
    """A result from what a page shows, or SOON or INCOMPLETE."""
    if uri.startswith("about:"):
        info = info or {}
        kind = urllib.parse.parse_qs(urllib.parse.urlsplit(uri).query).get("e", [""])[0]
        waiting = state == "loading" or (kind in NSS_PAGES and info and not info.get("code"))
        return SOON if waiting else result(target, False, error_text(uri, info))
    return result(target, True, status=200) if state == "complete" else INCOMPLETE


def look(m, shown):
    """For each (handle, target), judge() of what its page shows (SOON while it shows none)."""
    found = []
    m.call("Marionette:SetContext", {"value": "content"})
    try:
        for handle, target in shown:
            m.call("WebDriver:SwitchToWindow", {"handle": handle, "focus": False})
            error, value = m.call("WebDriver:ExecuteScript", {"script": POLL, "args": []})
            state, uri, info = (value or {}).get("value") or [None, None, None]
            if error or not shows(uri, target):
                found.append(SOON)
            else:
                found.append(judge(target, state, uri, info))
    finally:
        m.call("Marionette:SetContext", {"value": "chrome"})
    return found


def load(m, targets, emit, floor_ms):
    """Load every target in the tabs; `emit` each result as it comes."""
    by_id = {t["id"]: t for t in targets}
    limits = {t["id"]: max(t["timeout_ms"], floor_ms) for t in targets}
    chrome(m, ADD, [[t["id"], t["url"], limits[t["id"]]] for t in targets])
    left = set(by_id)
    soon = {}  # id -> handle: shown, to be looked at again shortly
    incomplete = {}  # id -> handle: shown incomplete, to be looked at again at the deadline
    release = []
    while left:
        news = chrome(m, WAIT, release, SOON_MS if soon else WAIT_MS, wait=True) or []
        release = []
        due = dict(soon)
        due.update({i: h for kind, i, h in news if kind == "shown" and i in left})
        deadline = {i: h for kind, i, h in news if kind == "deadline" and i in left}
        due.update({i: h for i, h in deadline.items() if i in incomplete})
        soon = {}
        for (i, handle), r in zip(due.items(), look(m, [(h, by_id[i]) for i, h in due.items()])):
            if isinstance(r, dict):
                emit(r)
                left.discard(i)
                release.append(handle)
            elif r == SOON:
                soon[i] = handle
            else:
                incomplete[i] = handle
        for i, handle in deadline.items():
            if i in left:
                emit(result(by_id[i], False, f"timeout: no answer within {limits[i]} ms"))
                left.discard(i)
                soon.pop(i, None)
                release.append(handle)


def run(binary, workdir, ca_file, targets, emit):
    process, m = start(binary, workdir, ca_file, targets)
    try:
        error, _ = m.call(
            "WebDriver:NewSession",
            {
                "capabilities": {
                    "alwaysMatch": {"acceptInsecureCerts": False, "pageLoadStrategy": "none"}
                }
            },
        )
        if error:
            raise SystemExit(f"Marionette: {error}")
        m.call("WebDriver:SetTimeouts", {"script": WAIT_MS + 30000})
        error, _ = m.call("Marionette:SetContext", {"value": "chrome"})
        if error:
            raise SystemExit(f"Marionette: {error}")
        with open(TABS_JS) as f:
            chrome(m, f.read(), min(TABS, len(targets)))
        done = set()

        def record(r):
            done.add(r["id"])
            emit(r)

        try:
            # The first target warms the browser up alone, with a longer timeout.
            load(m, targets[:1], record, FIRST_LOAD_MS)
            load(m, targets[1:], record, 0)
        except (OSError, ValueError) as e:
            for t in targets:
                if t["id"] not in done:
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
