"""A large edition's build (teikit.build.memory): Saxon runs only in forked children that
freed their copy of the lxml tree, the EPUB beside the HTML site (after it with --jobs 1),
the EPUB stylesheet lean; the outputs are the bytes of an ordinary build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from teikit.build import epub, forked, memory
from teikit.edition import Edition

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-edition.xml"


def test_the_lean_epub_stylesheet_makes_the_same_bytes():
    edition = Edition.load(MINI)
    full, said = epub.book_bytes(epub.book_of(edition), edition.tree)
    lean, said_lean = epub.book_bytes(epub.book_of(edition, lean=True), edition.tree)
    assert full == lean and len(full) > 10_000
    assert [d.message for d in said] == [d.message for d in said_lean]


def test_a_released_edition_is_refused_not_read():
    edition = Edition.load(MINI)
    assert not memory.is_large(edition) and memory.input_size(edition) == MINI.stat().st_size
    memory.release(edition)
    assert edition.root.tag == memory.RELEASED and len(edition.root) == 0
    assert "not a TEI P5 document" in _refusal(edition)


def _refusal(edition: Edition) -> str:
    from teikit.errors import InputError

    try:
        edition.require_tei()
    except InputError as exc:
        return exc.message
    return ""


def test_a_forked_child_waits_for_its_go():
    def child() -> str:
        forked.wait()
        return "went"

    with forked.Forked(child) as job:
        job.go()
        assert job.result() == "went"
    with forked.Forked(child) as job:  # asking for the result says go too
        assert job.result() == "went"


def test_a_large_build_runs_saxon_only_in_children_and_makes_the_same_outputs(tmp_path):
    # a process of its own: this one may have started Saxon, after which a build forks nothing
    script = f"""
from pathlib import Path
from teikit import saxon
from teikit.build import BuildSettings, memory, preservation
from teikit.build.alongside import citations
from teikit.build.run import build_formats
from teikit.edition import Edition

def build(out, jobs, names=("html", "epub", "csv")):
    out = Path(out)
    tasks = [citations(out / "citations")] if len(names) > 1 else []
    run = build_formats(Edition.load(Path({str(MINI)!r})), list(names),
                        BuildSettings(exports_dir=out, jobs=jobs), tasks)
    assert run.committed, run.diagnostics
    return out, run

memory.LARGE = 1  # every edition is large
big, run = build({str(tmp_path / "large")!r}, 2)
assert not saxon.started(), "the main process ran Saxon"
counted = next(r.words for r in run.results if r.format == "html")
whole = preservation.site_counts(big / "html")
assert counted[:2] == whole[:2], "the site's words differ"
# the same pages' links, and those of the search and script data besides
assert counted.links.ids == whole.links.ids and set(whole.links.targets) < set(counted.links.targets)
assert [r.format for r in run.results][:3] == ["html", "epub", "csv"], run.results
site, _ = build({str(tmp_path / "site")!r}, 1, ["html"])  # the site alone: its child frees the tree too
assert not saxon.started(), "the main process ran Saxon for the site alone"
in_turn, _ = build({str(tmp_path / "large1")!r}, 1)  # one at a time: the site's child, then the EPUB's
assert not saxon.started(), "the main process ran Saxon with --jobs 1"
memory.LARGE = 10 ** 12  # an ordinary build, all in this process
small, _ = build({str(tmp_path / "one")!r}, 1)
assert saxon.started()
files = lambda root: {{str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
                      if p.is_file() and not p.name.startswith(".teikit-")}}
assert files(big) == files(small), "the outputs differ"
assert len(files(big)) > 20
assert files(site / "html") == files(small / "html"), "the site alone differs"
assert files(in_turn) == files(small), "the outputs of --jobs 1 differ"
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr



def test_a_lean_child_leaves_the_search_index_to_its_parent(tmp_path):
    # the child's memory is Saxon's heap once the pages are written: the index (175 MiB at
    # 50 MB of TEI) is built by the parent from the documents the stylesheet wrote
    from teikit.build import BuildSettings, html, search_index

    edition = Edition.load(MINI)
    site = tmp_path / "site"
    site.mkdir()
    html.fill(edition, BuildSettings(exports_dir=tmp_path), site, halves=True, lean=True)
    assert (site / search_index.DOCS).is_file() and not (site / search_index.INDEX).exists()
    assert search_index.write(site) == site / search_index.INDEX
    assert not (site / search_index.DOCS).exists()


def test_a_lean_render_still_finds_c1_control_characters(tmp_path):
    # the lean child tells Saxon the text holds no C1 control character only when the bytes
    # it hands over hold none: the fixture's are found, said and shown as Windows-1252
    from teikit.build import BuildSettings, html

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "control-characters.xml"
    settings = BuildSettings(exports_dir=tmp_path)
    (tmp_path / "lean").mkdir()
    (tmp_path / "plain").mkdir()
    lean = html.render(Edition.load(fixture), settings, tmp_path / "lean", release=True)
    plain = html.render(Edition.load(fixture), settings, tmp_path / "plain")
    assert [d.code for d in lean].count("render.control-characters") == 1
    pages = {p.name: p.read_bytes() for p in (tmp_path / "lean").glob("*.html")}
    assert pages and pages == {p.name: p.read_bytes() for p in (tmp_path / "plain").glob("*.html")}
    assert [d.code for d in plain] == [d.code for d in lean]


def test_a_large_builds_epub_is_made_beside_the_site_unless_one_process_at_a_time(tmp_path):
    # when the EPUB's child is let go (forked.wait returns in it), when the site's child has
    # written its pages (html.fill returns in it) and when the main process is done with the
    # CSV (made to take a second), each noted in a file; the children inherit the patched
    # functions. A process of its own, as above.
    script = f"""
import time
from pathlib import Path
from teikit.build import BuildSettings, csv, forked, html, memory
from teikit.build.run import build_formats
from teikit.edition import Edition

log = Path({str(tmp_path / "log")!r})
waited, filled, tabled = forked.wait, html.fill, csv.build

def noted(what, function):
    def run(*args, **kwargs):
        result = function(*args, **kwargs)
        if what == "csv-made":
            time.sleep(1)
        with log.open("a") as f:
            f.write(f"{{what}} {{time.monotonic()}}\\n")
        return result
    return run

forked.wait, html.fill = noted("epub-go", waited), noted("site-written", filled)
csv.build = noted("csv-made", tabled)
memory.LARGE = 1  # every edition is large
for jobs in (2, 1):
    log.write_text("")
    run = build_formats(Edition.load(Path({str(MINI)!r})), ["html", "epub", "csv"],
                        BuildSettings(exports_dir=Path({str(tmp_path)!r}) / str(jobs), jobs=jobs))
    assert run.committed, run.diagnostics
    times = {{what: float(t) for what, t in (line.split() for line in log.read_text().splitlines())}}
    if jobs > 1:  # at once: while this process makes the CSV
        assert times["epub-go"] < times["csv-made"], (jobs, times)
    else:  # after the site's child, when this process asks for the book
        assert times["site-written"] < times["csv-made"] < times["epub-go"], (jobs, times)
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr
