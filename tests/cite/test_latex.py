"""Escaping for BibTeX: what bibtexparser decodes is what the TEI said (property-based)."""

from __future__ import annotations

import bibtexparser
from bibtexparser import middlewares
from hypothesis import given, settings
from hypothesis import strategies as st

from teikit.cite.biblatex import to_bib
from teikit.cite.latex import escape

# Letters (with the accents of the bibliography's French, German, Czech and Polish titles),
# digits, spaces and every LaTeX special character.
ALPHABET = st.sampled_from(list("abcXYZ019 .,:;'()-&%#_$éèêëçàöüñčšžóąłŁßø"))
TEXT = st.text(ALPHABET, min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool)


def _decode(value: str) -> str:
    item = {"id": "k", "type": "book", "title": value}
    library = bibtexparser.parse_string(
        to_bib([item], "bibtex"), append_middleware=[middlewares.LatexDecodingMiddleware()])
    assert not library.failed_blocks
    return library.entries[0]["title"]


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_bibtex_dialect_round_trips_through_bibtexparser(value):
    assert to_bib([{"id": "k", "type": "book", "title": value}], "bibtex").isascii()
    assert _decode(value) == value


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_biblatex_dialect_keeps_braces_balanced(value):
    escaped = escape(value)
    depth = 0
    for i, ch in enumerate(escaped):
        if ch in "{}" and (i == 0 or escaped[i - 1] != "\\"):
            depth += 1 if ch == "{" else -1
            assert depth >= 0
    assert depth == 0


def test_examples():
    assert escape("Plon & Cie, 50% #1 a_b $x") == r"Plon \& Cie, 50\% \#1 a\_b \$x"
    assert escape("Révèle", ascii_only=True) == r"R{\'e}v{\`e}le"
    assert escape("Łódź — ç", ascii_only=True) == r"{\L}{\'o}d{\'z} {\textemdash} {\c{c}}"
    assert escape("a--b ''q''") == "a-{}-b '{}'q'{}'"  # typed, not TeX ligatures


def test_plain_ascii_shortcut_knows_every_ascii_character_pylatexenc_changes():
    """escape() returns an ASCII value without _CHANGED_ASCII's characters as it is, without
    asking pylatexenc: that holds only if these are all the ASCII characters it changes."""
    from teikit.cite import latex

    for encoder in (latex._UTF8, latex._ASCII):
        changed = {chr(c) for c in range(128) if encoder.unicode_to_latex(chr(c)) != chr(c)}
        assert changed == {c for c in map(chr, range(128)) if latex._CHANGED_ASCII.search(c)}


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=40))
def test_plain_ascii_shortcut_gives_what_pylatexenc_gives(value):
    from teikit.cite import latex

    for encoder, ascii_only in ((latex._UTF8, False), (latex._ASCII, True)):
        expected = latex._LIGATURE.sub("{}", encoder.unicode_to_latex(value))
        assert escape(value, ascii_only=ascii_only) == expected
