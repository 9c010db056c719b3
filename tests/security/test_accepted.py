"""What teikit accepts from a stranger it reads without reaching outside the file.

A DOCTYPE that only names an external DTD is accepted (the DTD is never read, by lxml,
Saxon or Jing), in any encoding; graphic and facs paths are never read; a document nested
as deep as teikit allows builds (Saxon and the parser share one limit); an input refused
half-way leaves the previous outputs as they were.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.cli import cli
from tests.conftest import FIXTURES
from tests.security.conftest import Loopback, no_secret_under
from tests.security.hostile import SECRET, tei

MINI = FIXTURES / "mini-edition.xml"


def with_doctype(port: int) -> str:
    text = MINI.read_text(encoding="utf-8")
    return text.replace("<TEI ", f'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{port}/tei_all.dtd">\n<TEI ', 1)


def invoke(*argv: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(argv))
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit) or result.exception is None, repr(result.exception)
    return result.exit_code, result.output


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-be-nobom"])
def test_an_external_dtd_is_never_read(encoding: str, tmp_path: Path, loopback: Loopback) -> None:
    text = with_doctype(loopback.port)
    if encoding == "utf-8":
        data = text.encode("utf-8")
    else:
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
        data = (
            codecs.BOM_UTF16_LE + text.encode("utf-16-le")
            if encoding == "utf-16"
            else text.encode("utf-16-be")
        )
    path = tmp_path / "edition.xml"
    path.write_bytes(data)
    code, output = invoke("validate", "--no-cache", "--engine", "jing", str(path))
    assert code == 0, output
    code, output = invoke("check", str(path))
    assert code in (0, 1), output
    code, output = invoke("build", "html", "epub", "--edition", str(path), "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert (tmp_path / "out" / "html" / "index.html").is_file()
    assert loopback.requests == []


def test_graphic_and_facs_paths_are_never_read(tmp_path: Path, secret: Path, loopback: Loopback) -> None:
    body = (
        f'<figure><graphic url="{secret}"/><graphic url="file://{secret}"/>'
        f'<graphic url="http://127.0.0.1:{loopback.port}/img.png"/></figure>'
        f'<pb n="1" facs="{secret}"/>Text.'
    )
    path = tmp_path / "figures.xml"
    path.write_text(tei(body), encoding="utf-8")
    code, output = invoke("build", "--edition", str(path), "--out", str(tmp_path / "out"))
    assert code in (0, 1), output
    assert SECRET not in output and not no_secret_under(tmp_path / "out")
    assert loopback.requests == []


def test_the_deepest_document_teikit_reads_also_builds(tmp_path: Path) -> None:
    """The parser's limit is the stylesheets' limit: what check accepts, build builds."""
    depth = 251  # + TEI, text, body, div, p = 256 levels, the most the parser accepts
    path = tmp_path / "deep.xml"
    path.write_text(tei("<hi>" * depth + "bottom" + "</hi>" * depth), encoding="utf-8")
    code, output = invoke("check", str(path))
    assert code == 0, output
    code, output = invoke("build", "--edition", str(path), "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert "bottom" in (tmp_path / "out" / "html" / "d1.html").read_text(encoding="utf-8")


def test_a_refused_input_leaves_previous_outputs_intact(tmp_path: Path, secret: Path) -> None:
    good = tmp_path / "good.xml"
    good.write_text(tei("Good text."), encoding="utf-8")
    out = tmp_path / "out"
    assert invoke("build", "html", "--edition", str(good), "--out", str(out))[0] == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = tmp_path / "bad.xml"
    bad.write_text(
        tei("&x;", "<!--" + " " * 70_000 + f'--><!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>'),
        encoding="utf-8",
    )
    assert invoke("build", "html", "--edition", str(bad), "--out", str(out))[0] == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
