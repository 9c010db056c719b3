"""A build whose inputs did not change keeps the last outputs (content hashes, not times);
an edited input, other options or --force build again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from teikit.build import cache
from teikit.cli import cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "letters"


def _build(edition: Path, out: Path, *options: str) -> str:
    result = CliRunner().invoke(cli, ["-v", "build", "html", "csv", "--edition", str(edition),
                                      "--register", str(edition / "persons.xml"), "--out", str(out),
                                      *options])
    assert result.exit_code == 0, result.output
    return result.output


def _snapshot(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def test_unchanged_input_keeps_the_outputs_and_an_edit_builds_again(tmp_path: Path) -> None:
    edition = tmp_path / "letters"
    shutil.copytree(FIXTURE, edition)
    out = tmp_path / "out"
    assert "nothing changed" not in _build(edition, out)
    first = _snapshot(out)
    assert (out / cache.CACHE).is_file()

    letter = next(edition.glob("1807-*.xml"))
    os.utime(letter, ns=(letter.stat().st_atime_ns, letter.stat().st_mtime_ns + 10**9))  # touched only
    assert "nothing changed" in _build(edition, out)
    assert _snapshot(out) == first  # not one file written again

    letter.write_text(letter.read_text("utf-8").replace("</body>", "<p>A postscript.</p></body>"), "utf-8")
    assert "nothing changed" not in _build(edition, out)
    assert "postscript" in "".join(p.read_text("utf-8") for p in (out / "html").glob("*.html"))


def test_other_options_or_force_build_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(FIXTURE, out)
    assert "nothing changed" not in _build(FIXTURE, out, "--single-page")
    assert "nothing changed" in _build(FIXTURE, out, "--single-page")
    assert "nothing changed" not in _build(FIXTURE, out, "--single-page", "--force")


def test_a_missing_output_builds_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(FIXTURE, out)
    shutil.rmtree(out / "csv")
    assert "nothing changed" not in _build(FIXTURE, out)
    assert (out / "csv").is_dir()


def test_outputs_another_build_moved_in_meanwhile_are_not_taken_for_ours(tmp_path: Path) -> None:
    # two editions built into one folder at once: the other build's site moved in after
    # ours, and its record says so; ours must not be remembered, or its next build would
    # keep the other edition's site as its own
    from teikit import outputs

    edition = tmp_path / "letters"
    shutil.copytree(FIXTURE, edition)
    out = tmp_path / "out"
    _build(edition, out)
    record = outputs.read_record(out)
    ours = record["html"]
    outputs.write_record(out, {"html": "the other edition's input"})
    cache.record(out, "key", ["html", "csv"], [], built={"html": ours, "csv": ours})
    assert not (out / cache.CACHE).exists()
    assert "nothing changed" not in _build(edition, out)  # built again, and now its own
    assert outputs.read_record(out)["html"] == ours
    assert "nothing changed" in _build(edition, out)
