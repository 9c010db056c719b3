"""Escaping text for BibTeX/BibLaTeX field values.

BibLaTeX with Biber reads UTF-8, so only LaTeX's special characters are escaped there.
Classic BibTeX is byte-oriented: accented letters become LaTeX accent commands
(``é`` -> ``{\\'e}``) so that any BibTeX style prints them.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
# Combining marks and the LaTeX accent command that draws each.
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0308": '"',
    "\u0304": "=", "\u0307": ".", "\u0327": "c", "\u030c": "v", "\u0306": "u",
    "\u030a": "r", "\u030b": "H", "\u0328": "k",
}
_LETTERS = {
    "ß": r"{\ss}", "æ": r"{\ae}", "Æ": r"{\AE}", "œ": r"{\oe}", "Œ": r"{\OE}", "ø": r"{\o}",
    "Ø": r"{\O}", "ł": r"{\l}", "Ł": r"{\L}", "–": "--", "—": "---", "‘": "`", "’": "'",
    "“": "``", "”": "''", "\u00a0": "~",
}


# TeX turns "--", "''" and "``" into dashes and curly quotes; "{}" between keeps them as typed.
_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=')(?=')|(?<=`)(?=`)")


def escape(value: str, *, ascii_only: bool = False) -> str:
    """Escape ``value`` for a braced field; with ``ascii_only`` also encode accents."""
    text = _LIGATURE.sub("{}", "".join(_SPECIAL.get(ch, ch) for ch in value))
    return _to_ascii(text) if ascii_only else text


def _to_ascii(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
        elif ch in _LETTERS:
            out.append(_LETTERS[ch])
        else:
            out.append(_accented(ch))
    return "".join(out)


def _accented(ch: str) -> str:
    base, *marks = unicodedata.normalize("NFD", ch)
    if marks and all(m in _ACCENTS for m in marks) and ord(base) < 128:
        result = base
        for mark in marks:
            command = _ACCENTS[mark]
            # Letter commands (\c, \v) need braces; symbol ones (\', \") take the letter directly.
            result = f"\\{command}{{{result}}}" if command.isalpha() else f"\\{command}{result}"
        return "{" + result + "}"
    return ch  # no LaTeX spelling known: keep the character (BibTeX passes it through)
