"""The csv builder: RFC 4180 files whose counts and keys agree with the TEI they come from."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from teikit import paths
from teikit.build import BuildSettings
from teikit.build import csv as csv_builder
from teikit.build.csv_schema import SEPARATOR
from teikit.edition import Edition
from teikit.errors import InputError
from teikit.xmlio import NSMAP

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINI = FIXTURES / "mini-edition.xml"
TABLES = ("persons", "places", "organizations", "mentions", "dates", "notes", "bibliography", "index")


def read_table(out: Path, name: str) -> list[dict[str, str]]:
    data = (out / f"{name}.csv").read_bytes()
    text = data.decode("utf-8")  # UTF-8, strictly
    return list(csv.DictReader(io.StringIO(text, newline="")))


def build(path: Path, out: Path):
    """Build into ``out`` (a folder named csv, inside the exports folder the builder is given)."""
    assert out.name == "csv"
    edition = Edition.load(path)
    return edition, csv_builder.build(edition, out.parent, BuildSettings(exports_dir=out.parent))


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    out = tmp_path_factory.mktemp("csv") / "csv"
    edition, result = build(MINI, out)
    return edition, out, result


def test_writes_every_table_and_metadata(mini):
    _, out, result = mini
    names = sorted(p.name for p in out.iterdir() if p.name != ".teikit-output")
    assert names == sorted([f"{t}.csv" for t in TABLES] + ["csv-metadata.json"])
    assert sorted(p.name for p in result.outputs) == names


def test_rfc4180_crlf_header_and_quoting(mini):
    _, out, _ = mini
    raw = (out / "persons.csv").read_bytes()
    assert raw.startswith(b"id,display_name,surname,forenames,")
    assert raw.count(b"\r\n") == raw.count(b"\n")  # every line ends in CRLF
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM
    # A value with a comma is quoted.
    assert b'"Brook-Shepherd, Gordon"' in (out / "bibliography.csv").read_bytes()


def test_counts_match_the_tei(mini):
    edition, out, _ = mini
    root = edition.root
    x = lambda q: int(root.xpath(f"count({q})", namespaces=NSMAP))  # noqa: E731
    assert len(read_table(out, "persons")) == x("//tei:person[@xml:id]") == 3
    assert len(read_table(out, "places")) == x("//tei:place[@xml:id]")
    assert len(read_table(out, "organizations")) == x("//tei:org[@xml:id]")
    names = "//tei:text//tei:persName|//tei:text//tei:placeName|//tei:text//tei:orgName"
    # referring strings count too: <rs type="org" ref="#org-cpsu">Party</rs> (docs/encoding.md)
    referring = "//tei:text//tei:rs[@ref][@type='org' or @type='place' or @type='person']"
    assert len(read_table(out, "mentions")) == x(names) + x(referring)
    assert len(read_table(out, "dates")) == x("//tei:text//tei:date")
    assert len(read_table(out, "notes")) == x("//tei:text//tei:note") == 4
    assert len(read_table(out, "bibliography")) == x("//tei:text//tei:biblStruct")
    assert len(read_table(out, "index")) == x("//tei:list[@type='index']//tei:item")


def test_values_from_the_mini_edition(mini):
    _, out, _ = mini
    persons = {r["id"]: r for r in read_table(out, "persons")}
    assert persons["pers-stalin"]["pseudonyms"] == "Koba"
    assert persons["pers-stalin"]["display_name"] == "Iosif Vissarionovich Stalin"
    assert persons["pers-ivanov"]["mentions"] == "1"  # the index term is not a mention
    assert persons["pers-ivanov"]["roles"] == "author of the memoir"
    notes = {r["id"]: r for r in read_table(out, "notes")}
    assert notes["ch01-n02"] | {"text": ""} == {
        "id": "ch01-n02", "section": "notes-ch01", "annotates": "ch01", "number": "2", "page": "4",
        "marker_ids": "ch01-n02-ref", "marker_pages": "2", "text": ""}
    assert notes["ch01-n02"]["text"] == "See The Storm Petrels."
    dates = read_table(out, "dates")
    assert dates[1] == {"iso": "1918/1919", "text": "1918-19", "division": "ch01", "page": "1", "note_id": ""}
    mention = read_table(out, "mentions")[4]
    assert (mention["person_id"], mention["note_id"], mention["page"]) == ("pers-josse", "intro-n01", "4")
    assert mention["context"] == "Interrogated by Lieutenant Colonel Josse."
    index = {r["id"]: r for r in read_table(out, "index")}
    sub = index["idx-ivanov-1"]
    assert (sub["parent_id"], sub["entry"], sub["sub_entry"]) == ("idx-ivanov", "Ivanov, Ivan", "escape of")
    assert sub["targets"].split(SEPARATOR) == ["pvii", "intro-n01"]
    assert index["idx-ivanov"]["target_pages"].split(SEPARATOR) == ["vii", "1", "2"]
    assert "passim" in index["idx-stalin"]["locators"].split(SEPARATOR)


def check_keys(out: Path) -> None:
    """Every foreign key in the metadata resolves; every primary key is unique and present."""
    meta = json.loads((out / "csv-metadata.json").read_text("utf-8"))
    assert meta["@context"][0] == "http://www.w3.org/ns/csvw"
    tables = {t["url"]: t for t in meta["tables"]}
    rows = {url: read_table(out, url[:-4]) for url in tables}
    for url, table in tables.items():
        schema = table["tableSchema"]
        with (out / url).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == [c["name"] for c in schema["columns"]], url
        if "primaryKey" in schema:
            keys = [r[schema["primaryKey"]] for r in rows[url]]
            assert all(keys) and len(keys) == len(set(keys)), url
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            known = {r[ref["columnReference"]] for r in rows[ref["resource"]]}
            missing = {r[fk["columnReference"]] for r in rows[url]} - known - {""}
            assert not missing, f"{url}.{fk['columnReference']} -> {ref['resource']}: {sorted(missing)[:5]}"


def test_keys_resolve(mini):
    check_keys(mini[1])


def test_every_mention_entity_exists_in_its_table(mini):
    _, out, _ = mini
    ids = {k: {r["id"] for r in read_table(out, t)}
           for k, t in (("person_id", "persons"), ("place_id", "places"), ("org_id", "organizations"))}
    for row in read_table(out, "mentions"):
        for col, known in ids.items():
            assert not row[col] or row[col] in known


@pytest.mark.parametrize("cell,expected", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-ov", "'-ov"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("Stalin", "Stalin"), ("", ""), ("1-2", "1-2"),
])
def test_formula_injection_is_neutralised(cell, expected):
    assert csv_builder.neutralise(cell) == expected


def test_neutralised_in_files_but_not_in_key_columns(tmp_path):
    data = MINI.read_bytes().replace(b"Kiev is a city.", b"=1+1 is a formula.")
    data = data.replace(b'<pb n="4" xml:id="p4"/>', b'<pb n="-4" xml:id="p4"/>')
    src = tmp_path / "evil.xml"
    src.write_bytes(data)
    _, _ = build(src, tmp_path / "csv")
    notes = {r["id"]: r for r in read_table(tmp_path / "csv", "notes")}
    assert notes["ch01-n01"]["text"] == "'=1+1 is a formula."
    assert notes["ch01-n01"]["page"] == "-4"  # page numbers are teikit's own column: untouched


def test_formulas_in_attributes_are_neutralised_in_teikits_columns(tmp_path):
    """pb/@n, date/@when and @ref fill columns teikit writes; a hostile edition sets them too."""
    data = MINI.read_bytes().replace(b'<pb n="4" xml:id="p4"/>',
                                     b'<pb n="=cmd|\' /C calc\'!A0" xml:id="p4"/>')
    data = data.replace(b'<date when="1928-01-01">', b'<date when="=HYPERLINK(&quot;http://x&quot;)">')
    data = data.replace(b'<placeName ref="#place-kiev">', b'<placeName ref="@SUM(1)">')
    src = tmp_path / "evil.xml"
    src.write_bytes(data)
    build(src, tmp_path / "csv")
    triggers = ("=", "+", "@", "\t", "\r")
    tables = ("notes", "dates", "mentions", "persons", "places")
    cells = [v for t in tables for r in read_table(tmp_path / "csv", t) for v in r.values()]
    assert "'=cmd|' /C calc'!A0" in cells and "'@SUM(1)" in cells
    assert "'=HYPERLINK(\"http://x\")" in cells
    assert not [v for v in cells if v.startswith(triggers)]
    assert not [v for v in cells if v.startswith("-") and not v[1:2].isdigit()]


def test_deterministic(tmp_path):
    build(MINI, tmp_path / "a" / "csv")
    build(MINI, tmp_path / "b" / "csv")
    for p in sorted((tmp_path / "a" / "csv").iterdir()):
        assert p.read_bytes() == (tmp_path / "b" / "csv" / p.name).read_bytes(), p.name


def test_failed_build_keeps_previous_output(tmp_path, mini):
    out = tmp_path / "csv"
    (tmp_path / "other-output.epub").write_bytes(b"not touched")
    build(MINI, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    not_tei = tmp_path / "other.xml"
    not_tei.write_text("<book><p>hello</p></book>", encoding="utf-8")
    with pytest.raises(InputError, match="not a TEI P5 document"):
        build(not_tei, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert (tmp_path / "other-output.epub").read_bytes() == b"not touched"  # only csv/ is replaced


def test_docs_describe_every_column(mini):
    """docs/csv.md is the column dictionary: each table and column has a row there."""
    doc = (paths.PROJECT_ROOT / "docs" / "csv.md").read_text("utf-8")
    meta = json.loads((mini[1] / "csv-metadata.json").read_text("utf-8"))
    for table in meta["tables"]:
        section = doc.split(f"### `{table['url']}`", 1)
        assert len(section) == 2, f"docs/csv.md has no section for {table['url']}"
        body = section[1].split("### ", 1)[0]
        for col in table["tableSchema"]["columns"]:
            assert f"| `{col['name']}` |" in body, f"{table['url']}: column {col['name']} undocumented"


@pytest.mark.shared
def test_tei_samples_build(tei_samples, tmp_path):
    for sample in sorted(tei_samples.glob("*.xml")):
        out = tmp_path / sample.stem / "csv"
        if sample.name == "teic_stylesheets_testP4Input1.xml":  # TEI P4: no namespace, refused clearly
            with pytest.raises(InputError, match="not a TEI P5"):
                build(sample, out)
            continue
        edition, _ = build(sample, out)
        check_keys(out)
        count = int(edition.root.xpath(
            "count(//tei:text//tei:note[not(ancestor::tei:note|ancestor::tei:biblStruct|ancestor::tei:bibl)])",
            namespaces=NSMAP))
        assert len(read_table(out, "notes")) == count, sample.name


def test_the_edition(tmp_path):
    """On tei/bazhanov.xml: 257 notes, and every count and key agrees with the TEI."""
    if not paths.EDITION.exists():
        pytest.skip(f"{paths.EDITION} is not there yet (the ingest writes it)")
    out = tmp_path / "csv"
    edition, _ = build(paths.EDITION, out)
    root = edition.root
    x = lambda q: int(root.xpath(f"count({q})", namespaces=NSMAP))  # noqa: E731
    notes = read_table(out, "notes")
    assert len(notes) == x("//tei:div[@type='notes']//tei:note") == 257
    assert all(n["marker_ids"] and n["page"] for n in notes)
    assert len(read_table(out, "persons")) == x("//tei:standOff//tei:person")
    names = "//tei:text//tei:persName|//tei:text//tei:placeName|//tei:text//tei:orgName"
    # referring strings count too: <rs type="org" ref="#org-cpsu">Party</rs> (docs/encoding.md)
    referring = "//tei:text//tei:rs[@ref][@type='org' or @type='place' or @type='person']"
    assert len(read_table(out, "mentions")) == x(names) + x(referring)
    assert len(read_table(out, "dates")) == x("//tei:text//tei:date")
    assert len(read_table(out, "index")) == x("//tei:list[@type='index']//tei:item")
    check_keys(out)


def test_a_csvw_implementation_reads_the_metadata(mini, tmp_path):
    """csvw (the CSVW library of the CLDF project) parses every table by its metadata,
    with the declared datatypes and separators, and finds the foreign keys intact; a
    broken key makes it say so."""
    from csvw import TableGroup

    _, out, _ = mini
    group = TableGroup.from_file(out / "csv-metadata.json")
    tables = {t.url.string: list(t.iterdicts()) for t in group.tables}
    assert {u: len(rows) for u, rows in tables.items()} == {
        f"{t}.csv": len(read_table(out, t)) for t in TABLES}
    stalin = next(r for r in tables["persons.csv"] if r["id"] == "pers-stalin")
    assert stalin["mentions"] == 1 and stalin["pages"] == ["3"] and stalin["pseudonyms"] == ["Koba"]
    assert group.check_referential_integrity() is True

    broken = tmp_path / "csv"
    broken.mkdir()
    for p in out.iterdir():
        data = p.read_bytes()
        if p.name == "mentions.csv":
            data = data.replace(b",pers-stalin,", b",pers-nobody,")
        (broken / p.name).write_bytes(data)
    with pytest.raises(ValueError, match="Key `pers-nobody` not found in table persons.csv"):
        TableGroup.from_file(broken / "csv-metadata.json").check_referential_integrity()


def test_rs_and_name_mentions_are_rows_like_persname(tmp_path):
    tei = tmp_path / "rs.xml"
    tei.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>rs</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
        '<text><body><p><rs type="person" ref="#p1">the poet</rs> met <persName ref="#p1">Byron</persName> '
        'in <name ref="#pl1">Pisa</name>; <rs type="thing">a boat</rs> sank.</p>'
        '<listPerson><person xml:id="p1"><persName>Lord Byron</persName></person></listPerson>'
        '<listPlace><place xml:id="pl1"><placeName>Pisa</placeName></place></listPlace></body></text></TEI>')
    tables = {t.name: t for t in csv_builder.tables_of(Edition.load(tei))}
    mentions = tables["mentions"]
    kind, text = mentions.header.index("kind"), mentions.header.index("text")
    kinds = [(row[kind], row[text]) for row in mentions.rows]
    assert ("person", "the poet") in kinds and ("place", "Pisa") in kinds
    assert not [k for k in kinds if k[1] == "a boat"]  # an rs that names nothing listed is no mention
    persons = tables["persons"]
    row = next(r for r in persons.rows if r[0] == "p1")
    assert row[persons.header.index("mentions")] == "2"
