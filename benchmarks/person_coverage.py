"""Person coverage of the edition against its own printed index (issue 3 target: >= 95%).

Usage:
    .venv/bin/python benchmarks/person_coverage.py [tei/bazhanov.xml] [--misses] [--sample N] [--paragraphs N]
        [--seed S]

Prints the share of the index's (person, page) pairs for which the edition has a
``persName`` for that person on that page, overall and without the narrator (the index
lists Bazhanov's own pages, where the memoir says "I"). ``--misses`` lists the pairs not
found; ``--sample N`` prints N random ``persName`` elements with context to read for
precision, drawn with ``--seed S`` (a fresh seed when none is given; the seed is printed
so the sample read can be drawn again); ``--paragraphs N`` prints N random paragraphs with
the tagged persons marked, to read for mention recall; ``--subjects N`` prints N random
mentions of organisations, places and events (with ``--since OLD.xml`` only those an earlier
edition lacks), to read for precision. Places, organisations and events are measured
against the index's entries for them the same way: a referring string (``rs type="org"``
for "the Party") counts, as does a name the index's "see" reference joins with the entry
(GPU for OGPU); the pairs the editors judged topical (``[[topical]]`` in persons.toml,
each with its reason) are counted apart and printed with ``--misses``, each missed or
topical pair with the page's text around the words that could name the entry.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import textwrap
from pathlib import Path

from teikit import xmlio
from teikit.ingest.persons_coverage import (
    around_words,
    described,
    likely_words,
    measure,
    measure_locators,
    page_texts,
    sample,
    sample_paragraphs,
    sample_subjects,
)
from teikit.ingest.persons_registry import load_editorial

NARRATOR = "pers-bazhanov"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edition", nargs="?", default="tei/bazhanov.xml")
    ap.add_argument("--editorial", default="tei/editorial",
                    help="editorial folder whose persons.toml lists the topical locators")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--whole", action="store_true",
                    help="with --misses: print the whole text of each missed or topical pair's page")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--paragraphs", type=int, default=0,
                    help="print N random paragraphs, names marked [words|ref], to read for recall")
    ap.add_argument("--subjects", type=int, default=0,
                    help="print N random mentions of organisations, places and events, to read for precision")
    ap.add_argument("--since", default=None,
                    help="with --subjects: an earlier edition; draw only the mentions it lacks")
    ap.add_argument("--seed", type=int, default=None, help="seed of the sample (default: a fresh one)")
    args = ap.parse_args(argv)
    path = Path(args.edition)
    if not path.exists():
        print(f"{path}: no such file (run `teikit ingest` first)", file=sys.stderr)
        return 2
    root = xmlio.parse_file(path).getroot()
    full = measure(root)
    cov = measure(root, exclude={NARRATOR})
    print(f"index (person, page) pairs: {len(full.pairs)}; found {len(full.found)} "
          f"= {100 * full.ratio:.1f}%")
    print(f"without the narrator ({NARRATOR}): {len(cov.pairs)}; found {len(cov.found)} "
          f"= {100 * cov.ratio:.1f}%")
    total, found = measure_locators(root, exclude={NARRATOR})
    print(f"per locator (a range counts once), without the narrator: {total}; found {found} "
          f"= {100 * found / total:.1f}%")
    desc = described(root)
    print(f"persons with dates or a description: {desc.described} of {desc.persons} "
          f"= {100 * desc.described / max(desc.persons, 1):.1f}% (dates {desc.dates}, {desc.uncertain} "
          f"of them doubted; the index's gloss or title {desc.index} "
          f"(of them by a title or office: {desc.roles}); "
          f"a translator's note {desc.notes}; "
          f"the editors' line {desc.editors}); from the book alone (index, notes) {desc.sourced} "
          f"= {100 * desc.sourced / max(desc.persons, 1):.1f}%, of the {desc.indexed} the index lists "
          f"{desc.indexed_sourced} = {100 * desc.indexed_sourced / max(desc.indexed, 1):.1f}%")
    cfg = load_editorial(Path(args.editorial))
    readings = cfg.get("topical", [])
    topical = {(t["entry"], page): t["reason"] for t in readings for page in t["pages"]}
    texts = page_texts(root)
    # a page with no running text (plates only, a blank page) cannot realise any pair
    running = page_texts(root, figures=False)
    for tag, what in (("placeName", "places"), ("orgName", "organisations"), ("name", "events")):
        other = measure(root, tag=tag)
        blank = [pair for pair in other.missed if not running.get(pair[1])]
        documented = [pair for pair in other.missed if pair in topical and pair not in blank]
        print(f"{what}: index (entry, page) pairs {len(other.pairs)}; found {len(other.found)} "
              f"= {100 * other.ratio:.1f}% ({len(other.via_see)} under a name the index's \"see\" joins); "
              f"on a page without text {len(blank)}"
              + (f" = {100 * len(other.found) / max(len(other.pairs) - len(blank), 1):.1f}% of the rest"
                 if blank else "") +
              f"; with {len(documented)} documented topical locators "
              f"{100 * (len(other.found) + len(documented) + len(blank)) / max(len(other.pairs), 1):.1f}%")
        total, found = measure_locators(root, tag=tag)
        print(f"  per locator (a range counts once): {total}; found {found} "
              f"= {100 * found / max(total, 1):.1f}%")
        for ref, page in other.missed if args.misses else ():
            status = "no text" if (ref, page) in blank else \
                "topical" if (ref, page) in topical else "miss"
            why = ": the page holds no running text of the book" \
                + (" (plates only)" if texts.get(page) else "") if status == "no text" \
                else f": {topical[ref, page]}" if status == "topical" else ""
            print(f"  {status}: {ref} p. {page}{why}")
            if status == "no text":
                continue
            if args.whole:
                print(textwrap.fill(texts.get(page, ""), 110, initial_indent=" " * 6,
                                    subsequent_indent=" " * 6))
                continue
            # the page's text around the words that could name the entry, to judge the pair
            kind = ref.split("-", 1)[0]
            extra = cfg.get(kind, {}).get(ref, {})
            stems = likely_words(root, ref, [*extra.get("mentions", []), *extra.get("refs", [])])
            for snippet in around_words(texts.get(page, ""), stems):
                print(f"      {snippet}")
        for ref, page in sorted(other.found & topical.keys()):
            print(f"  stale topical entry (the pair is found): {ref} p. {page}")
    if args.misses:
        for pid, page in cov.missed:
            print(f"  miss: {pid} p. {page}")
    if args.sample:
        seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
        print(f"sample of {args.sample} persName, seed {seed} (draw it again with --seed {seed})")
        for ref, page, context in sample(root, args.sample, seed):
            print(f"{ref}\tp. {page}\t{context}")
    if args.subjects:
        seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
        since = xmlio.parse_file(Path(args.since)).getroot() if args.since else None
        new = f" new since {args.since}" if since is not None else ""
        print(f"sample of {args.subjects} org/place/event mentions{new}, seed {seed} "
              f"(draw it again with --seed {seed})")
        for ref, page, context in sample_subjects(root, args.subjects, seed, since):
            print(f"{ref}\tp. {page}\t{context}")
    if args.paragraphs:
        seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
        print(f"sample of {args.paragraphs} paragraphs, seed {seed} (draw it again with --seed {seed})")
        for page, text in sample_paragraphs(root, args.paragraphs, seed):
            print(f"p. {page}\t{text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
