"""Places, organisations and events: registers with entries the index lacks, and their mentions."""

from __future__ import annotations

import pytest
from lxml import etree

from teikit import paths, xmlio
from teikit.ingest.persons_coverage import measure

NS = {"t": xmlio.TEI_NS}


@pytest.fixture(scope="module")
def root() -> etree._Element:
    return xmlio.parse_file(paths.EDITION).getroot()


def _count(root: etree._Element, xpath: str) -> int:
    return int(root.xpath(f"count({xpath})", namespaces=NS))


def test_cities_and_countries_the_text_names_often(root) -> None:
    for pid, at_least in (("place-moscow", 100), ("place-paris", 50), ("place-russia", 80),
                          ("place-petersburg", 40), ("place-kremlin", 30)):
        assert _count(root, f"//t:text//t:placeName[@ref='#{pid}']") >= at_least, pid
    petersburg = root.xpath("//t:place[@xml:id='place-petersburg']", namespaces=NS)[0]
    assert [n.text for n in petersburg.findall(f"{{{xmlio.TEI_NS}}}placeName")] == [
        "St. Petersburg", "Petrograd", "Leningrad", "Petersburg"]
    assert petersburg.get("type") == "city"
    assert petersburg.xpath("t:note[@type='indexing']/text()", namespaces=NS) == ["not in the printed index"]


def test_index_places_keep_their_gloss(root) -> None:
    assert root.xpath("//t:place[@xml:id='place-duzdab']/t:note[@type='index']/text()", namespaces=NS) \
        == ["town of"]
    assert root.xpath("//t:org[@xml:id='org-cheka']/t:note[@type='index']/text()", namespaces=NS) \
        == ["Soviet state security service"]


def test_events_are_mentioned(root) -> None:
    assert _count(root, "//t:text//t:name[@type='event'][@ref='#event-civil-war']") >= 60
    spanish = root.xpath("//t:text//text()[contains(., 'Spanish Civil War')]", namespaces=NS)
    assert spanish, "the Spanish Civil War is not the Russian one"
    assert _count(root, "//t:text//t:name[@ref='#event-zimmerwald-conference']") >= 1


def test_index_pairs_of_places_orgs_and_events(root) -> None:
    """The share of the printed index's (entry, page) pairs realised (issue #18); the rest are
    topical locators (CPSU for "the Party", Ukraine for "Ukrainian"): benchmarks/person_coverage.py."""
    assert measure(root, tag="placeName").ratio >= 0.8
    assert measure(root, tag="orgName").ratio >= 0.65
    assert measure(root, tag="name").ratio >= 0.85
