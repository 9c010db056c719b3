"""The tasks `teikit build` runs beside its builders (teikit.build.alongside): the check and
the validation read the edition's own tree instead of parsing its file again (at 50 MB each
copy was 270 MiB of the build's process), and find what they find on the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.build.alongside import _own_tree
from teikit.check import check_paths
from teikit.check.model import DocumentSet
from teikit.edition import Edition
from teikit.validate.runner import validate_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _said(diags):
    return [(d.file, d.line, d.column, d.severity, d.code, d.message) for d in diags]


@pytest.mark.parametrize("name", ["notes.marker-dangling.xml", "index.locator-dangling.xml",
                                  "pointers.bad-syntax.xml"])
def test_the_check_of_the_editions_tree_finds_what_the_check_of_its_file_finds(name):
    path = FIXTURES / "check" / name
    edition = Edition.load(path)
    trees = _own_tree(edition)
    assert trees == {path.resolve(): edition.tree}
    on_file, on_tree = check_paths([path]), check_paths([path], trees=trees)
    assert on_tree.diagnostics and _said(on_tree.diagnostics) == _said(on_file.diagnostics)
    docs = DocumentSet(trees)
    assert docs.add(path).tree is edition.tree  # read, not parsed again


@pytest.mark.parametrize("name", ["rng-div-type-closed.xml", "rng-date-when-pattern.xml"])
def test_the_validation_of_the_editions_tree_finds_what_the_validation_of_its_file_finds(name):
    path = FIXTURES / "validate" / "invalid" / name
    trees = _own_tree(Edition.load(path))
    on_file = validate_paths([path], "teikit", cache_dir=None)
    on_tree = validate_paths([path], "teikit", cache_dir=None, trees=trees)
    assert on_tree.errors and _said(on_tree.diagnostics) == _said(on_file.diagnostics)


def test_an_edition_with_registers_merged_into_its_tree_is_parsed_again(tmp_path):
    from teikit.collection import with_registers

    register = FIXTURES / "mini-edition.xml"
    edition = with_registers(Edition.load(FIXTURES / "mini-edition.xml"), [register])
    assert edition.registers and _own_tree(edition) == {}
