"""The hostile-input corpus: TEI files a stranger might send, generated in code.

Each case is the bytes of one file (or a special path) that teikit must refuse with exit 2,
a message naming the file, no traceback, no byte of the secret file in any output and no
request to the loopback server. ``SECRET`` is a marker written into a file outside the
inputs; ``{secret}`` and ``{port}`` in the templates name that file and the server.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass

SECRET = "TEIKIT-SECRET-7f3e9a1c"

HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>Hostile</title><author>A. Stranger</author></titleStmt>"
    '<publicationStmt><publisher>Nobody</publisher><date when="2020">2020</date></publicationStmt>'
    "<sourceDesc><p>Born digital.</p></sourceDesc></fileDesc></teiHeader>"
)


def tei(
    body: str,
    doctype: str = "",
    *,
    declaration: str = '<?xml version="1.0" encoding="UTF-8"?>\n',
    attrs: str = "",
) -> str:
    """A small valid-looking TEI P5 document with ``body`` inside one division."""
    return (
        f"{declaration}{doctype}"
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"{attrs}>{HEADER}'
        f'<text><body><div xml:id="d1"><head>Chapter</head><p>{body}</p></div></body></text></TEI>\n'
    )


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[str, int], bytes]  # (secret file path, loopback port) -> file bytes
    why: str
    """What the message must say (a lower-case fragment)."""


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


def _xxe(secret: str, *, before: str = "", inside: str = "") -> str:
    return tei("&x;", f'{before}<!DOCTYPE TEI [{inside}<!ENTITY x SYSTEM "file://{secret}">]>\n')


PAD = 70 * 1024  # beyond the 64 KiB the old prolog scan looked at


def _encoded(codec: str, bom: bytes = b"", label: str = "UTF-16") -> Callable[[str, int], bytes]:
    def make(secret: str, port: int) -> bytes:
        text = _xxe(secret).replace('encoding="UTF-8"', f'encoding="{label}"')
        return bom + text.encode(codec)

    return make


def _billion_laughs() -> str:
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    return tei("&lol9;", f"<!DOCTYPE TEI [{''.join(decls)}]>\n")


def _quadratic() -> str:
    big = "A" * 50_000
    return tei("&a;" * 20_000, f'<!DOCTYPE TEI [<!ENTITY a "{big}">]>\n')


CASES: list[Case] = [
    Case("xxe-general", lambda s, p: _utf8(_xxe(s)), "entity"),
    Case("xxe-padded-comment", lambda s, p: _utf8(_xxe(s, before="<!--" + "x" * PAD + "-->\n")), "entity"),
    Case("xxe-padded-subset", lambda s, p: _utf8(_xxe(s, inside=" " * PAD)), "entity"),
    Case(
        "xxe-padded-comment-in-subset",
        lambda s, p: _utf8(_xxe(s, inside="<!--" + "y" * PAD + "-->")),
        "entity",
    ),
    Case(
        "xxe-attribute",
        lambda s, p: _utf8(tei("a", f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{s}">]>\n', attrs=' n="&x;"')),
        "entity",
    ),
    Case(
        "xxe-parameter-file",
        lambda s, p: _utf8(tei("&x;", f'<!DOCTYPE TEI [<!ENTITY % ext SYSTEM "file://{s}.dtd"> %ext;]>\n')),
        "entity",
    ),
    Case(
        "xxe-parameter-http",
        lambda s, p: _utf8(
            tei("&x;", f'<!DOCTYPE TEI [<!ENTITY % ext SYSTEM "http://127.0.0.1:{p}/evil.dtd"> %ext;]>\n')
        ),
        "entity",
    ),
    Case("dtd-file", lambda s, p: _utf8(tei("&x;", f'<!DOCTYPE TEI SYSTEM "file://{s}.dtd">\n')), "entity"),
    Case(
        "dtd-http",
        lambda s, p: _utf8(tei("&x;", f'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{p}/evil.dtd">\n')),
        "entity",
    ),
    Case(
        "dtd-http-public",
        lambda s, p: _utf8(
            tei("&x;", f'<!DOCTYPE TEI PUBLIC "-//EVIL//DTD" "http://127.0.0.1:{p}/evil.dtd">\n')
        ),
        "entity",
    ),
    Case(
        "dtd-http-attribute",
        lambda s, p: _utf8(
            tei("a", f'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{p}/evil.dtd">\n', attrs=' n="&x;"')
        ),
        "entity",
    ),
    Case(
        "unparsed-entity",
        lambda s, p: _utf8(
            tei("a", f'<!DOCTYPE TEI [<!NOTATION n SYSTEM "x"><!ENTITY u SYSTEM "file://{s}" NDATA n>]>\n')
        ),
        "entity",
    ),
    Case("billion-laughs", lambda s, p: _utf8(_billion_laughs()), "entit"),
    Case("quadratic-blowup", lambda s, p: _utf8(_quadratic()), "entit"),
    Case(
        "xinclude",
        lambda s, p: _utf8(
            tei(f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{s}" parse="text"/>')
        ),
        "xinclude",
    ),
    Case("utf16le-bom-xxe", _encoded("utf-16-le", codecs.BOM_UTF16_LE), "entity"),
    Case("utf16be-bom-xxe", _encoded("utf-16-be", codecs.BOM_UTF16_BE), "entity"),
    Case("utf16le-nobom-xxe", _encoded("utf-16-le"), "entity"),
    Case("utf16be-nobom-xxe", _encoded("utf-16-be"), "entity"),
    Case("utf32-xxe", _encoded("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32"), "entity"),
    Case(
        "latin1-xxe",
        lambda s, p: (
            _xxe(s)
            .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
            .replace("Chapter", "Chapitre \u00e9")
            .encode("latin-1")
        ),
        "entity",
    ),
    Case(
        "utf16-padded-xxe",
        lambda s, p: (
            codecs.BOM_UTF16_LE
            + _xxe(s, before="<!--" + "z" * PAD + "-->\n")
            .replace('encoding="UTF-8"', 'encoding="UTF-16"')
            .encode("utf-16-le")
        ),
        "entity",
    ),
    Case("deep", lambda s, p: _utf8(tei("<hi>" * 300 + "deep" + "</hi>" * 300)), "nested"),
    Case("huge-text", lambda s, p: _utf8(tei("w" * (11 * 1024 * 1024))), "10 mb"),
    Case("binary", lambda s, p: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    Case("empty", lambda s, p: b"   \n", "empty"),
    Case("wrong-encoding", lambda s, p: tei("caf\u00e9").encode("latin-1"), "not well-formed"),
    Case("declared-utf16-but-utf8", lambda s, p: _utf8(tei("a").replace('"UTF-8"', '"UTF-16"')), "xml"),
    Case("not-xml", lambda s, p: b"Dear editor,\nplease publish this.\n", "not well-formed"),
    Case(
        "tei-p4",
        lambda s, p: _utf8(
            '<?xml version="1.0"?>\n<TEI.2><teiHeader><fileDesc><titleStmt>'
            "<title>Old</title></titleStmt></fileDesc></teiHeader>"
            "<text><body><p>P4</p></body></text></TEI.2>\n"
        ),
        "p4",
    ),
    Case(
        "xhtml",
        lambda s, p: _utf8(
            '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            "<head><title>x</title></head><body><p>web page</p></body></html>\n"
        ),
        "xhtml page",
    ),
    Case(
        "wrong-namespace",
        lambda s, p: _utf8(tei("a").replace("http://www.tei-c.org/ns/1.0", "http://www.tei-c.org/ns/2.0")),
        "not in the tei namespace",
    ),
    Case(
        "no-namespace",
        lambda s, p: _utf8(tei("a").replace(' xmlns="http://www.tei-c.org/ns/1.0"', "")),
        "without a namespace",
    ),
]

BY_NAME = {case.name: case for case in CASES}


def evil_dtd(secret: str) -> bytes:
    """What the loopback server and the file:// DTD serve: entities that read the secret."""
    return f'<!ENTITY x SYSTEM "file://{secret}">\n<!ENTITY y "inline-from-dtd">\n'.encode()
