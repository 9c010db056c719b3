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
