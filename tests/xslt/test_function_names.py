"""Each XSLT function is defined once in its layer, and a higher layer overrides a lower one's
only on purpose. Saxon says nothing when a function of html/ (which imports common/) takes
the name of one of common/: the higher one silently wins (a dictionary helper named like
notes.xsl's tk:numbered once renumbered the memoir EPUB's notes)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

XSLT = Path(__file__).resolve().parents[2] / "xslt"
# The EPUB's own unit files and notes: it overrides these of the HTML layer (docs/epub.md)
EPUB_OVERRIDES = {"tk:entity-file", "tk:listed-notes", "tk:note-unit", "tk:unit-notes"}


def _functions(layer: str) -> list[str]:
    return [name for path in sorted((XSLT / layer).glob("*.xsl"))
            for name in re.findall(r'<xsl:function\s+name="([^"]+)"', path.read_text(encoding="utf-8"))]


def test_no_function_is_defined_twice_in_a_layer():
    for layer in ("common", "html", "epub"):
        names = _functions(layer)
        assert names, layer
        assert [n for n, count in Counter(names).items() if count > 1] == [], layer


def test_a_layer_overrides_only_the_functions_it_means_to():
    common, html, epub = (set(_functions(layer)) for layer in ("common", "html", "epub"))
    assert common & html == set()
    assert (common | html) & epub == EPUB_OVERRIDES
