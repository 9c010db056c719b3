"""What teikit prints cannot drive the terminal or forge a line: a file name or a value from a
stranger's edition holding ESC, a newline or a bidirectional control is shown escaped."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli
from teikit.diagnostics import Diagnostic, Severity, printable
from tests.security.hostile import tei

FORGED = "x.xml: error: all is well [forged]"


def test_printable_escapes_what_a_terminal_acts_on() -> None:
    assert printable("a\x1b]0;title\x07b\nc\u202ed\x9be") == "a\\x1b]0;title\\x07b\\nc\\u202ed\\x9be"
    assert printable("Ivanov, Pëtr\tx") == "Ivanov, Pëtr\tx"  # text and tabs as they are


def test_a_diagnostic_is_one_line_and_its_hint_another() -> None:
    d = Diagnostic(f"a\n{FORGED}", 3, None, Severity.ERROR, "c.d", f"bad\n{FORGED}", hint="do\x1b[2Jthis")
    lines = d.render().split("\n")
    assert len(lines) == 2 and lines[1].startswith("    hint: ") and "\x1b" not in d.render()


def test_file_names_with_controls_reach_the_report_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "edition"
    folder.mkdir()
    name = f"a\x1b[8m\n{FORGED}\u202e.xml"
    (folder / name).write_text(tei("x") + "<junk/>", encoding="utf-8")  # not well-formed: reported
    for argv in (["check", str(folder)], ["validate", "--no-cache", str(folder)],
                 ["build", "csv", "--edition", str(folder / name), "--out", str(tmp_path / "o")]):
        result = CliRunner().invoke(cli, argv)
        assert result.exit_code == 2, result.output
        assert "\x1b" not in result.output and "\u202e" not in result.output, result.output
        assert not any(line.startswith(FORGED) for line in result.output.splitlines()), result.output
        assert "\\x1b[8m\\n" in result.output, result.output
