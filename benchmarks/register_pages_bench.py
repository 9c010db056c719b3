"""What a register far larger than its collection makes of the site: pages, words, time.

Writes an invented diary (``--entries`` entries, 59 by default) and three registers given
apart: places (``--places``, 2,260 by default, of which each entry names three), persons
(500, each entry names one) and works (200 in a listBibl, each entry cites one), then runs
``teikit build --edition DIARY --register ...`` (as a user runs it) and prints: the pages of
the site, the entity pages among them, the pages of entries that nothing names, the words
of the registers the outputs lack (counted as the text check counts them), the build's exit
status and wall time. ``--teikit`` runs another checkout's ``src`` (to compare with the code
before a change: ``git archive REV src xslt | tar -x -C /tmp/base``, then ``--teikit /tmp/base/src``).

``--edition DIR --register FILE ...`` builds a real collection instead (the first ``-n`` of its
files, copied into a temporary folder) and prints its pages and the words of its text and
registers (as this checkout's text check counts them) that the site and the EPUB lack.

    .venv/bin/python benchmarks/register_pages_bench.py
    .venv/bin/python benchmarks/register_pages_bench.py --teikit /tmp/base/src
    .venv/bin/python benchmarks/register_pages_bench.py -n 59 \
        --edition /work/corpora/schnitzler-briefe/data/editions \
        --register /work/corpora/schnitzler-briefe/data/indices/listplace.xml \
        --register /work/corpora/schnitzler-briefe/data/indices/listbibl.xml
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HEADER = """<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Invented for teikit's register benchmark.</p></publicationStmt>
<sourceDesc><p>Generated.</p></sourceDesc></fileDesc></teiHeader>"""
TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0">' + HEADER + "{body}</TEI>\n"


def write_corpus(top: Path, entries: int, places: int, persons: int, works: int) -> tuple[Path, list[Path]]:
    diary, registers = top / "diary", top / "registers"
    diary.mkdir(parents=True)
    registers.mkdir()
    for i in range(entries):
        named = [f"pl{(i * 7 + k) % places}" for k in range(3)]
        text = " ".join(f'Went to <placeName ref="places.xml#{p}">place {p}</placeName>.' for p in named)
        text += f' Met <persName ref="persons.xml#pe{i % persons}">someone</persName>;'
        text += f' read <ref target="works.xml#w{i % works}">a book</ref>.'
        body = f"<text><body><div><head>Day {i + 1}</head><p>{text}</p></div></body></text>"
        (diary / f"day-{i + 1:03d}.xml").write_text(TEI.format(title=f"Day {i + 1}", body=body),
                                                     encoding="utf-8")

    def register(name: str, lst: str, items: str) -> Path:
        path = registers / f"{name}.xml"
        path.write_text(TEI.format(title=name, body=f"<standOff><{lst}>{items}</{lst}></standOff>"
                                   "<text><body><p>Register.</p></body></text>"), encoding="utf-8")
        return path

    return diary, [
        register("places", "listPlace", "".join(
            f'<place xml:id="pl{i}"><placeName>Placename{i}</placeName>'
            f'<desc>Village number{i} by the river</desc>'
            f'<location><geo>{50 + i / 1000:.3f} {11 + i / 1000:.3f}</geo></location></place>'
            for i in range(places))),
        register("persons", "listPerson", "".join(
            f'<person xml:id="pe{i}"><persName>Person{i}</persName><birth when="{1700 + i % 100}"/>'
            f'<occupation>trade{i}</occupation></person>' for i in range(persons))),
        register("works", "listBibl", "".join(
            f'<bibl xml:id="w{i}"><author>Author{i}</author>, <title>Book title{i}</title>, '
            f'<date>{1750 + i % 80}</date>.</bibl>' for i in range(works))),
    ]


def register_words(registers: list[Path]) -> Counter[str]:
    from lxml import etree

    from teikit.build.preservation import words

    counts: Counter[str] = Counter()
    for path in registers:
        so = etree.parse(str(path)).getroot().find("{http://www.tei-c.org/ns/1.0}standOff")
        counts.update(words(" ".join(" ".join(so.itertext()).split())))
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=59)
    ap.add_argument("--places", type=int, default=2260)
    ap.add_argument("--persons", type=int, default=500)
    ap.add_argument("--works", type=int, default=200)
    ap.add_argument("--teikit", type=Path, help="the src folder of the teikit to run (default: this one)")
    ap.add_argument("--edition", type=Path, help="a folder of TEI files: a real collection instead")
    ap.add_argument("--register", type=Path, action="append", default=[], help="its register files")
    ap.add_argument("-n", type=int, default=59, help="how many of --edition's files (by name)")
    args = ap.parse_args()
    if args.edition:
        real(args)
        return
    from teikit.build.preservation import site_words

    with tempfile.TemporaryDirectory(prefix="teikit-registers-") as tmp:
        top = Path(tmp)
        diary, registers = write_corpus(top, args.entries, args.places, args.persons, args.works)
        out = top / "out"
        env = dict(os.environ)
        if args.teikit:
            env["PYTHONPATH"] = str(args.teikit.resolve())
        cmd = [sys.executable, "-m", "teikit", "build", "--edition", str(diary), "--out", str(out), "--force"]
        for reg in registers:
            cmd += ["--register", str(reg)]
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        html = out / "html"
        pages = sorted(p.name for p in html.glob("*.html"))
        entity = [p for p in pages if re.fullmatch(r"(pl|pe|w)\d+\.html", p)]
        named = ({f"pl{(i * 7 + k) % args.places}" for i in range(args.entries) for k in range(3)}
                 | {f"pe{i % args.persons}" for i in range(args.entries)}
                 | {f"w{i % args.works}" for i in range(args.entries)})
        unnamed = [p for p in entity if p.removesuffix(".html") not in named]
        wanted = register_words(registers)
        shown = site_words(html) if html.is_dir() else Counter()
        lost = sum(n - shown[w] for w, n in wanted.items() if shown[w] < n)
        print(f"teikit: {args.teikit or 'this checkout'}")
        print(f"diary entries: {args.entries}; register entries: {args.places} places, "
              f"{args.persons} persons, {args.works} works; named by the diary: {len(named)}")
        print(f"build exit status: {proc.returncode}; wall time: {wall:.1f} s")
        print(f"pages of the site: {len(pages)}; entity pages: {len(entity)}; "
              f"pages of unnamed entries: {len(unnamed)}")
        print(f"register words: {sum(wanted.values())}; lacking from the site: {lost}")
        said = [line for line in proc.stdout.splitlines() + proc.stderr.splitlines() if "text-lost" in line]
        print(f"build.text-lost said: {len(said)}")


def real(args: argparse.Namespace) -> None:
    from teikit.build import preservation
    from teikit.collection import load_collection, tei_files

    with tempfile.TemporaryDirectory(prefix="teikit-registers-") as tmp:
        diary = Path(tmp) / "in"
        diary.mkdir()
        for path in tei_files(args.edition)[:args.n]:
            # a copy: teikit refuses a folder's links to files outside it (docs/security.md)
            shutil.copyfile(path, diary / path.name)
        out = Path(tmp) / "out"
        env = dict(os.environ)
        if args.teikit:
            env["PYTHONPATH"] = str(args.teikit.resolve())
        cmd = [sys.executable, "-m", "teikit", "build", "--edition", str(diary), "--out", str(out), "--force"]
        for reg in args.register:
            cmd += ["--register", str(reg)]
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        print(f"teikit: {args.teikit or 'this checkout'}; {args.n} files of {args.edition}")
        print(f"build exit status: {proc.returncode}; wall time: {wall:.1f} s")
        if proc.returncode != 0:
            print("\n".join(line for line in proc.stdout.splitlines() if "error" in line)[:2000])
        html = out / "html"
        if not html.is_dir():
            return
        edition = load_collection(tei_files(diary), name=diary, registers=args.register)
        source, where = preservation.edition_words(edition)
        site = preservation.site_report(source, where, html)
        books = sorted(out.glob("*.epub"))
        book = preservation.epub_report(source, where, books[0]) if books else None
        print(f"pages of the site: {len(list(html.glob('*.html')))}")
        print(f"words of the text and registers: {site.words_in}; lacking from the site: {site.lost_count} "
              f"({site.lost_share:.1%}); from the EPUB: {book.lost_count if book else '-'}")


if __name__ == "__main__":
    main()
