"""Finding and running the `badtls` binary the wheel installs."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from functools import lru_cache

from .errors import BinaryNotFound, BinaryFailed

#: Environment variable that names the binary to use instead of the installed one.
BINARY_ENV = "BADTLS_BINARY"

_EXE = "badtls" + (".exe" if sys.platform == "win32" else "")


def _candidates():
    """Where the wheel puts the binary: the scripts directory of this interpreter's environment
    (bin/ of a venv), of the user scheme (`pip install --user`), then PATH."""
    seen = []
    for scheme in (None, f"{os.name}_user"):
        try:
            path = sysconfig.get_path("scripts", scheme) if scheme else sysconfig.get_path("scripts")
        except KeyError:  # the user scheme does not exist on this platform/build
            continue
        if path and path not in seen:
            seen.append(path)
    # A venv's python may be a symlink to the base interpreter: its own bin/ comes first.
    venv_bin = os.path.dirname(sys.executable)
    if venv_bin not in seen:
        seen.insert(0, venv_bin)
    return [os.path.join(d, _EXE) for d in seen]


def find_binary(explicit=None):
    """The path of the badtls binary: `explicit`, else $BADTLS_BINARY, else the one the wheel
    installed next to this Python, else the first on PATH. Raises BinaryNotFound naming every
    place it looked."""
    for source, value in (("the binary argument", explicit), (f"${BINARY_ENV}", os.environ.get(BINARY_ENV))):
        if value:
            path = os.fspath(value)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
            raise BinaryNotFound(
                f"badtls binary not found: {source} names {path!r}, which is not an executable file"
            )
    looked = _candidates()
    for path in looked:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    on_path = shutil.which("badtls")
    if on_path:
        return on_path
    raise BinaryNotFound(
        "badtls binary not found: looked in "
        + ", ".join(looked)
        + " and on PATH. Install the wheel into this environment (pip install badtls) "
        + f"or set {BINARY_ENV} to the binary's path."
    )


def run_json(args, binary=None, timeout=60):
    """Run `badtls ARGS` (a command that prints JSON) and return the parsed output."""
    path = find_binary(binary)
    try:
        proc = subprocess.run(
            [path, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise BinaryFailed(f"`{path} {' '.join(args)}` did not finish within {timeout} s") from None
    if proc.returncode != 0:
        raise BinaryFailed(
            f"`{path} {' '.join(args)}` exited with {proc.returncode}: {proc.stderr.strip()}"
        )
    try:
        return json.loads(proc.stdout)
    except ValueError as e:
        raise BinaryFailed(f"`{path} {' '.join(args)}` printed no JSON ({e})") from None


@lru_cache(maxsize=None)
def _cached_json(args, binary):
    return run_json(list(args), binary)


def cached_json(args, binary=None):
    """run_json, memoised per (args, resolved binary): the catalogue and the taxonomy do not
    change while a binary stays the same."""
    return _cached_json(tuple(args), find_binary(binary))
