"""Account for the words of a plain-text book in the TEI that `teikit ingest` makes of it.

Run: ``.venv/bin/python benchmarks/ingest_words.py SOURCE EDITORIAL [TEI]`` (without TEI the
book is ingested in memory). Prints the words of the book (the lines between book.toml's
``[source] start`` and ``end``; words = runs of letters and digits) against the words of
``<text>`` in its corrected reading (``sic`` left out), and the difference both ways: the
words the ingest read as notation (a note's number and opening words, "Illustration"),
changed (corrections, words hyphenated at a line end) or supplied (a label, the notes' head).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from lxml import etree

from teikit import api, xmlio
from teikit.ingest import book as book_file
from teikit.ingest.context import SourceText
from teikit.ingest.source import book_bounds

T = f"{{{xmlio.TEI_NS}}}"
WORD = re.compile(r"[^\W_]+")


def book_words(source: Path, editorial: Path) -> Counter[str]:
    lines = source.read_text(encoding="utf-8").splitlines()
    begin, end = book_bounds(SourceText(source, lines), book_file.load(editorial))
    return Counter(WORD.findall("\n".join(lines[begin:end])))


def text_words(root: etree._Element) -> Counter[str]:
    text = root.find(T + "text")
    for sic in list(text.iter(T + "sic")):  # the source's reading stands beside the correction
        parent = sic.getparent()
        if sic.tail:
            prev = sic.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + sic.tail
            else:
                parent.text = (parent.text or "") + sic.tail
        parent.remove(sic)
    return Counter(WORD.findall(" ".join(text.itertext())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("editorial", type=Path)
    parser.add_argument("tei", type=Path, nargs="?")
    args = parser.parse_args()
    root = etree.parse(str(args.tei)).getroot() if args.tei else api.ingest(args.source, args.editorial).root
    source, encoded = book_words(args.source, args.editorial), text_words(root)
    lost, added = source - encoded, encoded - source
    print(f"words in the book: {sum(source.values())}")
    print(f"words in the TEI text: {sum(encoded.values())}")
    print(f"in the book, not in the text: {sum(lost.values())}  {lost.most_common(10)}")
    print(f"in the text, not in the book: {sum(added.values())}  {added.most_common(10)}")


if __name__ == "__main__":
    main()
