"""What the safe parser costs, and how fast hostile input is refused.

Prints, best of several runs: the edition parsed by ``teikit.xmlio.parse_bytes`` (with the
checks on the parsed document) beside bare lxml with the same options, and the time to
refuse each hostile case of ``tests/security/hostile.py`` (padded XXE, billion laughs,
quadratic blow-up, a 300-deep document, an 11 MB text node).

    .venv/bin/python benchmarks/security_bench.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _timing import best
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.security.hostile import CASES  # noqa: E402

from teikit import paths, xmlio  # noqa: E402
from teikit.errors import InputError  # noqa: E402


def refuse(data: bytes) -> None:
    try:
        xmlio.require_tei(xmlio.parse_bytes(data, "hostile.xml"), "hostile.xml")  # P4, XHTML: the root
    except InputError:
        return
    raise AssertionError("a hostile case was accepted")


def main() -> None:
    data = paths.EDITION.read_bytes()
    guarded = best(lambda: xmlio.parse_bytes(data, "edition.xml"), 7)
    bare = best(lambda: etree.fromstring(data, xmlio.safe_parser()), 7)
    print(f"edition ({len(data) // 1024} KiB): xmlio.parse_bytes {guarded * 1000:.1f} ms, "
          f"bare lxml {bare * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        secret = str(Path(tmp) / "secret.txt")
        for case in CASES:
            sample = case.make(secret, 9)
            print(f"refuse {case.name:<30} {len(sample) // 1024:>6} KiB  "
                  f"{best(lambda s=sample: refuse(s), 3) * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
