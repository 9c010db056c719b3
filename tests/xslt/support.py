"""Helpers for the HTML tests: build an edition once per process, read its pages."""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote

from lxml import etree, html

from teikit.build import BuildSettings
from teikit.build import html as html_builder
from teikit.edition import Edition
from teikit.xmlio import NSMAP

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI = FIXTURES / "mini-edition.xml"
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


@functools.cache
def built(edition_path: Path, single_page: bool = False) -> tuple[Path, tuple, Path]:
    """Build a copy of ``edition_path`` into a fresh temporary folder, once per process.

    Returns (html folder, diagnostics, the copy built from): compare against the copy, as
    the edition itself may be regenerated while tests run.
    """
    out = Path(tempfile.mkdtemp(prefix="teikit-html-test-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    copy = out / edition_path.name
    shutil.copyfile(edition_path, copy)
    edition = Edition.load(copy)
    result = html_builder.build(edition, out, BuildSettings(exports_dir=out, single_page=single_page))
    return out / "html", tuple(result.diagnostics), copy


def build_text(tei: str, tmp: Path) -> tuple[Path, list]:
    """Build a small TEI document given as text into ``tmp``; (html folder, diagnostics)."""
    src = tmp / "doc.xml"
    src.write_text(tei, encoding="utf-8")
    result = html_builder.build(Edition.load(src), tmp / "out", BuildSettings(exports_dir=tmp / "out"))
    return tmp / "out" / "html", result.diagnostics


def page(folder: Path, name: str) -> html.HtmlElement:
    return html.fromstring((folder / name).read_bytes())


def pages(folder: Path) -> dict[str, html.HtmlElement]:
    return {p.name: html.fromstring(p.read_bytes()) for p in sorted(folder.glob("*.html"))}


def tei_text_nodes(edition_path: Path) -> list[str]:
    """The non-blank text nodes of the TEI text (front, body, back), normalized."""
    tree = etree.parse(str(edition_path), etree.XMLParser(resolve_entities=False, no_network=True))
    query = "//tei:text//text()[normalize-space()][not(ancestor::tei:teiHeader)]"
    nodes = tree.xpath(query, namespaces=NSMAP)
    return [norm(str(t)) for t in nodes]


def missing_text(edition_path: Path, folder: Path) -> list[str]:
    """TEI text nodes that appear nowhere in the HTML (exact node first, then substring)."""
    docs = pages(folder).values()
    html_nodes = {norm(t) for d in docs for t in d.xpath("//body//text()")}
    whole = "\n".join(norm(d.body.text_content()) for d in docs)
    return [t for t in dict.fromkeys(tei_text_nodes(edition_path)) if t not in html_nodes and t not in whole]


def broken_links(folder: Path) -> list[str]:
    """Every href/src in every page that does not resolve to a file (and fragment) of the site."""
    docs = pages(folder)
    ids = {name: set(d.xpath("//@id")) for name, d in docs.items()}
    problems: list[str] = []
    for name, d in docs.items():
        for el in d.xpath("//*[@href or @src]"):
            ref = el.get("href") or el.get("src")
            if el.tag == "a" and re.match(r"^(https?://|mailto:)", ref):
                continue  # a link a reader may follow (licence, email); not a request the page makes
            if re.match(r"^[a-z]+:", ref) or ref.startswith("//"):
                problems.append(f"{name}: external {el.tag} {ref}")
                continue
            path, _, frag = ref.partition("#")
            frag = unquote(frag)  # a browser finds id="PODESTÀ" from #PODEST%C3%80, as links.py does
            target = path or name
            if not (folder / target).is_file():
                problems.append(f"{name}: {ref}: no such file")
            elif frag and target.endswith(".html") and frag not in ids.get(target, set()):
                problems.append(f"{name}: {ref}: no id {frag!r} in {target}")
    return problems
