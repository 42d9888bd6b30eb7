"""The plugin's classification agrees with the matrix's python-urllib and python-requests rows on
every scenario: same verdict (accepted or rejected) and same reason, cell by cell.

The matrix runs its own probes (client-matrix/probes/python_*.py, embedded in the binary) with
this Python (BADTLS_PYTHON), against its own suite; this test makes the same requests through
the session's suite and classifies the exceptions with badtls.classify()."""

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import badtls
from clients import TIMEOUT_S, fetch_requests, fetch_urllib

MATRIX_CLIENTS = {"python-urllib": fetch_urllib, "python-requests": fetch_requests}
# Statuses the matrix gives a cell it judged (with no baseline); any other is compared on
# nothing and must be explained (N/A cells: the client lacks what the expectation requires).
JUDGED = {"pass", "wrong-reason", "false-accept", "false-reject"}


@pytest.fixture(scope="module")
def matrix():
    cmd = [badtls.find_binary(), "matrix", "--format", "json", "--timeout", str(int(TIMEOUT_S))]
    for client in MATRIX_CLIENTS:
        cmd += ["--client", client]
    env = dict(os.environ, BADTLS_PYTHON=sys.executable)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env, stdin=subprocess.DEVNULL)
    # Exit 1 means deviations were found (no baseline here): still a complete report.
    assert proc.returncode in (0, 1), f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr}"
    return json.loads(proc.stdout)


def run(suite, fetch, ep):
    try:
        fetch(suite, ep)
    except Exception as exc:  # the client's rejection
        return exc
    return None


def normalise(text):
    """Port numbers and other figures differ between two suites; the words must not."""
    return re.sub(r"\d+", "N", text or "")


@pytest.mark.parametrize("client", sorted(MATRIX_CLIENTS))
def test_plugin_classifies_like_the_matrix(matrix, pinned, client):
    cells = {c["scenario"]: c for c in matrix["cells"] if c["client"] == client}
    assert set(cells) == {e.id for e in pinned.endpoints}, "the matrix ran another catalogue"
    with ThreadPoolExecutor(8) as pool:
        outcomes = dict(zip(cells, pool.map(lambda s: run(pinned, MATRIX_CLIENTS[client], pinned.endpoint(s)), cells)))
    disagree, not_judged, text_differs = [], [], []
    for scenario, cell in cells.items():
        if cell["status"] not in JUDGED:
            not_judged.append(f"{scenario}: {cell['status']} ({cell.get('raw')})")
            continue
        exc = outcomes[scenario]
        c = badtls.classify(exc) if exc is not None else None
        mine = ("accepted", None) if c is None else ("rejected", c.reason)
        theirs = ("accepted", None) if cell.get("raw") is None else ("rejected", cell.get("reason"))
        if mine != theirs:
            disagree.append(f"{scenario}: plugin {mine} [{c}], matrix {theirs} [{cell.get('raw')}]")
        elif c is not None and normalise(c.text) != normalise(cell["raw"]):
            text_differs.append(f"{scenario}: plugin {c.text!r}\n    matrix {cell['raw']!r}")
        # The verdict on the cell too, where the expectation is plainly accept or reject.
        ep = pinned.endpoint(scenario)
        status, _ = badtls.judge(ep, exc)
        if ep.expect.verdict in ("accept", "reject") and mine == theirs and status != cell["status"]:
            disagree.append(f"{scenario}: plugin judges {status}, matrix {cell['status']}")
    assert not disagree, f"{client}: {len(disagree)} cells disagree:\n" + "\n".join(disagree)
    # Cells the matrix did not judge are only acceptable as N/A (the lead's `requires`).
    assert all(": not-applicable " in n for n in not_judged), "\n".join(not_judged)
    # The text the plugin classifies is the text the probe printed (up to figures).
    assert not text_differs, "\n".join(text_differs)
