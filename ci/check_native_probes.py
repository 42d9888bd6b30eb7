"""Parse the native probes (C#, PowerShell, Swift) with their tree-sitter grammars and fail on any
syntax error. None of their runtimes is installed where badtls is developed, so this is the check
that they are at least well-formed source; it does not compile or run them."""

import sys
from pathlib import Path

import tree_sitter
import tree_sitter_c_sharp
import tree_sitter_powershell
import tree_sitter_swift

ROOT = Path(__file__).resolve().parent.parent / "client-matrix" / "probes" / "native"
PROBES = {
    "dotnet/Program.cs": tree_sitter_c_sharp.language(),
    "powershell_iwr.ps1": tree_sitter_powershell.language(),
    "urlsession_probe.swift": tree_sitter_swift.language(),
}


def problems(node, out):
    """Every ERROR or MISSING node under `node`, as (line, column, kind)."""
    if node.is_error or node.is_missing:
        out.append((node.start_point[0] + 1, node.start_point[1] + 1, node.type))
    for child in node.children:
        problems(child, out)
    return out


def main() -> int:
    failed = 0
    for name, language in PROBES.items():
        path = ROOT / name
        tree = tree_sitter.Parser(tree_sitter.Language(language)).parse(path.read_bytes())
        found = problems(tree.root_node, [])
        for line, column, kind in found:
            print(f"{path}:{line}:{column}: syntax: {'missing ' if kind != 'ERROR' else ''}{kind}")
        print(f"{name}: {'ok' if not found else f'{len(found)} syntax problems'}")
        failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
