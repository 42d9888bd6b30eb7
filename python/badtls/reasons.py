"""The canonical reason taxonomy, read from the installed binary (`badtls reasons --json`), so
the Python side never carries a second copy of which coarse reason covers which finer ones."""

from ._binary import cached_json
from .errors import BadtlsError


def taxonomy(binary=None):
    """{name: {"parent": name or None, "explain": text}} for every canonical reason."""
    return {row["name"]: row for row in cached_json(["reasons", "--json"], binary)}


def check_name(name, where):
    """Raise BadtlsError unless `name` is a canonical reason (`where` names the table row)."""
    known = taxonomy()
    if name not in known:
        raise BadtlsError(f"{where}: unknown reason {name!r} (known: {', '.join(known)})")


def parent(name):
    """The coarse reason `name` refines (cert.self-signed -> cert.untrusted), or None."""
    row = taxonomy().get(name)
    return row.get("parent") if row else None


def explain(name):
    """Cause and fix of a reason, for humans ('' for an unknown name)."""
    row = taxonomy().get(name)
    return row.get("explain", "") if row else ""


def matches(got, expected):
    """Whether a client that said `got` got an expectation of `expected` right: equal, or `got`
    is `expected`'s coarse parent (the client said as much as it can)."""
    return got == expected or parent(expected) == got
