"""Dating attributes: what is wrong with a value that is no W3C date is said precisely."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from teikit.check.rules.dates import problem


def test_an_empty_date_is_said_to_be_empty():
    # the Laßberg letters: 111 when="" were "not in an ISO 8601 form"
    assert problem("") == "it is empty (remove the attribute when the date is not known)"


@given(st.integers(1, 999), st.sampled_from(["", "-03", "-03-11"]), st.booleans())
def test_a_short_year_is_said_with_its_four_digit_form(year, rest, bce):
    sign = "-" if bce else ""
    said = problem(f"{sign}{year}{rest}")
    written = f"{sign}{year:04d}{rest}"
    assert said == f"a year has four digits at least: write {written}"
    assert problem(written) is None  # what the message proposes is a date
