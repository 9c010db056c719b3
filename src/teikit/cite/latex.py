"""Escaping text for BibTeX/BibLaTeX field values, by pylatexenc's Unicode-to-LaTeX tables.

BibLaTeX with Biber reads UTF-8, so only LaTeX's special ASCII characters are escaped there
(``&`` -> ``{\\&}``). Classic BibTeX is byte-oriented: every non-ASCII character becomes its
LaTeX spelling (``é`` -> ``{\\'e}``) so that any BibTeX style prints it. The tables are
pylatexenc's (the same library bibtexparser decodes with), not ours.
"""

from __future__ import annotations

import re

from pylatexenc import latexencode

# pylatexenc's default rule is one dict {code point: LaTeX}; its ASCII part is exactly
# LaTeX's special characters (\ { } $ & % # _ ^ ~).
_DEFAULTS = latexencode.get_builtin_conversion_rules("defaults")
_ASCII_RULE = latexencode.UnicodeToLatexConversionRule(
    rule_type=latexencode.RULE_DICT,
    rule={cp: tex for rule in _DEFAULTS for cp, tex in rule.rule.items() if cp < 128},
)
# "braces-all" wraps each replacement ({\'e}), which keeps BibTeX's case changes and
# sorting away from the accent; "keep" leaves a character without a LaTeX spelling as is
# (Biber and BibTeX pass it through).
_UTF8 = latexencode.UnicodeToLatexEncoder(
    conversion_rules=[_ASCII_RULE], replacement_latex_protection="braces", unknown_char_policy="keep",
    unknown_char_warning=False,
)
_ASCII = latexencode.UnicodeToLatexEncoder(
    conversion_rules=["defaults"], replacement_latex_protection="braces-all", unknown_char_policy="keep",
    unknown_char_warning=False,
)

# TeX turns "--", "''" and "``" into dashes and curly quotes; "{}" between keeps them as typed.
_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=')(?=')|(?<=`)(?=`)")


# The ASCII characters either encoder changes (tests/cite/test_latex.py asks pylatexenc
# for every one of the 128): a value of other ASCII characters only comes back as it is.
_CHANGED_ASCII = re.compile(r'["#$%&<>\\^_{}~]')


def escape(value: str, *, ascii_only: bool = False) -> str:
    """Escape ``value`` for a braced field; with ``ascii_only`` also spell non-ASCII in LaTeX."""
    # pylatexenc reads a value character by character in Python (0.1 s for the memoir's
    # 2,000 fields); most values are plain ASCII that it would return unchanged
    if value.isascii() and not _CHANGED_ASCII.search(value):
        return _LIGATURE.sub("{}", value)
    encoder = _ASCII if ascii_only else _UTF8
    return _LIGATURE.sub("{}", encoder.unicode_to_latex(value))
