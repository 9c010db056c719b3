"""What the ingest normalises, stated for the header's ``editorialDecl``.

The header pass reads :data:`EDITORIAL_DECL` (re-exported as
``teikit.ingest.structure.EDITORIAL_DECL``): (type, text) pairs, one per
``editorialDecl`` child (``normalization``, ``correction``, ...).
"""

from __future__ import annotations

EDITORIAL_DECL: list[tuple[str, str]] = [
    ("normalization",
     "Whitespace is normalised. Blank lines that the e-book extraction put between the lines of "
     "one paragraph are removed: each paragraph of the print edition is one p element. Page-marker "
     "lines (Page 45) become pb elements; pages whose marker is missing from the source get an "
     "inferred pb (type inferred, cert low, resp #teikit) at a position estimated from the length "
     "of the text and the breaks in it, then checked against the pages the printed index gives "
     "for the people named (see docs/encoding.md). Superscript "
     "digits, and bare numbers pushed onto a line of their own, become note markers (ref type "
     "noteref); a marker pushed to the start of the next paragraph is moved back to the end of the "
     "paragraph it annotates. Lines printed together (lists, verse) are kept apart by lb. The "
     "photographic plates are figure elements with their captions as head."),
    ("correction",
     "Damage done by the e-book extraction (lost dashes such as Sovietsformerly or 18991955, "
     "split words) is repaired from the reviewable file tei/editorial/corrections.tsv and recorded "
     "as choice/sic/corr with resp #teikit. Year ranges mangled into superscripts (1948 followed "
     "by superscript 50) are repaired the same way. Errors of the printed book are kept as printed."),
    ("hyphenation",
     "A word hyphenated across a line or page break is rejoined: the hyphen is dropped when the "
     "joined word occurs elsewhere in the source, and kept when only the hyphenated form does. A "
     "page break inside a word is placed after the word."),
    ("quotation",
     "Quotation marks are kept as printed in the source; no q or quote elements are added."),
    ("segmentation",
     "The text is segmented into divisions, paragraphs, notes, list items and table cells only; "
     "there is no sentence or word segmentation."),
    ("interpretation",
     "Italics (*...*) become hi rend italic, or title level m for the titles of books and "
     "periodicals. The missing label of chapter 7 is supplied; the missing marker of chapter 9, "
     "note 9 is conjectured (cert low, resp #teikit)."),
]
