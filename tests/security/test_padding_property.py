"""Property: however a hostile document is padded or encoded, the safe parser refuses it.

The old guard scanned the first 64 KiB of the prolog as UTF-8 bytes; these documents put
comments, processing instructions and whitespace of any size before the DOCTYPE and inside
its internal subset, and come in UTF-8, UTF-16 or UTF-32, with or without a byte-order mark.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teikit import xmlio
from teikit.errors import InputError
from tests.security.conftest import Loopback
from tests.security.hostile import SECRET

SIZES = st.sampled_from([0, 1, 100, 4096, 65_000, 65_536, 70_000, 140_000])
PADDING = st.lists(st.tuples(st.sampled_from(["comment", "pi", "space", "newline"]), SIZES), max_size=4).map(
    lambda parts: "".join(
        {
            "comment": lambda n: "<!--" + "c" * n + "-->",
            "pi": lambda n: "<?pad " + "p" * n + "?>",
            "space": lambda n: " " * n,
            "newline": lambda n: "\n" * min(n, 2000),
        }[kind](size)
        for kind, size in parts
    )
)
SUBSET_PADDING = st.lists(st.tuples(st.sampled_from(["comment", "space", "pi"]), SIZES), max_size=3).map(
    lambda parts: "".join(
        {
            "comment": lambda n: "<!--" + "s" * n + "-->",
            "space": lambda n: "\t " * (n // 2 + 1),
            "pi": lambda n: "<?sub " + "q" * n + "?>",
        }[kind](size)
        for kind, size in parts
    )
)
ATTACKS = st.sampled_from(
    ["general", "parameter-file", "parameter-http", "dtd-file", "dtd-http", "laughs", "attribute"]
)
ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "utf-32-le-bom"]
)


def document(attack: str, before: str, inside: str, secret: str, port: int) -> tuple[str, str]:
    """(the DOCTYPE, what the text uses) of one attack, padded."""
    text, attrs = "&x;", ""
    if attack == "general":
        doctype = f'<!DOCTYPE TEI [{inside}<!ENTITY x SYSTEM "file://{secret}">{inside}]>'
    elif attack == "attribute":
        doctype, text, attrs = (
            f'<!DOCTYPE TEI [{inside}<!ENTITY x SYSTEM "file://{secret}">]>',
            "a",
            ' n="&x;"',
        )
    elif attack == "parameter-file":
        doctype = f'<!DOCTYPE TEI [{inside}<!ENTITY % e SYSTEM "file://{secret}.dtd">{inside}%e;]>'
    elif attack == "parameter-http":
        doctype = f'<!DOCTYPE TEI [{inside}<!ENTITY % e SYSTEM "http://127.0.0.1:{port}/e.dtd"> %e;{inside}]>'
    elif attack == "dtd-file":
        doctype = f'<!DOCTYPE TEI SYSTEM "file://{secret}.dtd" [{inside}]>'
    elif attack == "dtd-http":
        doctype = (
            f'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{port}/e.dtd"{" [" + inside + "]" if inside else ""}>'
        )
    else:
        laughs = "".join(f'<!ENTITY x{i} "{("&x" + str(i - 1) + ";") * 10}">' for i in range(1, 8))
        doctype, text = f'<!DOCTYPE TEI [<!ENTITY x0 "ha">{inside}{laughs}]>', "&x7;"
    body = (
        f'{before}{doctype}\n<TEI xmlns="http://www.tei-c.org/ns/1.0"{attrs}><teiHeader/>'
        f"<text><body><p>{text}</p></body></text></TEI>\n"
    )
    return body, doctype


def encode(xml: str, encoding: str) -> bytes:
    codec, _, bom = encoding.partition("-bom")
    label = "UTF-8" if codec.startswith("utf-8") else codec.upper()[:6]
    data = f'<?xml version="1.0" encoding="{label}"?>\n{xml}'.encode(codec)
    marks = {
        "utf-8": codecs.BOM_UTF8,
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
    }
    return (marks[codec] if encoding.endswith("-bom") else b"") + data


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(attack=ATTACKS, before=PADDING, inside=SUBSET_PADDING, encoding=ENCODINGS)
def test_padded_hostile_documents_are_always_refused(
    attack: str, before: str, inside: str, encoding: str, secret: Path, loopback: Loopback
) -> None:
    xml, _ = document(attack, before, inside, str(secret), loopback.port)
    data = encode(xml, encoding)
    with pytest.raises(InputError) as caught:
        xmlio.parse_bytes(data, "hostile.xml")
    assert caught.value.file == "hostile.xml"
    assert SECRET not in str(caught.value)
    assert loopback.requests == []


SUBSET_PARTS = st.lists(st.sampled_from([
    "<!-- ]> ' \" [ -->", "<?pi ]> ' ?>", '<!ATTLIST TEI n CDATA "]>">', "<!ATTLIST TEI m CDATA ']'>",
    "\n", "  ", "<!ELEMENT TEI ANY>", "<!NOTATION n SYSTEM 'x]'>",
]), max_size=8, unique=True).map("".join)


@settings(max_examples=100, deadline=None)
@given(subset=SUBSET_PARTS, before=PADDING, encoding=ENCODINGS)
def test_what_jing_gets_never_holds_a_doctype(subset: str, before: str, encoding: str) -> None:
    """The copy handed to Jing: DOCTYPE gone whatever its subset holds, lines unchanged."""
    xml = f'{before}<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/x.dtd" [{subset}]>\n<TEI>x</TEI>\n'
    data = encode(xml, encoding)
    copy = xmlio.without_doctype(data, xmlio.parse_bytes(data))
    text = copy.decode("utf-8")
    assert "<!DOCTYPE" not in text.replace(before, "") and "ATTLIST" not in text
    assert text.count("\n") == xml.count("\n") + 1  # + the XML declaration's line
    assert xmlio.parse_bytes(copy).docinfo.doctype == ""
