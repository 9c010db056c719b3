"""The critical apparatus (xslt/html/text.xsl, tei:app): whose reading each one is."""

from __future__ import annotations

from tests.xslt.support import build_text, norm, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body>{body}</body></text></TEI>"""


def test_a_reading_names_the_editions_of_its_source(tmp_path):
    # EpiDoc (the Concordia inscriptions): rdg source="#bertolini1876a #cilv8737" showed "dat"
    # with no word of who read it
    body = ("<div xml:id='ed'><ab>fisci <app><lem>dabit</lem>"
            "<rdg source='#b1876 #cil #hoff ../bib.xml#ilcv553'>dat</rdg></app></ab></div>"
            "<div xml:id='bib'><listBibl>"
            "<bibl xml:id='b1876'><title>Bertolini 1876a</title><citedRange>88</citedRange></bibl>"
            "<bibl xml:id='cil' n='CIL V 8737'>"
            "<title>Corpus Inscriptionum Latinarum, vol. V, 2</title></bibl>"
            "<bibl xml:id='hoff'><author><surname>Hoffmann</surname>, D.</author>"
            "<title>Das spätrömische Bewegungsheer und die Notitia Dignitatum</title><date>1963</date></bibl>"
            "</listBibl></div>")
    folder, _ = build_text(TEI.format(body=body), tmp_path)
    entry = page(folder, "ed.html").xpath("//span[@class='app-entry']")[0]
    assert norm(entry.text_content()) == "[dabit; dat Bertolini 1876a, CIL V 8737, Hoffmann 1963, ilcv553]"
    links = entry.xpath(".//span[@class='app-source tk-generated']/a")
    assert [(a.text, a.get("href")) for a in links] == [
        ("Bertolini 1876a", "bib.html#b1876"), ("CIL V 8737", "bib.html#cil"),
        ("Hoffmann 1963", "bib.html#hoff")]


def test_a_reading_names_who_proposed_it(tmp_path):
    # papyri.info: <lem resp="BL 1.316">ὡς, εἴπερ</lem> (a correction listed in the
    # Berichtigungsliste) read "[ὡς, εἴπερ; ὡσείπερ]", whose reading was whose unsaid
    body = ("<div xml:id='ed'><ab><app type='editorial'><lem resp='BL 1.316'>ὡς, εἴπερ</lem>"
            "<rdg resp='#gh'>ὡσείπερ</rdg></app></ab><listPerson><person xml:id='gh'>"
            "<persName>Grenfell</persName></person></listPerson></div>")
    folder, _ = build_text(TEI.format(body=body), tmp_path)
    entry = page(folder, "ed.html").xpath("//span[@class='app-entry']")[0]
    assert norm(entry.text_content()) == "[ὡς, εἴπερ BL 1.316; ὡσείπερ Grenfell]"
