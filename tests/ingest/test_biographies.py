"""The biographies pass: years and descriptions from the notes, and the registers' substance."""

from __future__ import annotations

from lxml import etree

from teikit import paths, xmlio
from teikit.ingest import biographies

T = f"{{{xmlio.TEI_NS}}}"
NS = {"t": xmlio.TEI_NS}


def _tree(notes: str) -> etree._Element:
    return etree.fromstring(f"""<TEI xmlns="{xmlio.TEI_NS}"><standOff><listPerson>
      <person xml:id="pers-a"/><person xml:id="pers-b"/><person xml:id="pers-c"/></listPerson></standOff>
      <text><back><div type="notes"><pb n="252" xml:id="p252"/>{notes}</div></back></text></TEI>""")


def test_years_and_first_sentence_of_an_introducing_note() -> None:
    root = _tree('<note xml:id="ch05-n06" n="6" type="endnote"><p><persName ref="#pers-a">E. M. Skliansky'
                 '</persName> (<date from="1892" to="1925">1892-1925</date>) was Trotsky\'s deputy. He'
                 ' died; <persName ref="#pers-b">Frunze</persName> (<date from="1885" to="1925">1885-1925'
                 '</date>?) too.</p></note>')
    assert biographies.enrich(root) == 2
    a = root.find(f".//{T}person[@{{{xmlio.XML_NS}}}id='pers-a']")
    assert [(c.tag[len(T):], c.get("when"), c.get("source")) for c in a if c.tag != T + "note"] == [
        ("birth", "1892", "#ch05-n06"), ("death", "1925", "#ch05-n06")]
    note = a.find(T + "note")
    assert note.text == "E. M. Skliansky (1892-1925) was Trotsky's deputy. "
    assert note.find(T + "ref").get("target") == "#ch05-n06" and note.find(T + "ref").text == "252 n6"
    b = root.find(f".//{T}person[@{{{xmlio.XML_NS}}}id='pers-b']")
    assert b.find(T + "death").get("cert") == "low" and b.find(T + "note") is None  # not the note's subject


def test_open_lifespan_and_repaired_years() -> None:
    root = _tree('<note xml:id="ch02-n02" n="2" type="endnote"><p><persName ref="#pers-a">L. M. Kaganovich'
                 '</persName> (<date when="1893">1893</date>-?, né Kogan) was.</p></note>'
                 '<note xml:id="ch02-n12" n="12" type="endnote"><p><persName ref="#pers-c">Tikhomirnov'
                 '</persName> (<choice><sic>18991955</sic><corr resp="#teikit"><date from="1899" to="1955">'
                 '1899–1955</date></corr></choice>) was a secretary.</p></note>')
    biographies.enrich(root)
    assert root.xpath("//t:person[@xml:id='pers-a']/t:birth/@when", namespaces=NS) == ["1893"]
    assert not root.xpath("//t:person[@xml:id='pers-a']/t:death", namespaces=NS)
    assert root.xpath("//t:person[@xml:id='pers-c']/t:death/@when", namespaces=NS) == ["1955"]
    assert root.xpath("string(//t:person[@xml:id='pers-c']/t:note)", namespaces=NS).startswith(
        "Tikhomirnov (1899–1955) was a secretary.")  # the repaired reading, not the sic


def test_unknown_birth_gives_the_death_only() -> None:
    """"Lazar Chatskin (?-1937) was founder ..." (ch. 7 n4): the year is his death."""
    root = _tree('<note xml:id="ch07-n04" n="4" type="endnote"><p><persName ref="#pers-a">Lazar Chatskin'
                 '</persName> (?-<date when="1937">1937</date>) was founder of the Komsomol.</p></note>'
                 '<note xml:id="ch07-n05" n="5" type="endnote"><p><persName ref="#pers-b">Frunze'
                 '</persName> (?-<date when="1925">1925</date> or later) was.</p></note>')
    biographies.enrich(root)
    assert root.xpath("//t:person[@xml:id='pers-a']/t:death/@when", namespaces=NS) == ["1937"]
    assert root.xpath("//t:person[@xml:id='pers-a']/t:death/@source", namespaces=NS) == ["#ch07-n04"]
    assert not root.xpath("//t:person[@xml:id='pers-a']/t:birth", namespaces=NS)
    assert not root.xpath("//t:person[@xml:id='pers-b']/t:death", namespaces=NS)  # not a closed span


def test_first_sentence_skips_initials_and_abbreviations() -> None:
    assert biographies.first_sentence("V. V. Shmidt, a St. Petersburg lathe operator, joined. Then more.") \
        == "V. V. Shmidt, a St. Petersburg lathe operator, joined."
    assert biographies.first_sentence("No full stop here") == "No full stop here"


def test_the_memoirs_registers_have_substance() -> None:
    """Issue #18: at least 80 % of persons have dates or a description."""
    root = xmlio.parse_file(paths.EDITION).getroot()
    persons = root.xpath("//t:person", namespaces=NS)
    described = [p for p in persons
                 if p.xpath("t:birth or t:death or t:note[@type='index' or not(@type)]", namespaces=NS)]
    assert len(described) / len(persons) >= 0.8, (len(described), len(persons))
    dated = root.xpath("//t:person[t:birth or t:death]", namespaces=NS)
    assert len(dated) >= 120
    skliansky = root.xpath("//t:person[@xml:id='pers-skliansky']", namespaces=NS)[0]
    assert skliansky.xpath("t:birth/@when", namespaces=NS) == ["1892"]
    # every biography points at a note the edition has
    ids = set(root.xpath("//t:note/@xml:id", namespaces=NS))
    assert all(s[1:] in ids for s in root.xpath("//t:person/*/@source", namespaces=NS))


