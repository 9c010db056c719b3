"""Property test of the tk.isbn rule's XPath 1.0 arithmetic against a Python reference."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teikit import xmlio
from teikit.validate import lxml_engines, schemas
from teikit.validate.documents import Document
from tests.validate.conftest import VALID

BASE = VALID[0].read_text(encoding="utf-8")


def reference_ok(isbn: str, kind: str) -> bool:
    """ISBN check digits as ISO 2108 defines them."""
    if kind == "ISBN-13":
        return len(isbn) == 13 and isbn.isdigit() and sum(
            int(c) * (3 if i % 2 else 1) for i, c in enumerate(isbn)) % 10 == 0
    if len(isbn) != 10 or not isbn[:9].isdigit() or not (isbn[9].isdigit() or isbn[9] == "X"):
        return False
    digits = [int(c) for c in isbn[:9]] + [10 if isbn[9] == "X" else int(isbn[9])]
    return sum(d * (10 - i) for i, d in enumerate(digits)) % 11 == 0


def isbn_diagnostics(isbn: str, kind: str) -> list:
    text = BASE.replace('<idno type="ISBN-13">9780821409480</idno>', f'<idno type="{kind}">{isbn}</idno>')
    data = text.encode("utf-8")
    doc = Document(path=VALID[0], tree=xmlio.parse_bytes(data, "isbn.xml"), name="isbn.xml", data=data)
    diags = lxml_engines.validate_schematron(schemas.TEIKIT_SCH, doc, "sch")
    return [d for d in diags if d.code == "tk.isbn"]


def with_check_digit(body: str, kind: str) -> str:
    """``body`` completed by a correct check digit (a valid ISBN half the time)."""
    for last in "0123456789X":
        if reference_ok(body + last, kind):
            return body + last
    return body + "0"


isbn13 = st.text("0123456789", min_size=12, max_size=12).map(lambda b: with_check_digit(b, "ISBN-13"))
isbn10 = st.text("0123456789", min_size=9, max_size=9).map(lambda b: with_check_digit(b, "ISBN-10"))
noise = st.text("0123456789X", min_size=9, max_size=14)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(isbn=st.one_of(isbn13, noise), flip=st.booleans())
def test_isbn13_rule_matches_reference(isbn, flip):
    if flip and isbn:  # break a correct one in its last digit
        isbn = isbn[:-1] + str((int(isbn[-1]) + 1) % 10 if isbn[-1].isdigit() else 0)
    diags = isbn_diagnostics(isbn, "ISBN-13")
    assert (diags == []) == reference_ok(isbn, "ISBN-13"), isbn
    assert all(d.line == 20 for d in diags)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(isbn=st.one_of(isbn10, noise))
def test_isbn10_rule_matches_reference(isbn):
    diags = isbn_diagnostics(isbn, "ISBN-10")
    assert (diags == []) == reference_ok(isbn, "ISBN-10"), isbn
