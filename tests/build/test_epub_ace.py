"""DAISY Ace, the EPUB accessibility checker, finds no violation in the memoir's EPUB nor in
the EPUB of a small book without a title page or contents of its own (the EPUB declares
WCAG 2.1 AA). Ace is installed by scripts/setup.sh into .cache/ace and drives Debian's
chromium."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from teikit import paths
from tests.build.test_epub import build

ACE = paths.PROJECT_ROOT / ".cache" / "ace" / "node_modules" / ".bin" / "ace-cli"
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-edition.xml"


def ace_violations(epub: Path, out: Path) -> list[str]:
    """Run the real Ace on ``epub``; the violations it reports (impact, rule, file)."""
    assert ACE.exists(), f"DAISY Ace is not installed at {ACE}: run scripts/setup.sh"
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium"}
    proc = subprocess.run([str(ACE), "--silent", "--outdir", str(out), "--force", str(epub)],
                          capture_output=True, text=True, timeout=600, env=env, check=False)
    report = out / "report.json"
    assert report.exists(), proc.stdout + proc.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    found = [f"{b['earl:test']['earl:impact']} {b['earl:test']['dct:title']} "
             f"in {a['earl:testSubject']['url']}"
             for a in data["assertions"] for b in a.get("assertions", [])]
    assert (data["earl:result"]["earl:outcome"] == "pass") == (not found)
    return found


@pytest.mark.browser
@pytest.mark.parametrize("source", [paths.EDITION, MINI], ids=["memoir", "mini"])
def test_ace_finds_no_violation(source, tmp_path):
    _, epub = build(source, tmp_path / "book")
    assert ace_violations(epub, tmp_path / "ace") == []
