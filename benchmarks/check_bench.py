"""Time `teikit check` on the edition and on generated TEI of about 1, 10 and 50 MB.

The generated documents follow docs/encoding.md (chapters with page breaks, note markers,
person mentions; notes sections; a personography; an index with page and note locators), so
every rule family has work to do. Prints one line per size: bytes, elements, pointers, time
for parse+index and for the rules (best of three runs), and microseconds per kB, which stays
roughly constant when the growth is linear.

    .venv/bin/python benchmarks/check_bench.py            # edition + 1, 10, 50 MB
    .venv/bin/python benchmarks/check_bench.py 1 10       # only these sizes (MB)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from teikit import paths
from teikit.check import paused_gc
from teikit.check.context import Context
from teikit.check.model import DocumentSet
from teikit.check.rules import FAMILIES

PARA = ("When I arrived in Moscow the Party apparatus was still small, and the secretaries of the "
        "Central Committee worked in a few rooms of the old insurance building. ")


def chapter(c: int, notes: int, paras: int, page: int) -> tuple[str, int]:
    parts = [f'<div type="chapter" n="{c}" xml:id="ch{c:04d}"><head>Chapter {c}</head>']
    for i in range(1, paras + 1):
        parts.append(f'<pb n="{page}" xml:id="p{page}"/>')
        page += 1
        marker = ""
        if i <= notes:
            nid = f"ch{c:04d}-n{i:02d}"
            marker = f'<ref type="noteref" xml:id="{nid}-ref" n="{i}" target="#{nid}">{i}</ref>'
        parts.append(f'<p><persName ref="#pers-{c % 50}">Person {c % 50}</persName> {PARA * 3}{marker}</p>')
    parts.append("</div>")
    return "".join(parts), page


def notes_section(c: int, notes: int, page: int) -> str:
    items = "".join(
        f'<note xml:id="ch{c:04d}-n{i:02d}" n="{i}" type="endnote" target="#ch{c:04d}-n{i:02d}-ref">'
        f"<p>A note to chapter {c}.</p></note>"
        for i in range(1, notes + 1)
    )
    return (f'<div type="notes-section" xml:id="notes-ch{c:04d}" corresp="#ch{c:04d}">'
            f'<pb n="{page}" xml:id="p{page}"/><head>Chapter {c}</head>{items}</div>')


def generate(target_bytes: int) -> str:
    """A TEI edition of roughly ``target_bytes``."""
    body, sections, page, c, size = [], [], 1, 0, 0
    while size < target_bytes:
        c += 1
        text, page = chapter(c, notes=10, paras=20, page=page)
        body.append(text)
        sections.append(notes_section(c, 10, page))
        page += 1
        size += len(text) + len(sections[-1])
    persons = "".join(f'<person xml:id="pers-{i}"><persName>P {i}</persName></person>' for i in range(50))
    index = "".join(
        f'<item xml:id="idx-{i}"><term><persName ref="#pers-{i}">Person {i}</persName></term>, '
        f'<ref type="page" target="#p{i + 1}">{i + 1}</ref></item>'
        for i in range(50)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
        "<titleStmt><title>Generated</title></titleStmt><publicationStmt><p>benchmark</p></publicationStmt>"
        "<sourceDesc><p>generated</p></sourceDesc></fileDesc></teiHeader>"
        f'<standOff><listPerson xml:id="persons">{persons}</listPerson></standOff>'
        f'<text><body>{"".join(body)}</body><back><div type="notes" xml:id="notes">{"".join(sections)}</div>'
        f'<div type="index" xml:id="index"><list type="index">{index}</list></div></back></text></TEI>\n'
    )


def measure(path: Path) -> tuple[float, float, int, int, int]:
    """(load seconds, rules seconds, diagnostics, elements, pointers)."""
    with paused_gc():  # as check_paths does
        t0 = time.perf_counter()
        docs = DocumentSet()
        doc = docs.add(path)
        t1 = time.perf_counter()
        ctx = Context(docs)
        found = sum(1 for run in FAMILIES.values() for _ in run(ctx, doc))
        t2 = time.perf_counter()
    elements = sum(1 for _ in doc.tree.getroot().iter())
    return t1 - t0, t2 - t1, found, elements, len(doc.pointers)


def report(label: str, path: Path, repeats: int = 3) -> None:
    """Best of ``repeats`` runs: the machine is shared, the minimum is the least disturbed."""
    runs = [measure(path) for _ in range(repeats)]
    load, rules, found, elements, pointers = min(runs, key=lambda r: r[0] + r[1])
    size = path.stat().st_size
    per_kb = (load + rules) / (size / 1024) * 1e6
    print(f"{label:>10}  {size / 1e6:7.1f} MB  {elements:>9} elements  {pointers:>8} pointers  "
          f"parse+index {load:6.2f} s  rules {rules:6.2f} s  total {load + rules:6.2f} s  "
          f"{per_kb:6.0f} us/kB  diagnostics {found}")


def main(argv: list[str]) -> int:
    sizes = [float(a) for a in argv] or [1, 10, 50]
    edition = paths.PROJECT_ROOT / "tei" / "bazhanov.xml"
    if edition.is_file():
        report("edition", edition)
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            path = Path(tmp) / f"generated-{mb:g}mb.xml"
            path.write_text(generate(int(mb * 1e6)), "utf-8")
            report(f"{mb:g} MB", path)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
