"""`python -m badtls ARGS` runs the installed badtls binary (as `badtls ARGS` would)."""

import os
import subprocess
import sys

from ._binary import find_binary
from .errors import BinaryNotFound


def main():
    try:
        path = find_binary()
    except BinaryNotFound as e:
        print(f"badtls: {e}", file=sys.stderr)
        return 2
    if sys.platform == "win32":
        return subprocess.call([path, *sys.argv[1:]])
    os.execv(path, [path, *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
