"""docs/elements.md names every element the HTML layer handles, and nothing it does not."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _handled() -> set[str]:
    text = (ROOT / "xslt" / "html" / "text.xsl").read_text(encoding="utf-8")
    m = re.search(r'name="tk:handled-names" as="xs:string\*" select="\((.*?)\)"/>', text, re.S)
    assert m, "tk:handled-names not found in xslt/html/text.xsl"
    return set(re.findall(r"'([A-Za-z0-9]+)'", m.group(1)))


def _documented() -> set[str]:
    text = (ROOT / "docs" / "elements.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1] for line in text.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Za-z0-9]+)`", row)}


def test_every_handled_element_is_documented():
    missing = sorted(_handled() - _documented())
    assert not missing, f"add to docs/elements.md: {missing}"


def test_the_doc_names_no_element_that_is_not_handled():
    extra = sorted(_documented() - _handled())
    assert not extra, f"docs/elements.md names elements without a template: {extra}"


def _element_layer() -> str:
    """The HTML element layer: text.xsl and the files of one kind of text (speech, dictionaries)."""
    folder = ROOT / "xslt" / "html"
    names = ("text.xsl", "speech.xsl", "dictionary.xsl")
    return "".join((folder / name).read_text(encoding="utf-8") for name in names)


def _matched() -> set[str]:
    """The TEI elements a template of the HTML element layer names: in its match pattern, or in
    what it selects and renders itself (a table its rows and cells, an app its readings)."""
    text = _element_layer()
    patterns = re.findall(r'<xsl:template match="([^"]*)"', text)
    selected = re.findall(r'<xsl:(?:for-each|apply-templates|variable)[^>]*select="([^"]*)"', text)
    # teix: the TEI's Examples namespace (egXML)
    return {name for p in patterns + selected for name in re.findall(r"teix?:([A-Za-z0-9]+)", p)}


def _without_predicates(pattern: str) -> str:
    """A match pattern without its [predicates] (the elements it matches, not those it tests)."""
    out, depth = [], 0
    for c in pattern:
        depth += (c == "[") - (c == "]")
        if depth == 0 and c != "]":
            out.append(c)
    return "".join(out)


def test_every_handled_element_has_a_template_and_every_template_is_listed():
    """tk:handled-names is the one list of handled elements (the EPUB imports this layer):
    each name in it has a template, and each element a template names is in it."""
    handled, matched = _handled(), _matched()
    assert not sorted(handled - matched), "listed without a template"
    templates = {name for p in re.findall(r'<xsl:template match="([^"]*)"', _element_layer())
                 for name in re.findall(r"teix?:([A-Za-z0-9]+)", _without_predicates(p))}
    assert not sorted(templates - handled), "a template for an element not listed"
