"""badtls.classify(exc): a Python client's exception -> the canonical reason.

The matrix classifies what its Python probes print for an exception, "Class: message" (for
urllib's URLError, "URLError: <its reason>"), with client-matrix/classifiers/python-urllib.toml
and python-requests.toml. classify() builds the same text from the exception and applies copies
of the same tables, so a test and the matrix agree. Then, for what those tables do not know:

1. the same text of every exception it wraps (__cause__, __context__, URLError.reason,
   urllib3's MaxRetryError.reason, exceptions among the args), with the same table;
2. python-extra.toml (httpx, aiohttp, asyncio texts) on the exception and every wrapped one;
3. structured.toml: ssl.SSLCertVerificationError.verify_code, ssl.SSLError.reason and the
   exception class, of the exception and every wrapped one.
"""

import os
import re
import sys
import urllib.error
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from . import reasons

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.8-3.10 only
    import tomli as tomllib

_TABLES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "classifiers")
# Modules whose exceptions the urllib probe sees (the standard library); anything else (requests,
# urllib3, httpx, aiohttp) gets the requests table, whose transport rows know those libraries.
_STDLIB = {"builtins", "ssl", "socket", "urllib", "http", "asyncio", "concurrent", "_ssl", "_socket"}
_MAX_CHAIN = 32


class TableError(ValueError):
    """A pattern table that cannot be used (names the file and the row)."""


class Table:
    """One pattern table in the matrix's format (client-matrix/classifiers/README.md): ordered
    rows, each a case-insensitive `contains` (one string or all of a list) and/or a
    case-insensitive `regex`; the first row that matches gives the reason."""

    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        with open(path, "rb") as f:
            data = tomllib.load(f)
        self.client = data.get("client", "")
        self.rows = []
        for i, row in enumerate(data.get("pattern", []), start=1):
            contains = row.get("contains")
            if isinstance(contains, str):
                contains = [contains]
            contains = [c.lower() for c in (contains or [])]
            regex = row.get("regex")
            if not contains and not regex:
                raise TableError(f"{self.name}: [[pattern]] #{i}: needs `contains`, `regex` or both")
            try:
                # The tables are written in Rust `regex` syntax; the rows use the subset
                # Python's `re` reads the same way (classes, alternation, anchors).
                compiled = re.compile(regex, re.IGNORECASE) if regex else None
            except re.error as e:
                raise TableError(f"{self.name}: [[pattern]] #{i}: invalid regex: {e}") from None
            reasons.check_name(row.get("reason"), f"{self.name}: [[pattern]] #{i}")
            self.rows.append((contains, compiled, row["reason"]))

    def classify_row(self, text):
        """(1-based row number, reason) of the first row matching `text`, or None."""
        lower = text.lower()
        for i, (contains, regex, reason) in enumerate(self.rows, start=1):
            if all(c in lower for c in contains) and (regex is None or regex.search(text)):
                return i, reason
        return None


@lru_cache(maxsize=None)
def table(name):
    """A table shipped with this package, by file name (e.g. "python-requests.toml")."""
    return Table(os.path.join(_TABLES_DIR, name))


@lru_cache(maxsize=None)
def _structured():
    with open(os.path.join(_TABLES_DIR, "structured.toml"), "rb") as f:
        data = tomllib.load(f)
    for section in ("verify_code", "ssl_reason", "exception"):
        for key, reason in data.get(section, {}).items():
            reasons.check_name(reason, f"structured.toml: [{section}] {key}")
    return data


@dataclass(frozen=True)
class Classification:
    """What classify() found. `reason` is a canonical reason name or None (unclassified);
    `text` is the text the matrix's probe would print for the exception; `source` says which
    row or field decided."""

    reason: Optional[str]
    text: str
    source: str

    def matches(self, expected):
        """Whether this rejection is right for an expectation of `expected` (a reason name):
        the same reason, or its coarse parent (a client that can only say cert.untrusted is
        right about cert.self-signed). A finer reason than expected does not match."""
        return self.reason is not None and expected is not None and reasons.matches(self.reason, expected)

    def __str__(self):
        return f"{self.reason or 'unclassified'} ({self.text}) [{self.source}]"


def probe_text(exc):
    """The text the matrix's Python probes print for `exc` (python_urllib.py's and
    python_requests.py's error_text)."""
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        return f"{type(exc).__name__}: {exc.reason}"
    return f"{type(exc).__name__}: {exc}"


def table_for(exc):
    """The matrix table for an exception: python-urllib's for the standard library's,
    python-requests' for everything else."""
    module = (type(exc).__module__ or "").split(".")[0]
    return table("python-urllib.toml" if module in _STDLIB else "python-requests.toml")


def chain(exc):
    """`exc` and every exception it wraps, outermost first, each once."""
    out, todo, seen = [], [exc], set()
    while todo and len(out) < _MAX_CHAIN:
        e = todo.pop(0)
        if not isinstance(e, BaseException) or id(e) in seen:
            continue
        seen.add(id(e))
        out.append(e)
        todo.extend(getattr(e, "args", ()) or ())
        todo.append(getattr(e, "reason", None))  # URLError, urllib3's MaxRetryError
        todo.append(e.__cause__)
        if not e.__suppress_context__:
            todo.append(e.__context__)
    return out


def classify(exc):
    """The canonical reason for a client's exception, as a Classification."""
    text = probe_text(exc)
    hit = table_for(exc).classify_row(text)
    if hit:
        return Classification(hit[1], text, f"{table_for(exc).name} [[pattern]] #{hit[0]}")
    links = chain(exc)
    for e in links[1:]:
        t = table_for(e)
        hit = t.classify_row(probe_text(e))
        if hit:
            return Classification(hit[1], text, f"{t.name} [[pattern]] #{hit[0]} on wrapped {type(e).__name__}")
    extra = table("python-extra.toml")
    for e in links:
        hit = extra.classify_row(probe_text(e))
        if hit:
            return Classification(hit[1], text, f"python-extra.toml [[pattern]] #{hit[0]} on {type(e).__name__}")
    structured = _structured()
    for e in links:
        code = getattr(e, "verify_code", None)
        if code is not None and str(code) in structured.get("verify_code", {}):
            return Classification(structured["verify_code"][str(code)], text, f"verify_code {code}")
        ssl_reason = getattr(e, "reason", None)
        if isinstance(ssl_reason, str) and ssl_reason in structured.get("ssl_reason", {}):
            return Classification(structured["ssl_reason"][ssl_reason], text, f"ssl reason {ssl_reason}")
    by_class = structured.get("exception", {})
    for e in links:
        for cls in type(e).__mro__:
            if cls.__name__ in by_class:
                return Classification(by_class[cls.__name__], text, f"exception class {cls.__name__}")
    return Classification(None, text, "no row matched")
