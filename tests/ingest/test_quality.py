"""The whole-text scans of issue #18 on the committed memoir and on the second book.

Each kind the ingest now fixes at its cause must stay at zero; a kind that still has cases
lists them here, each with the reason it stays, so a new case fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit import paths, xmlio
from teikit.ingest import pipeline, quality

SKERRY = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "skerry"


@pytest.fixture(scope="module")
def memoir() -> dict[str, list[quality.Case]]:
    return quality.scan(xmlio.parse_file(paths.EDITION).getroot())


@pytest.fixture(scope="module")
def skerry() -> dict[str, list[quality.Case]]:
    ctx = pipeline.run(SKERRY / "source.txt", SKERRY / "editorial")
    return quality.scan(ctx.root)


def test_no_paragraph_split_before_a_lower_case_piece(memoir, skerry) -> None:
    assert memoir["split-paragraph"] == [] and skerry["split-paragraph"] == []


def test_scans_find_what_they_look_for() -> None:
    """Each scan on a small tree with one case of its kind (so a zero above means something)."""
    tei = xmlio.TEI_NS
    root = etree.fromstring(f"""<TEI xmlns="{tei}"><text><body><div xml:id="d">
      <p>the photographer (it was Otsup)</p><p>took pictures in April and <date when="1921-05">May
      1921</date>, and on 910 November 1799, semi- Stalinists.</p>
      <p>Yakob Grigorievich came.</p></div></body></text></TEI>""")
    found = quality.scan(root)
    assert len(found["split-paragraph"]) == 1 and "¶ took pictures" in found["split-paragraph"][0].text
    assert len(found["lost-coordinated-date"]) == 1 and found["ocr-day-range"][0].text == "910 November"
    assert found["join-hyphen"][0].text.startswith("semi- S")
    assert found["untagged-patronymic"][0].text == "Yakob Grigorievich"


def test_hyphens_at_joins(memoir, skerry) -> None:
    assert memoir["join-hyphen"] == [] and skerry["join-hyphen"] == []
    text = paths.EDITION.read_text(encoding="utf-8")
    assert "its then-rudimentary<pb" in text and "semi-Stalinists" in text
    assert "thenrudimentary" not in text and "semi- Stalinists" not in text


def test_coordinated_dates_and_day_ranges(memoir, skerry) -> None:
    for scans in (memoir, skerry):
        assert scans["lost-coordinated-date"] == [] and scans["ocr-day-range"] == []
    text = paths.EDITION.read_text(encoding="utf-8")
    assert '<date when="1924-01-14">14</date> and <date when="1924-01-15">15 January 1924</date>' in text
    assert '<date when="1921-04">April</date> and <date when="1921-05">May 1921</date>' in text
    assert '<sic>910 November 1799</sic>' in text and '<sic>1618 January</sic>' in text


def test_index_note_locators_go_to_the_right_section(memoir, skerry) -> None:
    assert memoir["wrong-note"] == [] and skerry["wrong-note"] == []
    root = xmlio.parse_file(paths.EDITION).getroot()
    ns = {"t": xmlio.TEI_NS}
    for entry, target in (("skoropadsky", "#ch01-n02"), ("lunacharsky", "#ch14-n01"),
                          ("vareikis", "#ch14-n01"), ("miliukov", "#ch17-n01"),
                          ("svanidze", "#ch09-n08"), ("nizheradze", "#ch09-n08")):
        refs = root.xpath(f"//t:item[@xml:id='idx-{entry}']//t:ref[@type='note']/@target", namespaces=ns)
        assert target in refs, (entry, refs)


def _mentions(root: etree._Element, ref: str) -> list[str]:
    return ["".join(p.itertext()) for p in root.iter(f"{{{xmlio.TEI_NS}}}persName") if p.get("ref") == ref]


def _root() -> etree._Element:
    return xmlio.parse_file(paths.EDITION).getroot()


def test_works_are_not_their_authors(memoir, skerry) -> None:
    """Trotsky's *Stalin*, *Khrushchev Remembers*, *Burevestnik*: titles, not mentions."""
    assert memoir["name-in-work"] == [] and skerry["name-in-work"] == []
    text = paths.EDITION.read_text(encoding="utf-8")
    assert text.count("<title>Stalin</title>") == 7 and "<title>Burevestnik</title>" in text
    assert '<title level="m">Khrushchev Remembers</title>' in text
    assert '<title level="m">l\'Enlèvement du Général Kutepov</title>' in text


def test_idioms_are_not_persons() -> None:
    text = paths.EDITION.read_text(encoding="utf-8")
    assert "Soviet Potemkin villages" in text and "Battleship Potemkin" in text
    # a name spoken of as a name, coined for a novel's outlaw (session 7, seed 374313)
    assert "The name Koba was coined" in text


def test_a_context_rule_sees_past_a_name_before() -> None:
    """"Stalin and Sverdlov" (p. 68): the rule reads "Stalin and " across the first name."""
    root = _root()
    ns = {"t": xmlio.TEI_NS}
    second = root.xpath("//t:persName[@ref='#pers-stalin']/following-sibling::*[1]"
                        "[self::t:persName][.='Sverdlov']/@ref", namespaces=ns)
    assert second and set(second) == {"#pers-sverdlov-yakob"}
    # the plate "Kalinin, Sverdlov, Kollontai, and Lenin" (p. 162), left ambiguous until session 7
    caption = root.xpath("//t:figure/t:head[t:persName='Kollontai']/t:persName[.='Sverdlov']/@ref",
                         namespaces=ns)
    assert caption == ["#pers-sverdlov-yakob"]


def test_spelling_variants_name_the_right_person() -> None:
    root = _root()
    assert "Ivan Khutarvo" in _mentions(root, "#pers-khutarov")
    assert not [m for m in _mentions(root, "#pers-khutarevna") if "Khutarvo" in m]
    assert "Djughashvili" in _mentions(root, "#pers-stalin")
    assert _mentions(root, "#pers-vrangel").count("Vrangél") == 3
    assert "Mekhnochin" in _mentions(root, "#pers-mekhonochin")  # p. 168, session 7


def test_people_not_in_the_printed_index() -> None:
    root = _root()
    for ref, name in (("#pers-chekhov", "Chekhov"), ("#pers-melnikov", "Jakob Melnikov"),
                      ("#pers-ippolitov", "Plato Ippolitov"), ("#pers-kuchin", "Kuchin"),
                      ("#pers-miers", "Suzanne Doyle Miers"), ("#pers-doyle", "Doyle, David W.")):
        assert name in _mentions(root, ref), ref


def test_whole_names(memoir, skerry) -> None:
    """Forenames and patronymics printed before a name are inside it (36 cases before)."""
    # "Leonid Petrovich Serbriakov": an initial the index contradicts is not taken by the rule;
    # the translator's identification of him with the index's Serebriakov is the editors' data
    assert memoir["short-span"] == []
    assert skerry["short-span"] == []
    root = _root()
    for ref, name in (("#pers-skoropadsky", "Pavel Petrovich Skoropadsky"),
                      ("#pers-petliura", "Simon Vasilievich Petliura"),
                      ("#pers-alliluyeva", "Nadia [Nadezhda Sergeevna] Alliluyeva"),
                      ("#pers-macdonald", "Ramsay MacDonald"),
                      ("#pers-latsis", "Ian Fridrichovich Sudrabs"),
                      ("#pers-stalin", "Iosip Vissarionovich Djugashvili"),
                      # found reading samples of 200 (seeds 741576, 787052): nicknames, brackets,
                      # a repaired forename, a pseudonym's forename
                      ("#pers-petrossian", 'Semyon Arshakovich "Kamo" Petrosian'),
                      ("#pers-zemliatchka", "Rozalia Samoilovna Zemliachka"),
                      ("#pers-kanner", 'Grigory ["Grisha"] Kanner'), ("#pers-kanner", '"Grisha" Kanner'),
                      ("#pers-bessedovsky", "Ivan Krylov"), ("#pers-lenin", "Vladimir Ilich [Lenin]"),
                      # and a third sample (seed 441284): initials, a forename spelt otherwise
                      ("#pers-zinoviev", "Grigory E. Zinoviev"),
                      ("#pers-kossior-stanislas", "Stanislav Kossior"),
                      ("#pers-bessedovsky", "Grigory Z. Bessedovsky"),
                      # the fourth and fifth (751387, 670696): a parenthesis inside the name
                      ("#pers-hitler", "Adolf (Schikelgruber) Hitler"),
                      ("#pers-serebriakov", "L. P. Serebriakov"),
                      # session 7 (seed 374313): a note's forename with another initial
                      ("#pers-stasova", "Helena Stasova")):
        assert name in [n.replace("Roza-lia", "") for n in _mentions(root, ref)], (ref, name)
    # a citation in parentheses is not part of the name before it
    assert "Trotsky (Trotsky" not in _mentions(root, "#pers-trotsky")
    # no name opens a bracket or quotation mark it does not close
    for el in root.iter(f"{{{xmlio.TEI_NS}}}persName"):
        words = "".join(el.xpath(".//text()[not(ancestor::t:sic)]", namespaces={"t": xmlio.TEI_NS}))
        assert words.count("[") == words.count("]") and words.count('"') % 2 == 0 \
            and words.count("(") == words.count(")"), words


def test_forename_and_patronymic_alone_are_mentions(memoir, skerry) -> None:
    """54 untagged before; the last, the character of a joke (p. 146), is a person of the
    editors' since session 6."""
    assert memoir["untagged-patronymic"] == []
    root = _root()
    for ref, name in (("#pers-bliumkin", "Yakob Grigorievich"), ("#pers-trotsky", "Leon Davidovich"),
                      ("#pers-abraham-osipovich", "Abraham Osipovich"),
                      ("#pers-khutarevna", "Anna Georgievna"),
                      ("#pers-sverdlov-german", "German Mikhailovich"),
                      ("#pers-litvinov", "[Maxim Maxsimovich] Litvinov")):
        assert name in _mentions(root, ref), (ref, name)
