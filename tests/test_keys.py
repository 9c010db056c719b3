"""teikit.keys: a name's @key is one value, naming an entry by its xml:id, else by the
entry's own @n or @key when no other entry has it; the builds read it as a reference."""

from __future__ import annotations

from lxml import etree

from teikit.keys import entry_aliases, key_value, keys_as_refs

TEI = "http://www.tei-c.org/ns/1.0"


def _root(body: str) -> etree._Element:
    return etree.fromstring(f'<TEI xmlns="{TEI}"><text><body>{body}</body></text></TEI>')


def test_a_key_is_one_value():
    assert key_value("  Beckh \n August  von ") == "Beckh August von"
    assert key_value(None) == ""


def test_aliases_by_id_then_by_a_value_one_entry_alone_carries():
    root = _root('<listPerson><person xml:id="b" n="Beckh August von"/><person xml:id="m1" n="Müller"/>'
                 '<person xml:id="m2" n="Müller"/><person xml:id="k" key="gnd-1"/>'
                 '<person xml:id="x" n="b"/></listPerson>')
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    found = {alias: el.get(xml_id) for alias, el in entry_aliases(root).items()}
    assert found["Beckh August von"] == "b" and found["gnd-1"] == "k"
    assert "Müller" not in found  # two entries carry it: it names neither
    assert found["b"] == "b"  # an ID is never shadowed by another entry's @n


def test_keys_that_name_an_entry_become_references():
    root = _root('<p><persName key="Beckh  August von">Beckh</persName>'
                 ' <persName key="b" ref="#other">B</persName>'
                 ' <persName key="Müller">M</persName> <persName key="1039">V</persName></p>'
                 '<listPerson><person xml:id="b" n="Beckh August von">'
                 '<persName key="b">Beckh</persName></person>'
                 '<person xml:id="m1" n="Müller"/><person xml:id="m2" n="Müller"/></listPerson>')
    assert keys_as_refs(root) == 1
    names = root.findall(f".//{{{TEI}}}p/{{{TEI}}}persName")
    assert [n.get("ref") for n in names] == ["#b", "#other", None, None]
    own = root.find(f".//{{{TEI}}}person/{{{TEI}}}persName")
    assert own.get("ref") is None  # an entry's own name is no mention of it


def test_a_key_names_an_entry_of_the_kind_its_name_names():
    """persName key="Reuss" is a person, not the river whose place has xml:id "Reuss"; a
    placeName's key of the same value is the river; a name without a kind may name either."""
    root = _root('<p><persName key="Reuss">Reuss</persName> <placeName key="Reuss">Reuss</placeName>'
                 ' <persName key="Escher">Escher</persName> <name key="Reuss">Reuss</name></p>'
                 '<listPlace><place xml:id="Reuss"/></listPlace>'
                 '<listPerson><person xml:id="escher" n="Escher"/></listPerson>')
    keys_as_refs(root)
    p = root.find(f".//{{{TEI}}}p")
    assert [el.get("ref") for el in p] == [None, "#Reuss", "#escher", "#Reuss"]


def _xml_ref(root: etree._Element, text: str) -> str | None:
    return root.xpath(f"string(//*[.='{text}']/@ref)")


def test_a_key_written_as_a_pointer_names_the_entry_of_its_fragment():
    """The Laßberg letters: key="../register/persons.xml#p179" beside an authority's URI in
    @ref; the entry comes first in the reference, the URI stays after it."""
    root = _root('<p><persName key="../register/persons.xml#p179" ref="https://d-nb.info/gnd/11565108X">'
                 'Pupikofer</persName> <persName key="persons.xml#p2" ref="#local">Local</persName>'
                 ' <rs type="person" key="">Rüsch</rs></p>'
                 '<listPerson><person xml:id="p179"/><person xml:id="p2"/></listPerson>')
    assert keys_as_refs(root) == 1
    assert _xml_ref(root, "Pupikofer") == "#p179 https://d-nb.info/gnd/11565108X"
    assert _xml_ref(root, "Local") == "#local"  # a pointer of its own wins
    assert keys_as_refs(root) == 0  # read once: a second reading changes nothing


def test_an_authority_uri_names_the_entry_that_declares_it():
    """A CMIF file names persons by GND URIs; a register entry that declares the URI (its
    idno, @ref or @sameAs, with or without www., https or a final slash) is the person."""
    root = _root('<p><persName ref="http://d-nb.info/gnd/118629662">Weber</persName>'
                 ' <persName ref="http://viaf.org/viaf/1">Twice</persName>'
                 ' <placeName ref="https://www.geonames.org/2935022/">Dresden</placeName>'
                 ' <persName ref="http://d-nb.info/gnd/999">Nobody</persName></p>'
                 '<listPerson><person xml:id="weber"><idno type="gnd">https://d-nb.info/gnd/118629662</idno>'
                 '</person><person xml:id="a" sameAs="http://viaf.org/viaf/1"/>'
                 '<person xml:id="b" ref="https://viaf.org/viaf/1"/></listPerson>'
                 '<listPlace><place xml:id="dd" ref="http://geonames.org/2935022"/></listPlace>')
    assert keys_as_refs(root) == 2
    assert _xml_ref(root, "Weber") == "#weber http://d-nb.info/gnd/118629662"
    assert _xml_ref(root, "Dresden") == "#dd https://www.geonames.org/2935022/"
    assert _xml_ref(root, "Twice") == "http://viaf.org/viaf/1"  # two entries declare it: neither
    assert _xml_ref(root, "Nobody") == "http://d-nb.info/gnd/999"
    assert keys_as_refs(root) == 0


def test_keys_with_no_entry_anywhere_stay_keys_and_a_persona_is_an_entry():
    root = _root('<p><persName key="1039">V</persName> <persName key="x">X</persName></p>')
    assert keys_as_refs(root) == 0 and root.find(f".//{{{TEI}}}persName").get("ref") is None
    root = _root('<p><persName key="x">X</persName></p><listPerson><persona xml:id="x"/></listPerson>')
    assert keys_as_refs(root) == 1 and root.find(f".//{{{TEI}}}persName").get("ref") == "#x"
