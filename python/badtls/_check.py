"""Judging a client against an endpoint's expectation, in the matrix's terms.

    with badtls.expect_rejected(ep):          # a reject endpoint
        urllib.request.urlopen(ep.url, context=ctx)

    with badtls.expect_outcome(ep):           # any endpoint: accept, reject or either
        fetch(ep)

Both fail with an AssertionError that names the scenario, what happened, what was expected and
why (the scenario's explanation and the reason's cause and fix).
"""

import contextlib
from dataclasses import dataclass
from typing import Optional

from . import reasons
from ._classify import Classification, classify

VERDICTS = ("accept", "reject", "either")


@dataclass
class Outcome:
    """What the block under expect_outcome()/expect_rejected() did: `exception` is None when it
    completed; then `classification` is None too."""

    exception: Optional[BaseException] = None
    classification: Optional[Classification] = None
    #: "pass", "false-accept", "false-reject" or "wrong-reason" once the block has run.
    status: Optional[str] = None


def judge(ep, exc):
    """The matrix's verdict on one outcome: `exc` is the client's exception, or None when the
    request completed. Returns (status, classification or None)."""
    verdict = ep.expect.verdict
    if verdict not in VERDICTS:
        raise ValueError(f"{ep.id}: unknown verdict {verdict!r} (known: {', '.join(VERDICTS)})")
    if exc is None:
        return ("false-accept" if verdict == "reject" else "pass"), None
    c = classify(exc)
    if verdict == "accept":
        return "false-reject", c
    if ep.expect.reason is None or c.matches(ep.expect.reason):
        return "pass", c
    return "wrong-reason", c


def _why(ep):
    lines = []
    if ep.explain:
        lines.append(f"  scenario: {ep.explain}")
    if ep.expect.reason:
        lines.append(f"  {ep.expect.reason}: {reasons.explain(ep.expect.reason)}")
    return "\n".join(lines)


def _message(ep, status, c):
    want = ep.expect.verdict + (f" ({ep.expect.reason})" if ep.expect.reason else "")
    if status == "false-accept":
        head = f"FALSE-ACCEPT {ep.id}: the client accepted {ep.url}; a correct client rejects it, {want}"
    elif status == "false-reject":
        head = f"FALSE-REJECT {ep.id}: the client rejected {ep.url} as {c}; a correct client accepts it"
    else:
        head = f"WRONG-REASON {ep.id}: the client rejected {ep.url} as {c}; expected {want}"
    why = _why(ep)
    return head + ("\n" + why if why else "")


@contextlib.contextmanager
def expect_outcome(ep, capabilities=None):
    """Run the block as the client's request to `ep` and judge it: an exception is the client's
    rejection, completing is acceptance. With `capabilities` (e.g. {"alpn"}), an endpoint whose
    expectation requires one the client lacks is skipped as N/A first."""
    if capabilities is not None:
        ep.skip_unless_capable(capabilities)
    outcome = Outcome()
    try:
        yield outcome
    except Exception as exc:  # the client's error; KeyboardInterrupt and the like pass through
        outcome.exception = exc
        outcome.status, outcome.classification = judge(ep, exc)
        if outcome.status != "pass":
            raise AssertionError(_message(ep, outcome.status, outcome.classification)) from exc
    else:
        outcome.status, _ = judge(ep, None)
        if outcome.status != "pass":
            raise AssertionError(_message(ep, outcome.status, None))


@contextlib.contextmanager
def expect_rejected(ep, capabilities=None):
    """Like expect_outcome() for an endpoint that must be rejected: the block must raise, and
    its exception must classify as the expected reason (or its coarse parent)."""
    if ep.expect.verdict != "reject":
        raise ValueError(
            f"{ep.id} expects {ep.expect.verdict!r}, not 'reject': use badtls.expect_outcome(ep)"
        )
    with expect_outcome(ep, capabilities) as outcome:
        yield outcome
