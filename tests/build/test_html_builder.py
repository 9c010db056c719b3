"""`teikit build html`: the builder and the command around it (exit codes, atomic output)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit import build as build_registry
from teikit.build import BuildSettings
from teikit.build import html as html_builder
from teikit.cli import cli
from teikit.edition import Edition
from teikit.errors import InputError

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini-edition.xml"


def test_cli_builds_html_into_out(tmp_path):
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(MINI), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "html" / "ch01.html").is_file()
    assert (tmp_path / "html" / "assets" / "teikit.css").is_file()


def test_cli_json_report(tmp_path):
    args = ["build", "html", "--edition", str(MINI), "--out", str(tmp_path), "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert '"tool": "teikit build"' in result.output


def test_missing_edition_is_a_usage_error_naming_the_file(tmp_path):
    missing = tmp_path / "nope.xml"
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(missing), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "nope.xml" in result.output and "no such file" in result.output
    assert "Traceback" not in result.output


def test_not_well_formed_edition_names_line(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<text>\n</TEI>\n")
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(bad), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "bad.xml:3" in result.output


def test_non_tei_document_is_refused_and_previous_output_is_kept(tmp_path):
    out = tmp_path / "exports"
    html_builder.build(Edition.load(MINI), out, BuildSettings(exports_dir=out))
    before = (out / "html" / "ch01.html").read_bytes()
    p4 = tmp_path / "p4.xml"
    p4.write_text("<TEI.2><text><body><p>P4</p></body></text></TEI.2>")
    with pytest.raises(InputError, match="not a TEI P5 document") as info:
        html_builder.build(Edition.load(p4), out, BuildSettings(exports_dir=out))
    assert info.value.hint and "p4top5" in info.value.hint
    assert (out / "html" / "ch01.html").read_bytes() == before
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(p4), "--out", str(out)])
    assert result.exit_code == 2 and "p4.xml:1" in result.output


def test_a_failing_write_leaves_the_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "exports"
    html_builder.build(Edition.load(MINI), out, BuildSettings(exports_dir=out))
    monkeypatch.setattr(html_builder, "ASSETS", tmp_path / "no-such-assets")
    with pytest.raises(FileNotFoundError):
        html_builder.build(Edition.load(MINI), out, BuildSettings(exports_dir=out))
    assert (out / "html" / "assets" / "teikit.js").is_file()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_builder_bug_is_not_hidden_as_unavailable(tmp_path, monkeypatch):
    """A registry entry whose module is missing is a bug: it propagates (no exit 0)."""
    monkeypatch.setitem(build_registry.BUILDERS, "nothing", "teikit.build.no_such_module")
    from teikit.build.run import build_formats

    settings = BuildSettings(exports_dir=tmp_path)
    with pytest.raises(ModuleNotFoundError):
        build_formats(Edition.load(MINI), ["nothing"], settings)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_an_image_that_is_a_fifo_or_a_folder_is_named_not_copied(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.png")  # copying it would wait for a writer forever
    (tmp_path / "dir.png").mkdir()
    text = MINI.read_text(encoding="utf-8")
    at = text.index("<p", text.index("<body"))
    edition = tmp_path / "e.xml"
    edition.write_text(text[:at] + '<figure><graphic url="pipe.png"/></figure>'
                       '<figure><graphic url="dir.png"/></figure>' + text[at:], encoding="utf-8")
    out = tmp_path / "out"
    result = html_builder.build(Edition.load(edition), out, BuildSettings(exports_dir=out))
    said = [d.message for d in result.diagnostics if d.code == "render.image-missing"]
    assert len(said) == 2 and all("is not a file (a folder, a FIFO or a device)" in m for m in said), said
    assert not (tmp_path / "out" / "html" / "images").exists()
