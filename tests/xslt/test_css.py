"""The reading edition's and the EPUB's style sheets declare nothing a browser drops: every
declaration is `property: value`. A browser skips a malformed one without a word (the notes
list lost its rule above it to `.notes {: 1px solid …}` for several sessions)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "xslt"
SHEETS = [ROOT / "html" / "assets" / "teikit.css", ROOT / "epub" / "epub.css"]
_DECLARATION = re.compile(r"^(--[\w-]+|-?[a-z][a-z-]*)\s*:\s*\S")


def declarations(css: str) -> list[str]:
    """Every declaration of every rule (the innermost blocks), comments and strings blanked."""
    css = re.sub(r"/\*.*?\*/", " ", css, flags=re.S)
    css = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '"S"', css)
    found: list[str] = []
    for body in re.findall(r"\{([^{}]*)\}", css):
        found += [d.strip() for d in body.split(";") if d.strip()]
    return found


def test_the_parser_finds_a_broken_declaration():
    assert declarations('.a { color: red; }\n.b::before { content: "{"; }') == ["color: red", 'content: "S"']
    assert [d for d in declarations(".notes {: 1px solid var(--rule); margin-top: 2.5rem; }")
            if not _DECLARATION.match(d)] == [": 1px solid var(--rule)"]


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_every_declaration_names_a_property(sheet):
    found = declarations(sheet.read_text(encoding="utf-8"))
    assert len(found) > 50
    assert [d for d in found if not _DECLARATION.match(d)] == []


def test_the_site_and_the_epub_colour_the_same_named_colours():
    # the two sheets are packaged apart (the EPUB holds its own), so each carries the
    # `hi rend="color(NAME)"` classes of xslt/html/text.xsl: kept the same list here
    rules = [dict(re.findall(r"\.tk-color-([a-z]+)\{color:([a-z]+)\}", sheet.read_text(encoding="utf-8")))
             for sheet in SHEETS]
    assert len(rules[0]) > 140 and rules[0] == rules[1]
    assert all(name == value for name, value in rules[0].items())
