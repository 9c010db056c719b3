"""`teikit build --validate --check --cite --deposit`: the whole job in one command.

The HTML site is written by a forked child (--jobs 2) while this process validates, checks
and writes the other outputs: they are the same bytes as those of one process doing it all
in turn, and an edition that is invalid, or whose references are broken, replaces nothing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-edition.xml"
PARTS = ("html", "csv", "citations", "deposit")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".teikit-")}


def _build(edition: Path, out: Path, *options: str) -> tuple[int, str]:
    # a process of its own, as a user runs it: this test process may have started Saxon, after
    # which a build no longer forks (teikit.build.forked), and the child is what is tested
    done = subprocess.run([sys.executable, "-m", "teikit", "build", "--edition", str(edition), "--out",
                           str(out), "--force", *options], capture_output=True, text=True, timeout=600)
    return done.returncode, done.stdout + done.stderr


def test_the_whole_job_on_two_cores_makes_the_same_outputs_as_one_process(tmp_path):
    code, said = _build(MINI, tmp_path / "one", "--jobs", "1", "--cite", "--deposit")
    assert code == 0, said
    code, said = _build(MINI, tmp_path / "two", "--jobs", "2", "--validate", "--schema", "tei_all",
                        "--check", "--cite", "--deposit")
    assert code == 0, said
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert {name.split("/")[0] for name in one} >= {*PARTS, "mini-edition.epub"}
    assert one == two
    # without --cite the bag's citations are written for it; with it, linked: the same files
    code, said = _build(MINI, tmp_path / "bag", "--jobs", "1", "--deposit")
    assert code == 0, said
    cited = tmp_path / "one" / "deposit" / MINI.stem / "data" / "citations"
    assert _files(tmp_path / "bag" / "deposit" / MINI.stem / "data" / "citations") == _files(cited)
    assert len(_files(cited)) >= 4


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = MINI.read_text("utf-8")
    assert old in text
    broken = tmp_path / "broken" / MINI.name
    broken.parent.mkdir()
    broken.write_text(text.replace(old, new, 1), "utf-8")
    return broken


def test_an_invalid_edition_replaces_nothing_and_says_where(tmp_path):
    out = tmp_path / "out"
    assert _build(MINI, out, "--jobs", "2", "--cite")[0] == 0
    before = _files(out)
    broken = _broken(tmp_path, "<p>", '<p flavour="odd">')
    code, said = _build(broken, out, "--jobs", "2", "--validate", "--schema", "tei_all", "--cite")
    assert code == 1, said
    assert "flavour" in said and "build.kept-previous" in said and f"{broken}:" in said
    assert _files(out) == before
    # without --validate the same edition builds: the validation is what stopped it
    assert _build(broken, out, "--jobs", "2", "--cite")[0] == 0


def test_a_broken_reference_replaces_nothing_with_check(tmp_path):
    out = tmp_path / "out"
    assert _build(MINI, out, "html", "csv")[0] == 0
    before = _files(out)
    broken = _broken(tmp_path, 'ref="#pers-ivanov"', 'ref="#pers-nobody"')
    code, said = _build(broken, out, "html", "csv", "--check")
    assert code == 1, said
    assert "pointers.dangling" in said and "#pers-nobody" in said
    assert _files(out) == before


def test_an_unchanged_edition_is_still_validated_and_checked(tmp_path):
    out = tmp_path / "out"
    args = ["build", "csv", "--edition", str(MINI), "--out", str(out), "--validate", "--schema", "tei_all",
            "--check", "--format", "json"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    again = CliRunner().invoke(cli, ["-v", *args])
    assert again.exit_code == 0, again.output
    assert "nothing changed since the last build" in again.output


def test_the_words_of_the_site_are_counted_half_by_the_child_half_by_the_main_process(tmp_path):
    """With the site in a child, each process counts the words of half the pages: together
    the counts of every page, as one process reading the whole site finds them."""
    script = f"""
from pathlib import Path
from teikit.build import BuildSettings, preservation
from teikit.build.alongside import citations
from teikit.build.run import build_formats
from teikit.edition import Edition
out = Path({str(tmp_path / "out")!r})
settings = BuildSettings(exports_dir=out, jobs=2)
edition = Edition.load(Path({str(MINI)!r}))
run = build_formats(edition, ["html", "csv"], settings, [citations(out / "citations")])
assert run.committed, run.diagnostics
counted = next(r.words for r in run.results if r.format == "html")
whole = preservation.site_counts(out / "html")
assert counted[:2] == whole[:2], "counts differ"
# the same pages' links, and those of the search and script data besides
assert counted.links.ids == whole.links.ids and set(whole.links.targets) < set(counted.links.targets)
assert sum(counted[0].values()) > 500
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr


def test_jobs_has_a_ceiling_said_before_any_work():
    """`build --jobs 100000` forked until the machine gave out; every --jobs stops at 256."""
    from click.testing import CliRunner

    from teikit.cli import cli

    for command in (["build", "html"], ["check"], ["validate"]):
        result = CliRunner().invoke(cli, [*command, "--jobs", "100000"])
        assert result.exit_code == 2 and "1<=x<=256" in result.output, (command, result.output)
