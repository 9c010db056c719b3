"""The reading edition's prebuilt search index: ``search-docs.json`` -> ``search-index.js``.

The HTML stylesheet (``xslt/html/search.xsl``) writes every text block as read, where it is
shown, its unit and the entities it mentions, plus every entity's names. This module cuts
the texts into words the way ``assets/teikit.js`` does (:func:`fold` and :func:`words`
must stay identical to its ``fold`` and ``words``), and writes an inverted index the
browser queries without building anything: for each word, the blocks holding it and how
often (for BM25 ranking), each block's length in words, and the entities with the words of
each of their names (so "Bronstein" finds the person whose other name it is).

Deterministic: the same documents give byte-identical output (keys sorted, no clock).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from teikit.build.links import Links

DOCS = "search-docs.json"
PARTS = "search-docs-[0-9]*.json"  # one per shard of a divided build (build --jobs N)
INDEX = "search-index.js"

_MARKS = re.compile("[\u0300-\u036f]")
_SPELLED = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ﬁ": "fi", "ﬂ": "fl"}
_SPELLED_RE = re.compile("[" + "".join(_SPELLED) + "]")
# Letters and digits ([\p{L}\p{N}]+ in the script): \w without the underscore.
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Case and accent folding: NFD, combining accents removed, lower case, ß/æ/œ… spelled out."""
    if text.isascii():  # nothing to decompose, remove or spell out
        return text.lower()
    folded = _MARKS.sub("", unicodedata.normalize("NFD", text)).lower()
    return _SPELLED_RE.sub(lambda m: _SPELLED[m.group(0)], folded)


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


def build_index(data: dict[str, Any]) -> dict[str, Any]:
    """The index the browser reads, from the stylesheet's documents (see the module doc)."""
    entity_ids = sorted(data.get("entities", {}))
    number = {eid: i for i, eid in enumerate(entity_ids)}
    entities = []
    for eid in entity_ids:
        e = data["entities"][eid]
        names = list(e.get("names") or []) or [e["name"]]
        entities.append([eid, e["name"], e["href"], e["kind"], names, [words(n) for n in names]])
    docs, lens, mentions = [], [], []
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for i, (href, label, text, unit, refs) in enumerate(data["docs"]):
        docs.append([href, label, text, unit])
        tokens = words(text)
        lens.append(len(tokens))
        # each term's blocks in block order (i grows); the terms are sorted once at the end
        for term, tf in Counter(tokens).items():
            postings[term] += (i, tf)
        mentions.append(sorted({(number[eid], surface) for eid, surface in refs if eid in number})
                        if refs else [])
    return {
        "units": data.get("units", []),
        "docs": docs,
        "lens": lens,
        "mentions": [[list(m) for m in ms] for ms in mentions],
        "entities": entities,
        "terms": dict(sorted(postings.items())),
    }


def _documents(folder: Path) -> tuple[dict[str, Any], list[Path]] | None:
    """The stylesheet's documents and the files they came from: ``search-docs.json``, or the
    parts ``search-docs-K.json`` that the shards of a divided build wrote (part 0 holds the
    units, the last part the entities; every part, its block of consecutive units' documents),
    joined in order so the index is the one a single run gives."""
    whole = folder / DOCS
    if whole.is_file():
        return json.loads(whole.read_text(encoding="utf-8")), [whole]
    parts = sorted(folder.glob(PARTS), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if not parts:
        return None
    data = json.loads(parts[0].read_text(encoding="utf-8"))
    for part in parts[1:]:
        more = json.loads(part.read_text(encoding="utf-8"))
        data["docs"].extend(more["docs"])
        data["entities"].update(more.get("entities") or {})  # the last part's (search.xsl)
    return data, parts


def write(folder: Path, links: Links | None = None) -> Path | None:
    """Turn ``folder/search-docs.json`` (or its parts) into ``folder/search-index.js`` (the
    JSON is removed); the search results' links (each document's place, each unit's and
    each entity's page) are added to ``links``, when given, for the build's link check.

    Returns the index written, or None when the stylesheet wrote no documents (an
    edition's own stylesheet may leave the search page out).
    """
    found = _documents(Path(folder))
    if found is None:
        return None
    data, sources = found
    if links is not None:
        links.add(_hrefs(data), INDEX)
    index = build_index(data)
    del data
    target = Path(folder) / INDEX
    with target.open("w", encoding="utf-8") as out:
        out.write("window.TK_SEARCH = ")
        _dump(index, out)
        out.write(";\n")
    for source in sources:
        source.unlink()
    return target


def _hrefs(data: dict[str, Any]) -> Iterator[str]:
    """The links a search result offers: the units' pages, the documents' places, the entities' pages."""
    for unit in data.get("units") or []:
        if isinstance(unit, list) and unit and isinstance(unit[0], str):
            yield unit[0]
    for doc in data.get("docs") or []:
        if isinstance(doc, list) and doc and isinstance(doc[0], str):
            yield doc[0]
    for entity in (data.get("entities") or {}).values():
        if isinstance(entity, dict) and isinstance(entity.get("href"), str):
            yield entity["href"]


_CHUNK = 2000  # items serialized by one json.dumps call in _dump


def _dump(index: dict[str, Any], out: TextIO) -> None:
    """``json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``, the
    same characters, written a chunk of items at a time: at 50 MB of TEI the index is 250 MB
    of text, which as one string (and its encoded bytes) doubled the memory of writing it;
    one call per item cost 0.15 s of Python calls at 1,000 letters (49,000 items)."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    out.write("{")
    for i, key in enumerate(sorted(index)):
        out.write(("," if i else "") + dumps(key) + ":")
        value = index[key]
        if isinstance(value, list):
            out.write("[")
            for j in range(0, len(value), _CHUNK):  # "[a,b]"[1:-1] is "a,b"
                out.write(("," if j else "") + dumps(value[j:j + _CHUNK])[1:-1])
            out.write("]")
        elif isinstance(value, dict):
            out.write("{")
            names = sorted(value)
            for j in range(0, len(names), _CHUNK):
                out.write(("," if j else "") + dumps({n: value[n] for n in names[j:j + _CHUNK]})[1:-1])
            out.write("}")
        else:
            out.write(dumps(value))
    out.write("}")
