"""`teikit ingest`: summary, atomic output, bad input leaves the old edition alone."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from teikit import paths
from teikit.cli import cli


def test_check_only_prints_a_json_summary_and_writes_nothing(tmp_path):
    out = tmp_path / "out.xml"
    result = CliRunner().invoke(cli, ["ingest", "--check-only", "--format", "json", "--output", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    summary = report["summary"]
    assert summary["chapters"] == 17
    assert summary["notes"] == summary["notes_linked"] == 257
    assert summary["duplicate_ids"] == 0
    assert report["written"] is False and not out.exists()


def test_writes_the_edition(tmp_path):
    out = tmp_path / "edition.xml"
    result = CliRunner().invoke(cli, ["ingest", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "chapters: 17" in result.stdout
    data = out.read_bytes()
    assert data.startswith(b"<?xml") and b'xml:id="ch17"' in data


def test_unrecognisable_source_exits_2_and_keeps_the_old_edition(tmp_path):
    source = tmp_path / "book.txt"
    source.write_text("Just some text.\n\nNo pages at all.\n", encoding="utf-8")
    out = tmp_path / "edition.xml"
    out.write_bytes(b"<old/>")
    result = CliRunner().invoke(cli, ["ingest", "--source", str(source), "--output", str(out)])
    assert result.exit_code == 2
    assert "no page markers" in result.stderr and "book.txt:1" in result.stderr
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"<old/>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.txt", "edition.xml"]  # no temp file left


def test_missing_source_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "--source", str(tmp_path / "nope.txt"), "--check-only"])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_truncated_source_names_the_missing_part(tmp_path):
    lines = paths.SOURCE_TEXT.read_text(encoding="utf-8").splitlines()
    notes_at = lines.index("Notes", 200)
    source = tmp_path / "book.txt"
    source.write_text("\n".join(lines[:notes_at]) + "\n", encoding="utf-8")
    editorial = tmp_path / "editorial"
    shutil.copytree(paths.EDITORIAL_DIR, editorial)
    result = CliRunner().invoke(cli, ["ingest", "--source", str(source), "--editorial", str(editorial),
                                      "--check-only"])
    assert result.exit_code == 2
    assert "no notes heading" in result.stderr


def test_wrong_types_in_the_editorial_data_are_an_input_error(tmp_path):
    editorial = tmp_path / "editorial"
    shutil.copytree(paths.EDITORIAL_DIR, editorial)
    toml = editorial / "persons.toml"
    toml.write_text(toml.read_text().replace("main = []", "main = 5", 1))
    result = CliRunner().invoke(cli, ["ingest", "--source", str(paths.SOURCE_TEXT), "--editorial",
                                      str(editorial), "--output", str(tmp_path / "x.xml"), "--check-only"])
    assert result.exit_code == 2, result.output
    line = toml.read_text().splitlines().index("main = 5") + 1
    assert f"{toml}:{line}: index.nesting.main: expected an array of strings, not 5" in result.output
    assert "Traceback" not in result.output


def test_a_duplicate_id_of_any_element_is_an_error_and_nothing_is_written(tmp_path):
    """An editors' person whose ID an organisation of the index already has: the summary
    names the ID, the run fails (exit 1) and the old edition stays."""
    editorial = tmp_path / "editorial"
    shutil.copytree(paths.EDITORIAL_DIR, editorial)
    toml = editorial / "persons.toml"
    toml.write_text(toml.read_text() + '\n[[unindexed]]\nid = "org-cheka"\nsurname = "Twin"\n')
    out = tmp_path / "edition.xml"
    out.write_bytes(b"<old/>")
    result = CliRunner().invoke(cli, ["ingest", "--source", str(paths.SOURCE_TEXT), "--editorial",
                                      str(editorial), "--output", str(out)])
    assert result.exit_code == 1, result.output
    assert "the xml:id 'org-cheka' is given to 2 elements (person, org)" in result.stderr
    assert "[ingest.duplicate-id]" in result.stderr
    assert "duplicate IDs: 1 (org-cheka)" in result.stdout
    assert out.read_bytes() == b"<old/>"


def test_an_editors_subject_may_not_take_an_existing_id(tmp_path):
    """An [[unindexed_org]] with the ID of an indexed organisation was silently merged into
    it: now an input error naming the file and the ID."""
    editorial = tmp_path / "editorial"
    shutil.copytree(paths.EDITORIAL_DIR, editorial)
    toml = editorial / "persons.toml"
    toml.write_text(toml.read_text() + '\n[[unindexed_org]]\nid = "org-cheka"\nname = "Cheka twin"\n')
    result = CliRunner().invoke(cli, ["ingest", "--source", str(paths.SOURCE_TEXT), "--editorial",
                                      str(editorial), "--check-only"])
    assert result.exit_code == 2, result.output
    assert "persons.toml" in result.stderr and "[[unindexed_org]] 'org-cheka'" in result.stderr
    assert "Traceback" not in result.output
