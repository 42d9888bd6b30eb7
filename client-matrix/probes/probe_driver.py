"""Adapter-protocol driver shared by the Python probes (python_urllib.py, python_requests.py).

Not a probe itself: each probe imports it from its own directory and hands its `fetch` to run().
This module does the client-independent part of the adapter protocol (docs/adapter-protocol.md):
reads one target JSON object per stdin line (unparsable lines and lines without an `id` are
logged to stderr and skipped), runs up to MAX_PARALLEL targets at once, each on its own thread,
and writes one result JSON object per stdout line in completion order; `--version` prints the
probe's version line and exits.

urllib and requests time out per socket operation only, so a server that trickles bytes would
keep a target busy forever: a watchdog per target answers
"ProbeTimeout: no answer from CLIENT within N ms (+1 s grace)" after `timeout_ms` + WATCHDOG_GRACE_S,
with whatever fetch() had recorded by then (status, protocol, cipher). The abandoned request
thread is left to die with the process.
"""

import json
import os
import sys
import threading

MAX_PARALLEL = 8
# Grace after timeout_ms before the probe's own watchdog answers for a stuck request.
WATCHDOG_GRACE_S = 1.0

_out_lock = threading.Lock()


def emit(result):
    line = json.dumps(result)
    with _out_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def result(tid, ok, error=None, status=None, protocol=None, cipher=None):
    return {"id": tid, "ok": ok, "error": error, "status": status,
            "protocol": protocol, "cipher": cipher}


class Runner:
    """Runs targets through `fetch(target, progress) -> result dict`.

    `progress` is a dict {"status", "protocol", "cipher"} that fetch() updates as it learns
    them, for the watchdog's answer. `client` names the client in the watchdog's error text;
    `name` prefixes the stderr diagnostics.
    """

    def __init__(self, fetch, client, name):
        self.fetch = fetch
        self.client = client
        self.name = name
        self.slots = threading.BoundedSemaphore(MAX_PARALLEL)
        self.lock = threading.Lock()
        self.pending = 0
        self.all_done = threading.Condition(self.lock)

    def log(self, msg):
        print(f"{self.name}: {msg}", file=sys.stderr, flush=True)

    def run_target(self, t):
        tid = t["id"]
        done = threading.Event()
        answered = [False]
        # What fetch() learnt so far (status, protocol, cipher), for the watchdog's answer.
        progress = {"status": None, "protocol": None, "cipher": None}

        def answer(res):
            with self.lock:
                if answered[0]:
                    return
                answered[0] = True
                emit(res)
                self.pending -= 1
                self.all_done.notify_all()
            self.slots.release()

        def watchdog():
            if not done.wait(float(t.get("timeout_ms") or 4000) / 1000.0 + WATCHDOG_GRACE_S):
                answer(result(tid, False, f"ProbeTimeout: no answer from {self.client} within "
                                          f"{t.get('timeout_ms')} ms (+{WATCHDOG_GRACE_S:g} s grace)",
                              **progress))

        def work():
            try:
                res = self.fetch(t, progress)
            except Exception as e:  # bad target fields etc.
                res = result(tid, False, f"ProbeError: {type(e).__name__}: {e}")
            done.set()
            answer(res)

        threading.Thread(target=work, daemon=True).start()
        threading.Thread(target=watchdog, daemon=True).start()

    def main(self):
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            try:
                t = json.loads(line)
                t["id"]
            except Exception as e:
                self.log(f"ignoring unparsable target line ({e}): {line[:200]}")
                continue
            self.slots.acquire()
            with self.lock:
                self.pending += 1
            self.run_target(t)
        with self.lock:
            while self.pending > 0:
                self.all_done.wait()
        sys.stdout.flush()


def run(fetch, client, name, version):
    """The probe's whole life: `--version` prints version() and exits, otherwise targets from
    stdin until it closes, then exit 0."""
    if len(sys.argv) > 1 and sys.argv[1] == "--version":
        print(version())
        sys.exit(0)
    Runner(fetch, client, name).main()
    # Daemon threads of abandoned (watchdog-answered) requests must not keep us alive.
    os._exit(0)
