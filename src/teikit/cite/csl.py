"""CSL-JSON serialisation: the records of :mod:`teikit.cite.records` as one JSON array.

CSL-JSON is what Zotero, Mendeley, pandoc and citeproc read natively; the items follow the
official schema (``csl-data.json``, citation-style-language/schema), which the tests use.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

# Fields whose order we fix so the output reads top-down like a reference.
_FIRST = ("id", "type", "title", "container-title", "author", "translator", "editor")


def _ordered(item: dict) -> dict:
    head = {k: item[k] for k in _FIRST if k in item}
    tail = {k: item[k] for k in sorted(item) if k not in head}
    return head | tail


def to_csl_json(items: Iterable[dict]) -> str:
    """A pretty, deterministic CSL-JSON array (UTF-8 text, final newline)."""
    return json.dumps([_ordered(i) for i in items], indent=2, ensure_ascii=False) + "\n"
