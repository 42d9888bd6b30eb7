"""The pattern tables shipped in the wheel are exact copies of the matrix's (this repository's
client-matrix/classifiers/), and every shipped table loads."""

from pathlib import Path

import pytest

import badtls
import badtls._classify

REPO = Path(__file__).resolve().parents[2]
SHIPPED = Path(badtls.__file__).resolve().parent / "classifiers"


@pytest.mark.parametrize("name", ["python-urllib.toml", "python-requests.toml"])
def test_shipped_table_is_the_matrix_table(name):
    original = REPO / "client-matrix" / "classifiers" / name
    assert original.is_file(), f"{original}: run these tests from the badtls repository"
    assert (SHIPPED / name).read_bytes() == original.read_bytes(), (
        f"{SHIPPED / name} differs from {original}: copy the original into python/badtls/classifiers/ "
        "and rebuild the wheel"
    )


@pytest.mark.parametrize("name", ["python-urllib.toml", "python-requests.toml", "python-extra.toml"])
def test_tables_load_with_known_reasons(name):
    table = badtls._classify.table(name)
    assert table.rows, name
    assert table.client == name[: -len(".toml")]


def test_package_under_test_is_the_installed_one():
    """These tests exercise the installed wheel, not python/badtls of the source tree."""
    source = REPO / "python" / "badtls"
    assert Path(badtls.__file__).resolve().parent != source.resolve(), (
        f"imported {badtls.__file__} from the source tree; install the wheel and run pytest from python/tests"
    )
