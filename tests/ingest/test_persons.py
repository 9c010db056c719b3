"""The persons pass: variants, possessives, pseudonyms, ambiguity resolved by the index or left."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit import paths
from teikit.ingest import persons, pipeline
from teikit.ingest.context import IngestContext, SourceText
from teikit.ingest.persons_coverage import measure
from teikit.xmlio import NSMAP, TEI_NS

STANDOFF = f"""<standOff xmlns="{TEI_NS}"><listPerson xml:id="persons">
 <person xml:id="pers-stalin"><persName type="index"><surname>Stalin</surname>, <forename>
Iosip Vissarionovich</forename></persName><persName type="birth">Djugashvili</persName></person>
 <person xml:id="pers-koba-dummy"><persName type="index"><surname>Kobalt</surname></persName></person>
 <person xml:id="pers-tomsky"><persName type="index"><surname>Tomsky</surname>, <forename>
Mikhail P.</forename></persName><persName type="variant">Tomsy</persName><persName type="variant">
Tomskey</persName></person>
 <person xml:id="pers-kaganovich-lazar"><persName type="index"><surname>Kaganovich</surname>
, <forename>Lazar Moiseevich</forename></persName></person>
 <person xml:id="pers-kaganovich-mikhail"><persName type="index"><surname>Kaganovich</surname>
, <forename>Mikhail Moiseevich</forename></persName></person>
</listPerson><listOrg xml:id="organizations"><org xml:id="org-ogpu"><orgName>OGPU</orgName></org>
</listOrg></standOff>"""

INDEX = f"""<div xmlns="{TEI_NS}" type="index" xml:id="index"><list type="index"><head>K</head>
 <item xml:id="idx-kaganovich-lazar"><term><persName ref="#pers-kaganovich-lazar">
Kaganovich, Lazar</persName></term>, <ref type="page" target="#p7">7</ref></item>
 <item xml:id="idx-kaganovich-mikhail"><term><persName ref="#pers-kaganovich-mikhail">
Kaganovich, Mikhail</persName></term>, <ref type="page" target="#p15">15</ref></item>
 <item xml:id="idx-stalin"><term><persName ref="#pers-stalin">Stalin</persName></term>
, <ref type="page" target="#p7">7</ref> <hi rend="italic">passim</hi> onward</item>
</list></div>"""

TEXT = f"""<text xmlns="{TEI_NS}"><body><div type="chapter">
<pb n="7" xml:id="p7"/>
<p>Stalin's secretary met Kaganovich and Tomsy; later M. Tomskey and Mikhail P. Tomsky spoke to the OGPU.</p>
<pb n="15" xml:id="p15"/>
<p>Kaganovich wept. Lazar Kaganovich did not. <persName ref="#x">Stalin</persName> stayed.</p>
<pb n="16" xml:id="p16"/>
<p>Kaganovich again. Djugashvili was Stalinist.</p></div></body></text>"""


@pytest.fixture()
def tagged(tmp_path: Path) -> IngestContext:
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><teiHeader><p>Stalin</p></teiHeader></TEI>')
    root.append(etree.fromstring(STANDOFF))
    text = etree.fromstring(TEXT)
    back = etree.SubElement(text, f"{{{TEI_NS}}}back")
    back.append(etree.fromstring(INDEX))
    root.append(text)
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    return ctx


def _names(ctx: IngestContext, page: str) -> list[tuple[str, str | None]]:
    out = []
    for el, pg in persons.mentions(ctx.root):
        if pg == page and not el.xpath("ancestor::tei:div[@type='index']", namespaces=NSMAP):
            out.append((el.text, el.get("ref")))
    return out


def test_variants_possessives_and_initials(tagged: IngestContext) -> None:
    assert _names(tagged, "7") == [
        ("Stalin", "#pers-stalin"),
        ("Kaganovich", "#pers-kaganovich-lazar"),  # only Lazar is indexed on p. 7
        ("Tomsy", "#pers-tomsky"),
        ("M. Tomskey", "#pers-tomsky"),
        ("Mikhail P. Tomsky", "#pers-tomsky"),
    ]
    org = tagged.root.find(f"{{{TEI_NS}}}text//{{{TEI_NS}}}orgName")
    assert (org.text, org.get("ref")) == ("OGPU", "#org-ogpu")


def test_full_name_beats_ambiguity_and_existing_names_are_kept(tagged: IngestContext) -> None:
    assert _names(tagged, "15") == [
        ("Kaganovich", "#pers-kaganovich-mikhail"),  # p. 15 lists only Mikhail
        ("Lazar Kaganovich", "#pers-kaganovich-lazar"),
        ("Stalin", "#x"),
    ]


def test_ambiguous_left_unlinked_with_a_reason(tagged: IngestContext) -> None:
    p16 = tagged.root.xpath("(//tei:text//tei:p)[last()]", namespaces=NSMAP)[0]
    # neither Kaganovich is indexed on p. 16: no guess; "Stalinist" is not "Stalin"
    assert [(e.text, e.get("ref")) for e in p16] == [("Djugashvili", "#pers-stalin")]
    assert "".join(p16.itertext()) == "Kaganovich again. Djugashvili was Stalinist."
    (diag,) = [d for d in tagged.diagnostics if d.code == "persons.ambiguous"]
    assert "page 16" in diag.message and "pers-kaganovich-lazar" in diag.message


def test_header_standoff_and_index_untouched(tagged: IngestContext) -> None:
    assert tagged.root.xpath("count(//tei:teiHeader//tei:persName)", namespaces=NSMAP) == 0
    assert tagged.root.xpath("count(//tei:standOff//tei:persName[@ref])", namespaces=NSMAP) == 0
    assert tagged.root.xpath("count(//tei:div[@type='index']//tei:term//tei:persName)",
                             namespaces=NSMAP) == 3
    assert tagged.root.xpath("count(//tei:persName/tei:persName)", namespaces=NSMAP) == 0


def test_a_name_with_a_repaired_surname_keeps_its_forenames(tmp_path: Path) -> None:
    # corrections come first, so "Stalin" is found inside corr alone; the pass then widens it
    # over forenames that make a form of the same person, and only those
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>')
    root.append(etree.fromstring(STANDOFF))
    root.append(etree.fromstring(
        f'<text xmlns="{TEI_NS}"><body><p>Iosip Vissarionovich <choice><sic>Stalim</sic>'
        f'<corr>Stalin</corr></choice> spoke; then Comrade <choice><sic>Stalim</sic>'
        f'<corr>Stalin</corr></choice>.</p></body></text>'))
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    p = root.find(f".//{{{TEI_NS}}}p")
    whole, alone = p.findall(f"{{{TEI_NS}}}persName"), p.findall(f".//{{{TEI_NS}}}corr/{{{TEI_NS}}}persName")
    assert [(e.get("ref"), "".join(e.xpath(".//text()[not(ancestor::tei:sic)]", namespaces=NSMAP)))
            for e in whole] == [("#pers-stalin", "Iosip Vissarionovich Stalin")]
    assert whole[0].find(f"{{{TEI_NS}}}choice/{{{TEI_NS}}}corr").text == "Stalin"
    assert [e.get("ref") for e in alone] == ["#pers-stalin"]  # "Comrade" is no forename
    assert "".join(p.xpath(".//text()[not(ancestor::tei:sic)]", namespaces=NSMAP)) == \
        "Iosip Vissarionovich Stalin spoke; then Comrade Stalin."


@pytest.fixture(scope="module")
def ingested() -> IngestContext:
    return pipeline.run(paths.PROJECT_ROOT / "tei" / "source" / "bazhanov-1990.txt",
                        paths.PROJECT_ROOT / "tei" / "editorial")


def test_real_edition_coverage_and_known_forms(ingested: IngestContext) -> None:
    """The measured coverage target (see benchmarks/person_coverage.py) holds."""
    cov = measure(ingested.root, exclude={"pers-bazhanov"})
    assert len(cov.pairs) > 900
    assert cov.ratio >= 0.95, cov.missed[:60]
    refs = {("".join(e.itertext()), e.get("ref")) for e, _ in persons.mentions(ingested.root)}
    for form, ref in [("Tomsy", "#pers-tomsky"), ("Tomskey", "#pers-tomsky"), ("Blumkin", "#pers-bliumkin"),
                      ("Koba", "#pers-stalin"), ("Serbriakov", "#pers-serebriakov"),
                      ("Svetlana", "#pers-alliluyeva-svetlana"), ("Raleigh", "#pers-raleigh")]:
        assert any(text.split()[-1] == form and r == ref for text, r in refs), form
    # a person named only by the listed mentions: her surname alone is her mother's, except
    # where an editorial reading says otherwise ("See also Alliluyeva, Twenty Letters")
    alone = [e for e, _ in persons.mentions(ingested.root)
             if e.text == "Alliluyeva" and e.get("ref") == "#pers-alliluyeva-svetlana"]
    assert len(alone) == 1


def _tag_with(tmp_path: Path, config: str) -> IngestContext:
    (tmp_path / "persons.toml").write_text(config, encoding="utf-8")
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>')
    root.append(etree.fromstring(STANDOFF))
    text = etree.fromstring(TEXT)
    etree.SubElement(text, f"{{{TEI_NS}}}back").append(etree.fromstring(INDEX))
    root.append(text)
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    return ctx


def test_editorial_readings_resolve_and_exclude(tmp_path: Path) -> None:
    ctx = _tag_with(tmp_path, """
[forms]
exclude = ["Djugashvili"]
[[resolve]]
form = "Kaganovich"
pages = ["16"]
before = ""
person = "pers-kaganovich-mikhail"
reason = "test"
""")
    p16 = ctx.root.xpath("(//tei:text//tei:p)[last()]", namespaces=NSMAP)[0]
    assert [(e.text, e.get("ref")) for e in p16] == [("Kaganovich", "#pers-kaganovich-mikhail")]
    assert not [d for d in ctx.diagnostics if d.code == "persons.ambiguous"]


def test_resolve_rule_with_preceding_text_applies_only_there(tmp_path: Path) -> None:
    ctx = _tag_with(tmp_path, """
[[resolve]]
form = "Kaganovich"
pages = ["16"]
before = "Lazar said: "
person = "pers-kaganovich-lazar"
reason = "test"
""")
    # the text before the mention on p. 16 is "", not "Lazar said: ": no reading applies
    assert [d.code for d in ctx.diagnostics] == ["persons.ambiguous"]


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    from teikit.errors import InputError

    with pytest.raises(InputError) as err:
        _tag_with(tmp_path, "[person\nbroken")
    assert "persons.toml" in str(err.value) and "not valid TOML" in str(err.value)


def test_blocked_phrases_are_not_mentions(tmp_path: Path) -> None:
    ctx = _tag_with(tmp_path, '[forms]\nnot_names = ["Kaganovich wept"]\n')
    p15 = ctx.root.xpath("(//tei:text//tei:p)[2]", namespaces=NSMAP)[0]
    assert [e.text for e in p15] == ["Lazar Kaganovich", "Stalin"]
    assert p15.text.startswith("Kaganovich wept.")


def test_a_forename_alone_takes_the_patronymic_after_it(tmp_path: Path) -> None:
    """ "Olga Davydovna, Trotsky's sister" (p. 263): "Olga" is a listed mention, and the
    patronymic after it belongs to the name; another word after a forename does not."""
    (tmp_path / "persons.toml").write_text('[person."pers-kameneva"]\nmentions = ["Olga"]\n',
                                           encoding="utf-8")
    root = etree.fromstring(f"""<TEI xmlns="{TEI_NS}"><teiHeader/><standOff><listPerson xml:id="persons">
 <person xml:id="pers-kameneva"><persName type="index"><surname>Kameneva</surname>, <forename>Olga
 Davydovna</forename></persName></person></listPerson></standOff>
<text><body><pb n="263" xml:id="p263"/><p>Olga Davydovna, Trotsky's sister. Olga Davydovna's son.
Olga Ivanovna came; Olga Moscow.</p></body></text></TEI>""")
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    assert [e.text for e in root.iter(f"{{{TEI_NS}}}persName") if e.get("ref")] == [
        "Olga Davydovna", "Olga Davydovna", "Olga", "Olga"]


def test_a_form_only_readings_give_is_a_name_only_on_their_pages(tmp_path: Path) -> None:
    """ "German" is Sverdlov's son on p. 68 and the adjective elsewhere: a [[resolve]] form no
    index name gives is tagged only where a reading names its page, silently left elsewhere."""
    (tmp_path / "persons.toml").write_text("""
[[resolve]]
form = "German"
pages = ["68"]
person = "pers-sverdlov-german"
reason = "his son"
""", encoding="utf-8")
    root = etree.fromstring(f"""<TEI xmlns="{TEI_NS}"><teiHeader/><standOff><listPerson xml:id="persons">
 <person xml:id="pers-sverdlov-german"><persName type="index"><surname>Sverdlov</surname>, <forename>German
 </forename></persName></person></listPerson></standOff>
<text><body><pb n="49" xml:id="p49"/><p>The German revolution failed.</p>
<pb n="68" xml:id="p68"/><p>German was their son. German Sverdlov came.</p></body></text></TEI>""")
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    p49, p68 = root.iter(f"{{{TEI_NS}}}p")
    assert len(p49) == 0 and p49.text == "The German revolution failed."
    assert [(e.text, e.get("ref")) for e in p68] == [
        ("German", "#pers-sverdlov-german"), ("German Sverdlov", "#pers-sverdlov-german")]
    assert not ctx.diagnostics


def test_a_nickname_in_quoted_parentheses_and_an_initial_only_index(tmp_path: Path) -> None:
    """'Valeria ("Lera") Golubtsova' (p. 13) is one name: the index prints only her initial
    ("Golubtsova, V.") and her nickname; a first name with another initial is not taken in."""
    (tmp_path / "persons.toml").write_text("", encoding="utf-8")
    root = etree.fromstring(f"""<TEI xmlns="{TEI_NS}"><teiHeader/><standOff><listPerson xml:id="persons">
 <person xml:id="pers-golubtsova"><persName type="index"><surname>Golubtsova</surname>,
 <forename>V.</forename> <addName type="nickname">"Lera"</addName></persName></person>
</listPerson></standOff><text><body><pb n="13" xml:id="p13"/>
<p>Three girlfriends: Valeria ("Lera") Golubtsova, and Maria Golubtsova.</p>
</body></text></TEI>""")
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    p = next(root.iter(f"{{{TEI_NS}}}p"))
    assert ["".join(e.itertext()) for e in p] == ['Valeria ("Lera") Golubtsova', "Golubtsova"]


def test_a_form_may_open_with_a_quoted_nickname() -> None:
    """'"Ivry" Piatakov' (251 n1) is one name; a form in lower case is still refused."""
    from teikit.ingest.persons_forms import Forms

    forms = Forms()
    forms.add('"Ivry" Piatakov', "pers-piatakov")
    forms.add("the party", "org-cpsu")
    assert dict(forms.candidates) == {'"Ivry" Piatakov': ["pers-piatakov"]}
    m = forms.pattern().search('1. "Ivry" Piatakov (1890-1937)')
    assert m is not None and m.group(0) == '"Ivry" Piatakov'


def test_an_alias_takes_a_forename_the_people_s_other_names_use(tmp_path: Path) -> None:
    """Orlov "aka Aleksandr Berg, Leon Berg" (238 n5): "Leon" is no forename of the index, but
    the first name of an alias ("aka Leon Trotsky"), so "Leon Berg" is taken whole; a word
    that is nobody's first name stays outside."""
    (tmp_path / "persons.toml").write_text("", encoding="utf-8")
    root = etree.fromstring(f"""<TEI xmlns="{TEI_NS}"><teiHeader/><standOff><listPerson xml:id="persons">
 <person xml:id="pers-orlov"><persName type="index"><surname>Orlov</surname>,
 <forename>Aleksandr</forename></persName><persName type="pseudonym">Berg</persName></person>
 <person xml:id="pers-trotsky"><persName type="index"><surname>Trotsky</surname></persName>
 <persName type="aka">Leon Trotsky</persName></person></listPerson></standOff>
<text><body><pb n="238" xml:id="p238"/>
<p>Orlov (aka Leon Berg, Quite Berg) defected.</p></body></text></TEI>""")
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    p = next(root.iter(f"{{{TEI_NS}}}p"))
    assert ["".join(e.itertext()) for e in p] == ["Orlov", "Leon Berg", "Berg"]


def test_a_reading_only_forename_elsewhere_refers_to_its_place(tmp_path: Path) -> None:
    """ "German" is also Germany's adjective (a place ref): where a reading names the
    forename's person it is his persName, elsewhere <rs type="place">; a blocked phrase
    ("German translation", the language) is neither."""
    (tmp_path / "persons.toml").write_text("""
[place."place-germany"]
refs = ["German"]
[forms]
not_names = ["German translation"]
[[resolve]]
form = "German"
pages = ["68"]
person = "pers-sverdlov-german"
reason = "his son"
""", encoding="utf-8")
    root = etree.fromstring(f"""<TEI xmlns="{TEI_NS}"><teiHeader/><standOff><listPerson xml:id="persons">
 <person xml:id="pers-sverdlov-german"><persName type="index"><surname>Sverdlov</surname>, <forename>German
 </forename></persName></person></listPerson><listPlace xml:id="places"><place xml:id="place-germany">
 <placeName>Germany</placeName></place></listPlace></standOff>
<text><body><pb n="49" xml:id="p49"/><p>The German revolution failed in Germany. A German translation.</p>
<pb n="68" xml:id="p68"/><p>German was their son. German Sverdlov came.</p></body></text></TEI>""")
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    p49, p68 = root.iter(f"{{{TEI_NS}}}p")
    assert [(etree.QName(e).localname, e.get("type"), e.text, e.get("ref")) for e in p49] == [
        ("rs", "place", "German", "#place-germany"), ("placeName", None, "Germany", "#place-germany")]
    assert "A German translation." in "".join(p49.itertext())
    assert [(etree.QName(e).localname, e.get("type"), e.text, e.get("ref")) for e in p68] == [
        ("persName", None, "German", "#pers-sverdlov-german"),
        ("persName", None, "German Sverdlov", "#pers-sverdlov-german")]
    assert list(p68[0].attrib) == ["ref"] and list(p49[0].attrib) == ["type", "ref"]


def test_a_referring_string_may_be_a_lower_case_common_noun(tmp_path: Path) -> None:
    """ "chekists", the Cheka's members: an editors' ref in lower case is tagged <rs type="org">
    as a whole word (not inside "chekistsky"); a lower-case person form is still no name."""
    (tmp_path / "persons.toml").write_text("""
[org."org-ogpu"]
refs = ["chekist", "chekists"]
[person."pers-tomsky"]
mentions = ["tomsky"]
""", encoding="utf-8")
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>')
    root.append(etree.fromstring(STANDOFF))
    text = etree.fromstring(f"""<text xmlns="{TEI_NS}"><body><pb n="3" xml:id="p3"/>
<p>Two chekists came, the chekist terror, chekistsky words; tomsky spoke to the OGPU.</p></body></text>""")
    root.append(text)
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    p = root.find(f".//{{{TEI_NS}}}p")
    assert [(etree.QName(e).localname, e.get("type"), e.text, e.get("ref")) for e in p] == [
        ("rs", "org", "chekists", "#org-ogpu"), ("rs", "org", "chekist", "#org-ogpu"),
        ("orgName", None, "OGPU", "#org-ogpu")]


def test_a_reading_that_names_no_subject_is_an_error_naming_the_file(tmp_path: Path) -> None:
    from teikit.errors import InputError

    with pytest.raises(InputError) as err:
        _tag_with(tmp_path, '[[refer]]\nform = "police"\npages = ["16"]\nref = "org-nobody"\nreason = "x"\n')
    assert "org-nobody" in str(err.value) and "persons.toml" in str(err.value)


def test_refer_on_its_page_and_not_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "persons.toml").write_text("""
[[refer]]
form = "police"
pages = ["160"]
ref = "org-ogpu"
reason = "the political police"
""", encoding="utf-8")
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>')
    root.append(etree.fromstring(STANDOFF))
    root.append(etree.fromstring(f"""<text xmlns="{TEI_NS}"><body><pb n="159" xml:id="p159"/>
<p>The police came.</p><pb n="160" xml:id="p160"/><p>Their police grip; the OGPU.</p></body></text>"""))
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    p159, p160 = root.iter(f"{{{TEI_NS}}}p")
    assert len(p159) == 0 and p159.text == "The police came."
    assert [(etree.QName(e).localname, e.get("type"), e.text, e.get("ref")) for e in p160] == [
        ("rs", "org", "police", "#org-ogpu"), ("orgName", None, "OGPU", "#org-ogpu")]
    assert not ctx.diagnostics


def test_forenames_before_a_page_break_belong_to_the_name(tmp_path: Path) -> None:
    """ '"Vladimir <pb n="10"/>Ilich"' (p. 10): the forename printed at the foot of the page
    before is part of the name, and the page break goes after the name (as after a word)."""
    (tmp_path / "persons.toml").write_text('[person."pers-lenin"]\nmentions = ["Ilich"]\n', encoding="utf-8")
    root = etree.fromstring(f"""<TEI xmlns="{TEI_NS}"><teiHeader/><standOff><listPerson xml:id="persons">
 <person xml:id="pers-lenin"><persName type="index"><surname>Lenin</surname>, <forename>Vladimir Ilich
 </forename></persName></person></listPerson></standOff>
<text><body><pb n="9" xml:id="p9"/>
<p>The papers: "Vladimir <pb n="10" xml:id="p10"/>Ilich speaking," said Lenin.</p></body></text></TEI>""")
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    text_before = "".join(root.find(f"{{{TEI_NS}}}text").itertext())
    persons.run(ctx)
    p = root.find(f".//{{{TEI_NS}}}p")
    name, pb = p[0], p[1]
    assert p.text == 'The papers: "' and name.text == "Vladimir Ilich" and name.get("ref") == "#pers-lenin"
    assert len(name) == 0 and not name.tail and pb.get("n") == "10" and pb.tail == ' speaking," said '
    assert "".join(root.find(f"{{{TEI_NS}}}text").itertext()) == text_before


def test_a_refer_reading_of_a_name_leaves_the_name_elsewhere(tmp_path: Path) -> None:
    """A [[refer]] form that is also a subject's name ("OGPU" read as the Cheka on one page,
    an invented case): on its page an <rs> for the reading's subject, elsewhere the name."""
    (tmp_path / "persons.toml").write_text("""
[[refer]]
form = "OGPU"
pages = ["15"]
ref = "org-cheka"
reason = "test"
""", encoding="utf-8")
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>')
    root.append(etree.fromstring(STANDOFF.replace(
        "</listOrg>", '<org xml:id="org-cheka"><orgName>Cheka</orgName></org></listOrg>')))
    root.append(etree.fromstring(f"""<text xmlns="{TEI_NS}"><body><pb n="14" xml:id="p14"/>
<p>The OGPU came.</p><pb n="15" xml:id="p15"/><p>The OGPU went.</p></body></text>"""))
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    persons.run(ctx)
    p14, p15 = root.iter(f"{{{TEI_NS}}}p")
    def tags(p: etree._Element) -> list[tuple[str, str | None, str | None]]:
        return [(etree.QName(e).localname, e.get("type"), e.get("ref")) for e in p]

    assert tags(p14) == [("orgName", None, "#org-ogpu")]
    assert tags(p15) == [("rs", "org", "#org-cheka")]


def test_a_pronoun_is_read_only_after_the_words_that_fix_its_antecedent(tmp_path: Path) -> None:
    """ "the Maslov–Ruth Fischer group took Trotsky's side. They were quickly characterized
    <pb n="50"/>as Trotskyists … In 1927, they definitively took over …" (pp. 49-50): a
    [[refer]] reading of a pronoun tags it <rs type="org"> on its page after its words only;
    the page's other "they" (the Central Committee) and the pronoun elsewhere stay text."""
    (tmp_path / "persons.toml").write_text("""
[[refer]]
form = "They"
pages = ["49"]
before = "Trotsky's side. "
ref = "org-group"
reason = "the group"

[[refer]]
form = "they"
pages = ["50"]
before = "In 1927, "
ref = "org-group"
reason = "the group"
""", encoding="utf-8")
    root = etree.fromstring(f"""<TEI xmlns="{TEI_NS}"><teiHeader/><standOff>
<listPerson xml:id="persons"/><listOrg xml:id="organizations"><org xml:id="org-group">
<orgName>Maslov-Ruth Fischer group</orgName></org></listOrg></standOff>
<text><body><pb n="49" xml:id="p49"/><p>The Maslov-Ruth Fischer group took Trotsky's side. They were
characterized <pb n="50" xml:id="p50"/>as Trotskyists. In 1927, they took over. He asked that they release
him.</p><pb n="51" xml:id="p51"/><p>In 1927, they left.</p></body></text></TEI>""")
    ctx = IngestContext(SourceText(Path("book.txt"), []), tmp_path)
    ctx.tree = root.getroottree()
    text_before = "".join(root.find(f"{{{TEI_NS}}}text").itertext())
    persons.run(ctx)
    p49, p51 = root.iter(f"{{{TEI_NS}}}p")
    assert [(etree.QName(e).localname, e.get("type"), e.text, e.get("ref")) for e in p49 if e.get("ref")] == [
        ("orgName", None, "Maslov-Ruth Fischer group", "#org-group"), ("rs", "org", "They", "#org-group"),
        ("rs", "org", "they", "#org-group")]
    assert "that they release" in "".join(p49.itertext()) and len(p51) == 0
    assert "".join(root.find(f"{{{TEI_NS}}}text").itertext()) == text_before
    assert not ctx.diagnostics
