"""Read the facts for the teiHeader: the source's metadata block and ``edition.toml``.

The e-book extraction starts with a metadata block of ``key : value`` lines (``title``,
``author``, ``isbn10 asin``, ``lcc``, ...; a key may stand on its own line with its value
on a later ``: value`` line or, for ``subject``, on the next line). The CIP data printed on
page iv adds the LCCN. ``edition.toml`` holds what the source does not say. This module
only reads and checks; :mod:`teikit.ingest.header` builds the XML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from teikit.errors import InputError
from teikit.ingest.tomldata import STRINGS, YEARISH, Map, OneOf, Required, TomlFile, check_shape

# Topical headings carry "--" subdivisions; personal ones are "Surname, Forename" with
# optional ",--dates". Splitting on commas alone would cut "Stalin, Joseph" in two.
_SUBJECT = re.compile(r"[^,]+(?:--[^,]+)+|[^,-]+, [^,-]+(?:,--[^,]+)?")
_KEY_VALUE = re.compile(r"^([a-z][a-z0-9 ]*?)\s*:\s*(.+)$")
_LCCN = re.compile(r"^\s*(\d{2}-\d{4,6})\s*$")
# "1990eb": the e-book's call number adds "eb" to the print edition's date.
_EBOOK_SUFFIX = re.compile(r"(\d{4})eb$")


@dataclass
class SourceFacts:
    """What the source's front says about the print edition (raw strings, as printed)."""

    fields: dict[str, str] = field(default_factory=dict)
    # 0-based line index of each field, for diagnostics.
    where: dict[str, int] = field(default_factory=dict)
    lccn: str | None = None
    lccn_line: int | None = None
    # from a distributor's header ([distributor] of book.toml): the translator as
    # (surname, forename), the title's second line
    translator: tuple[str, str] | None = None
    subtitle: str | None = None

    def get(self, key: str) -> str | None:
        return self.fields.get(key)

    def names(self) -> list[tuple[str, str]]:
        """The ``author`` field as (surname, forename) pairs, in printed order."""
        raw = self.fields.get("author", "")
        pairs = []
        for part in raw.split(";"):
            part = part.strip()
            if part.endswith(".") and not re.search(r"\b\w\.$", part):
                part = part[:-1]  # "Boris." is a catalogue full stop; "David W." keeps its initial
            surname, _, forename = part.partition(",")
            if surname.strip():
                pairs.append((surname.strip(), forename.strip()))
        return pairs

    def subjects(self) -> list[str]:
        """LCSH headings with their ``--`` subdivisions; ``,--dates`` becomes ``, dates``."""
        raw = self.fields.get("subject", "").strip().rstrip(".")
        return [m.strip().replace(",--", ", ") for m in _SUBJECT.findall(raw)]

    def print_lcc(self) -> str | None:
        lcc = self.fields.get("lcc")
        return _EBOOK_SUFFIX.sub(r"\1", lcc.strip()) if lcc else None


def metadata_range(lines: list[str], regions: dict[str, tuple[int, int]],
                   page: Callable[[str], str | None] | None = None) -> tuple[int, int]:
    """The metadata block: the structure pass's region, else everything before the first
    page marker (``page`` reads one; by default ``Page i``)."""
    if "metadata" in regions:
        return regions["metadata"]
    for i, line in enumerate(lines):
        if (page(line) is not None) if page else line.strip() == "Page i":
            return 0, i
    return 0, 0


def read_source_facts(lines: list[str], start: int, end: int, front_end: int) -> SourceFacts:
    """Parse the metadata block ``lines[start:end]`` and find the LCCN before ``front_end``."""
    facts = SourceFacts()
    pending: str | None = None
    for i in range(start, end):
        text = lines[i].strip()
        if not text:
            continue
        if text.startswith(":") and pending:
            _store(facts, pending, text[1:].strip(), i)
            pending = None
            continue
        m = _KEY_VALUE.match(text)
        if m and not text.startswith(":"):
            _store(facts, m.group(1).strip(), m.group(2).strip(), i)
            pending = None
        elif pending and pending not in facts.fields:
            _store(facts, pending, text, i)
            pending = None
        elif len(text) < 40 and text.islower():
            pending = text
    for i in range(end, min(front_end, len(lines))):
        m = _LCCN.match(lines[i])
        if m:
            facts.lccn, facts.lccn_line = m.group(1), i
            break
    return facts


def _store(facts: SourceFacts, key: str, value: str, index: int) -> None:
    # The block repeats "subject"; the first occurrence wins (they are identical).
    facts.fields.setdefault(key, value)
    facts.where.setdefault(key, index)


# editorialDecl parts, in the order the header writes them.
DECL_TYPES = ("correction", "normalization", "hyphenation", "quotation", "segmentation", "interpretation")
FACT_KEYS = ("title", "author", "publisher", "isbn10", "isbn13", "eisbn13", "lccn", "lcc", "ddc",
             "date", "pub_place")
_NAME = {"id": str, "forename": str, "surname": str}
# The shape of edition.toml (docs/ingest.md, "edition.toml"): every key the header reads.
EDITION_SHAPE = {
    "edition": {"idno": str, "date": YEARISH, "version": str, "publisher": str, "pub_place": str,
                "project": str},
    "editors": {"id": str, "resp": str, "name": str},
    "rights": {"text": str, "licence": str, "licence_url": str},
    "author": _NAME,
    "translator": {**_NAME, "resp": str, "roles": STRINGS},
    "source": {"title": str, "publisher": str, "pub_place": str, "date": YEARISH, "isbn10": str,
               "isbn13": str, "eisbn13": str, "lccn": str, "lcc": str, "ddc": str, "required": STRINGS},
    "original": {"forename": str, "surname": str, "title": str, "lang": str, "publisher": str,
                 "pub_place": str, "date": YEARISH},
    "languages": Map(str),
    "revision": [{"when": Required(YEARISH), "text": Required(str)}],
    "statement": [{"type": Required(OneOf(*DECL_TYPES)), "text": Required(str)}],
}


def load_edition_config(path: Path) -> dict:
    """Read ``edition.toml`` and check its shape; a missing, broken or misshapen file is an
    :class:`InputError` naming the file, line and key."""
    if not path.is_file():
        raise InputError("edition data missing", file=path,
                         hint="create edition.toml in the editorial folder (see docs/ingest.md)")
    file = TomlFile.load(path)
    check_shape(file, file.data, EDITION_SHAPE)
    for k, key in enumerate(file.data.get("source", {}).get("required", [])):
        if key not in FACT_KEYS:
            raise file.error(f"required[{k}]: {key!r} is not a header fact (known: {', '.join(FACT_KEYS)})",
                             ("source",), "required")
    return file.data


def isbn10_ok(isbn: str) -> bool:
    """True for a 10-character ISBN whose weighted check sum is divisible by 11."""
    if not re.fullmatch(r"\d{9}[\dX]", isbn):
        return False
    digits = [10 if c == "X" else int(c) for c in isbn]
    return sum((10 - i) * d for i, d in enumerate(digits)) % 11 == 0


def isbn13_ok(isbn: str) -> bool:
    """True for a 13-digit ISBN (EAN) whose 1-3 weighted check sum is divisible by 10."""
    if not re.fullmatch(r"97[89]\d{10}", isbn):
        return False
    return sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(isbn)) % 10 == 0


def isbn10_to_13(isbn: str) -> str:
    """The ISBN-13 (978 prefix) of a valid ISBN-10."""
    core = "978" + isbn[:9]
    check = (10 - sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(core)) % 10) % 10
    return core + str(check)
