"""The footer and the citation data say the publisher's name (not its email run into it),
and a title that ends with a full stop is not given a second one."""

from __future__ import annotations

from teikit.cite import tei as cite_tei
from tests.xslt.support import build_text, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
  <titleStmt><title>To Paul Gauguin. Arles, 3 October 1888.</title></titleStmt>
  <publicationStmt>
    <publisher><name>Huygens Instituut (KNAW)</name><email>info@example.org</email></publisher>
    <pubPlace>Amsterdam</pubPlace><date when="2009">2009</date></publicationStmt>
  <sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body><div xml:id="d1"><head>Letter</head><p>Mon cher Gauguin.</p></div></body></text></TEI>"""


def test_the_footer_names_the_publisher_once_and_ends_the_title_once(tmp_path):
    folder, _ = build_text(TEI, tmp_path)
    index = page(folder, "index.html")
    footer = index.xpath("string(//footer/p[1])")
    assert footer == "To Paul Gauguin. Arles, 3 October 1888. Huygens Instituut (KNAW), Amsterdam, 2009"
    assert index.xpath("//meta[@name='citation_publisher']/@content") == ["Huygens Instituut (KNAW)"]


def test_a_publishers_name_leaves_out_its_address():
    from lxml import etree
    publisher = etree.fromstring(TEI).find(".//{http://www.tei-c.org/ns/1.0}publisher")
    assert cite_tei.agent_name(publisher) == "Huygens Instituut (KNAW)"
    assert cite_tei.agent_name(etree.fromstring(
        '<publisher xmlns="http://www.tei-c.org/ns/1.0">Van Gogh Museum</publisher>')) == "Van Gogh Museum"
