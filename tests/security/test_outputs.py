"""Markup in a stranger's text stays text in every output: no script, event handler or
script URL reaches a page of the reading edition or the EPUB, and the search data is
inserted as text (teikit.js never uses innerHTML)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from teikit import paths
from teikit.cli import cli
from tests.security.hostile import tei

HOSTILE_TEXT = (
    "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; "
    '<ref target="javascript:alert(2)">x</ref> '
    '<ref target="data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;">y</ref> '
    '<ptr target="vbscript:z"/> '
    '<hi rend="background:url(javascript:alert(4))" style="background:url(javascript:alert(5))">s</hi> '
    '<persName ref="javascript:alert(6)">P</persName> <graphic url="javascript:alert(7)"/> '
    '<ref target="https://ok.example/&quot;onmouseover=&quot;alert(8)">z</ref>'
)
SCHEMES = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def _check_page(doc: etree._Element, where: str) -> None:
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname.lower()
        if name == "script" and el.get("type") in ("application/json", "application/ld+json"):
            # a data block (citation metadata) is never run: it must be JSON that cannot end
            # the element or open a comment early
            json.loads(el.text or "")
            assert "</" not in (el.text or "") and "<!--" not in (el.text or ""), f"{where}: data block"
        elif name == "script":
            assert el.get("src") and not (el.text or "").strip(), f"{where}: inline script"
        for attr, value in el.attrib.items():
            attr = etree.QName(attr).localname.lower()
            assert not attr.startswith("on"), f"{where}: event handler {attr}"
            if attr in ("href", "src", "action", "formaction", "xlink:href", "style"):
                unsafe = SCHEMES.match(value) or "javascript:" in value.lower()
                assert not unsafe, f"{where}: {attr}={value}"


def test_markup_in_the_text_never_becomes_markup_in_the_outputs(tmp_path: Path) -> None:
    path = tmp_path / "xss.xml"
    head = "<head>H &lt;img src=x onerror=alert(9)&gt;</head>"
    path.write_text(tei(HOSTILE_TEXT).replace("<head>Chapter</head>", head), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "html", "epub", "--edition", str(path), "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    pages = sorted((out / "html").glob("*.html"))
    assert pages
    for page in pages:
        _check_page(etree.parse(str(page), etree.HTMLParser()).getroot(), page.name)
    with zipfile.ZipFile(out / "xss.epub") as book:
        for name in book.namelist():
            if name.endswith(".xhtml"):
                _check_page(etree.fromstring(book.read(name)), name)
    for asset in sorted((paths.XSLT_DIR / "html" / "assets").glob("*.js")):
        script = asset.read_text(encoding="utf-8")
        unsafe = r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\("
        assert not re.search(unsafe, script), asset


SVGS = {
    "script.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "handler.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/>'
                   "</svg>",
    "remote.svg": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
                  '<image x:href="https://evil.example/t.png" width="1" height="1"/></svg>',
    "css.svg": '<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:url(https://evil.example/f)}</style>'
               "<rect width='1' height='1'/></svg>",
    "foreign.svg": '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">'
                   "x</p></foreignObject></svg>",
    "entity.svg": '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
    "plain.svg": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><defs>'
                 '<linearGradient id="g"/></defs><rect width="1" height="1" fill="url(#g)"/>'
                 '<use x:href="#g"/></svg>',
}


def test_an_svg_that_could_run_or_load_is_not_published(tmp_path: Path) -> None:
    """<img> runs nothing, but images/x.svg is also a page of the site's origin when opened."""
    for name, text in SVGS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    graphics = "".join(f'<figure><graphic url="{name}"/></figure>' for name in SVGS)
    path = tmp_path / "svg.xml"
    path.write_text(tei("x").replace("<p>x</p>", f"<p>x</p>{graphics}"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "html", "epub", "--edition", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "html" / "images").iterdir()) == ["plain.svg"]
    with zipfile.ZipFile(out / "svg.epub") as book:
        images = sorted(n for n in book.namelist() if n.startswith("EPUB/images/"))
        assert images == ["EPUB/images/plain.svg"]
    assert "render.image-unsafe" in result.output and "6 images are SVG files" in result.output, result.output
