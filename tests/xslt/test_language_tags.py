"""Language tags in the outputs: HTML's lang must be a BCP 47 tag of the IANA registry.

TEI files write xml:lang as they please: ISO 639-2 codes (``ger``, ``ita``, ``lat``) that BCP 47
writes with two letters, and mistakes (ELTeC's French novels write Spanish ``esp``) that the
Nu HTML Checker refuses ("not a valid ISO language part of a language tag").
``xslt/common/languages.xsl`` holds the registry's subtags; this test makes it again from the
registry that PyPI's ``language-tags`` ships (and Debian's iso-codes for the two-letter
equivalents of three-letter codes) and compares, so the file is never a frozen copy read by
no one. ``python -m tests.xslt.test_language_tags`` writes it anew.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import language_tags
from click.testing import CliRunner
from lxml import etree

from teikit import saxon
from teikit.cli import cli
from tests.xslt.support import build_text, page

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "xslt" / "common" / "languages.xsl"
REGISTRY = Path(language_tags.__file__).parent / "data" / "json"
ISO_639_2 = Path("/usr/share/iso-codes/json/iso_639-2.json")


def _subtags(kind: str) -> list[str]:
    """The registry's subtags of one kind, ranges (private use, "qaa..qtz") left to the XSLT."""
    return sorted(k for k in json.loads((REGISTRY / f"{kind}.json").read_text()) if ".." not in k)


def _words(values: list[str], per_line: int = 20) -> str:
    return "\n".join(" ".join(values[i:i + per_line]) for i in range(0, len(values), per_line))


def module_text(alpha2: dict[str, str]) -> str:
    pairs = ", ".join(f"'{k}': '{v}'" for k, v in sorted(alpha2.items()))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Made by tests/xslt/test_language_tags.py from the IANA Language Subtag Registry of {
    json.loads((REGISTRY / "meta.json").read_text())["File-Date"]} (PyPI language-tags)
     and ISO 639-2 (Debian iso-codes); that test compares this file with them. Do not edit. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tk="urn:teikit:xslt" exclude-result-prefixes="#all">

  <!-- ISO 639-2 codes (terminological and bibliographic) that BCP 47 writes with two letters. -->
  <xsl:variable name="tk:iso639-2" as="map(xs:string, xs:string)" select="map{{{pairs}}}"/>

  <xsl:variable name="tk:registry-languages" as="xs:string">
{_words(_subtags("language"))}
  </xsl:variable>
  <xsl:variable name="tk:registry-scripts" as="xs:string">
{_words(_subtags("script"))}
  </xsl:variable>
  <xsl:variable name="tk:registry-regions" as="xs:string">
{_words(_subtags("region"))}
  </xsl:variable>
</xsl:stylesheet>
"""


def alpha2_of_iso639_2() -> dict[str, str]:
    """ISO 639-2 code (T and B) -> ISO 639-1 code, from Debian's iso-codes."""
    out: dict[str, str] = {}
    for entry in json.loads(ISO_639_2.read_text())["639-2"]:
        if "alpha_2" in entry:
            out[entry["alpha_3"]] = entry["alpha_2"]
            if "bibliographic" in entry:
                out[entry["bibliographic"]] = entry["alpha_2"]
    return out


def _module_alpha2() -> dict[str, str]:
    text = MODULE.read_text()
    start = text.index("map{") + 4
    body = text[start:text.index("}", start)]
    return dict(tuple(p.strip().strip("'") for p in pair.split(":")) for pair in body.split(","))  # type: ignore[misc]


def _module_subtags(name: str) -> set[str]:
    text, opening = MODULE.read_text(), f'name="tk:registry-{name}" as="xs:string">'
    start = text.index(opening) + len(opening)
    return set(text[start:text.index("</xsl:variable>", start)].split())


def test_the_module_holds_the_registry():
    # Made by module_text from the registry language-tags ships; a later release of it may add
    # a few subtags (the module then lacks them: regenerate it), but never one we accept wrongly.
    if ISO_639_2.exists():
        assert _module_alpha2() == alpha2_of_iso639_2()
    for name, kind in (("languages", "language"), ("scripts", "script"), ("regions", "region")):
        module, registry = _module_subtags(name), set(_subtags(kind))
        assert module <= registry, sorted(module - registry)[:10]
        assert len(registry - module) <= len(registry) // 100, "run: python -m tests.xslt.test_language_tags"
    if json.loads((REGISTRY / "meta.json").read_text())["File-Date"] in MODULE.read_text():
        assert MODULE.read_text() == module_text(_module_alpha2())  # the same registry: the same file


def test_three_letter_codes_mapped_are_not_registered_and_their_targets_are():
    languages = set(_subtags("language"))
    alpha2 = _module_alpha2()
    assert len(alpha2) > 180 and alpha2["ger"] == "de" and alpha2["spa"] == "es"
    assert not languages & set(alpha2) and set(alpha2.values()) <= languages


TAGS = {"de": "de", "ger": "de", "ita": "it", "lat": "la", "grc": "grc", "la-Latn": "la-Latn",
        "en-GB": "en-GB", "en_US": "en-US", "grc-Latn-x-translit": "grc-Latn-x-translit",
        "grc-Latn-x-transliterated": "grc-Latn", "zh-Hant-TW": "zh-Hant-TW", "qaa": "qaa",
        "x-klingon": "x-klingon", "und": "und", "de-1901": "de-1901", "fr-Latn-FR-x-a": "fr-Latn-FR-x-a",
        "esp": "", "": "", "english": "", "en-UK": "en", "de-u-co-phonebk": "de-u-co-phonebk"}


def test_html_lang_is_a_registered_tag_or_empty(tmp_path):
    wrapper = tmp_path / "wrapper.xsl"
    wrapper.write_text(f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:tk="urn:teikit:xslt"><xsl:import href="{(ROOT / "xslt" / "common" / "common.xsl").as_uri()}"/>
      <xsl:param name="tags"/>
      <xsl:template match="/">
        <r><xsl:value-of select="tokenize($tags, '[|]') ! tk:bcp47(.)" separator="|"/></r>
      </xsl:template></xsl:stylesheet>""")
    result = saxon.transform(wrapper, etree.fromstring("<TEI xmlns='http://www.tei-c.org/ns/1.0'/>"),
                             params={"tags": "|".join(TAGS)})
    assert dict(zip(TAGS, etree.fromstring(result.output.encode()).text.split("|"), strict=True)) == TAGS


def test_pages_carry_registered_tags_and_the_build_names_the_others(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "render" / "languages.xml"
    folder, diagnostics = build_text(fixture.read_text(), tmp_path)
    letter = page(folder, "lettre.html")
    assert letter.xpath("//html/@lang") == ["fr"]
    assert letter.xpath("//i[contains(@class, 'tei-foreign')]/@lang") == ["", "la", "en", "de"]
    assert page(folder, "traduction.html").xpath("//article[contains(@class, 'unit')]/@lang") == [""]
    said = sorted(d.message for d in diagnostics if d.code == "render.language-tag")
    assert len(said) == 3  # en-UK, english, esp (ger and lat are ISO 639-2, mapped silently)
    assert 'xml:lang="en-UK"' in said[0] and 'the pages say lang="en"' in said[0]
    assert 'xml:lang="english"' in said[1] and "<div>" in said[1] and 'lang=""' in said[1]
    assert 'xml:lang="esp"' in said[2] and "<foreign>" in said[2] and "Une lettre" in said[2]



def test_a_collections_unregistered_tag_is_said_with_its_member_file(tmp_path):
    # SARIT: xml:lang="braj-Deva" on a member's text was said of the folder alone
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, lang in (("a.xml", "sa"), ("b.xml", "braj-Deva")):
        (folder / name).write_text(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
            '<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>'
            f'<text xml:lang="{lang}"><body><p>A verse of the text.</p></body></text></TEI>')
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    said = [line for line in (result.output + result.stderr).splitlines() if "render.language-tag" in line]
    assert len(said) == 1 and 'xml:lang="braj-Deva"' in said[0] and " of b.xml" in said[0], said


if __name__ == "__main__":
    if not ISO_639_2.exists():
        sys.exit(f"{ISO_639_2} is needed (Debian package iso-codes)")
    MODULE.write_text(module_text(alpha2_of_iso639_2()))
    print(f"wrote {os.path.relpath(MODULE)}")
