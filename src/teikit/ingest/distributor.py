"""Read a distributor's header: the lines before the book inside the file (``[source] start``).

A distributor of plain texts (Project Gutenberg and the like) puts before the book a block
of ``Key: Value`` lines (``Title:``, ``Author:``, ``Translator:``, ``Release Date: ...
[EBook #98]``), a value running on over the indented lines after it (a subtitle), and after
the book its licence. ``[distributor]`` of book.toml says the file has one and names the
distributor; this module reads the fields (:class:`EBook`), the header pass writes them
into the teiHeader: the title and the persons into ``titleStmt``, the e-book itself (its
distributor, number, address, dates) and where the header and licence lie into
``sourceDesc``. Nothing here knows one distributor: the keys are the usual English ones,
the number's pattern and the address are the edition's data.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

# The header's keys read (any case); others ("Character set encoding") are the file's, not the book's.
KEYS = ("title", "author", "translator", "editor", "illustrator", "release date", "posting date",
        "last updated", "language")
_FIELD = re.compile(r"^([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$")
_MONTHS = {m.lower(): k for k, m in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"), 1)}
_DATE = re.compile(r"(?P<month>[A-Za-z]+)\.?\s*(?:(?P<day>[0-9]{1,2}),?\s*)?,?\s*(?P<year>[0-9]{4})")


@dataclass
class EBook:
    """What a distributor's header says: its fields as printed, the e-book's number."""

    fields: dict[str, list[str]] = field(default_factory=dict)  # key (lower case) -> its lines
    where: dict[str, int] = field(default_factory=dict)  # key -> 0-based line index
    number: str | None = None

    def get(self, key: str) -> str | None:
        """A field's value (its lines joined), without a trailing "[EBook #98]"."""
        lines = self.fields.get(key)
        if not lines:
            return None
        value = " ".join(" ".join(lines).split())
        return re.sub(r"\s*\[[^\]]*#\s*[0-9]+\s*\]\s*$", "", value).strip() or None

    def title(self) -> tuple[str | None, str | None]:
        """The title's first line and the rest (a subtitle set on the indented lines after it)."""
        lines = [" ".join(line.split()) for line in self.fields.get("title", [])]
        if not lines:
            return None, None
        return lines[0] or None, " ".join(lines[1:]) or None


def read(lines: list[str], end: int, number: re.Pattern[str] | None,
         title_line: re.Pattern[str] | None = None) -> EBook:
    """Read the header ``lines[:end]``: the known ``Key: Value`` fields (an indented line
    after one continues it; a blank line ends it), the first match of ``number``, and the
    first line matching ``title_line`` (groups title, author), for the fields not given."""
    ebook = EBook()
    named: re.Match[str] | None = None
    key: str | None = None
    for i in range(min(end, len(lines))):
        raw = lines[i]
        text = raw.strip()
        if not text:
            key = None
            continue
        m = _FIELD.match(text)
        if m and m.group(1).lower() in KEYS and not raw[:1].isspace():
            key = m.group(1).lower()
            if key in ebook.fields:  # the first occurrence wins
                key = None
                continue
            ebook.fields[key] = [m.group(2)]
            ebook.where[key] = i
        elif key is not None and raw[:1].isspace():
            ebook.fields[key].append(text)
        else:
            key = None
        if number is not None and ebook.number is None:
            found = number.search(text)
            if found:
                ebook.number = found.group("n")
        if title_line is not None and named is None:
            named = title_line.fullmatch(text)
            if named is not None:
                ebook.where.setdefault("title line", i)
    for key in [k for k, v in ebook.fields.items() if not " ".join(v).strip()]:
        del ebook.fields[key]  # "Title:" with nothing after it says nothing
    if named is not None:
        for key in ("title", "author"):
            value = (named.groupdict().get(key) or "").strip()
            if value and key not in ebook.fields:
                ebook.fields[key] = [value]
                ebook.where[key] = ebook.where["title line"]
    return ebook


def person(name: str) -> tuple[str, str]:
    """(surname, forename) of a name printed forename first ("Charles Dickens"): the last
    word is the surname, the rest the forenames ("Louise and Aylmer" / "Maude")."""
    words = name.split()
    return (words[-1], " ".join(words[:-1])) if words else ("", "")


def iso_date(text: str | None) -> str | None:
    """The ISO form of a header date ("March 28, 2006" -> 2006-03-28, "January, 1994" ->
    1994-01, "1996" -> 1996), or None when it is not one."""
    if not text:
        return None
    m = _DATE.search(text)
    if m is not None and m.group("month").lower() in _MONTHS:
        month = _MONTHS[m.group("month").lower()]
        year = int(m.group("year"))
        if m.group("day"):
            try:
                return _dt.date(year, month, int(m.group("day"))).isoformat()
            except ValueError:
                return None
        return f"{year:04d}-{month:02d}"
    bare = re.fullmatch(r"\s*([0-9]{4})\s*", text)
    return bare.group(1) if bare else None
