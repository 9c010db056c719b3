"""The prebuilt search index (teikit.build.search_index): words as the browser cuts them,
postings that add up, other names of entities, clean texts, byte-identical output."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from teikit.build import search_index
from teikit.build.search_index import build_index, fold, words


def _index(folder):
    text = (folder / "search-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.TK_SEARCH = ") and text.endswith(";\n")
    return json.loads(text[len("window.TK_SEARCH = "):-2])


def test_folding_removes_case_and_accents_and_spells_out_ligatures():
    assert fold("Zürich ÉCOLE Straße Œuvre") == "zurich ecole strasse oeuvre"
    assert words("Stalin's “Koba”, 1920-21") == ["stalin", "s", "koba", "1920", "21"]
    assert words("under_score") == ["under", "score"]


@given(st.text())
def test_words_are_folded_and_never_empty(text):
    for w in words(text):
        assert w and w == fold(w) and "_" not in w


def test_postings_count_every_word_of_every_block():
    data = {"units": [["a.html", "A"]],
            "docs": [["a.html#1", "A", "the cat and the hat", 0, [["p1", "cat"]]],
                     ["a.html#2", "A", "Bronstein spoke", 0, []]],
            "entities": {"p1": {"name": "Cat, Tom", "href": "p1.html", "kind": "persons",
                                "names": ["Cat, Tom", "Thomas the Cat"]}}}
    index = build_index(data)
    assert index["terms"]["the"] == [0, 2]
    assert index["lens"] == [5, 2]
    assert sum(index["terms"][t][i + 1] for t in index["terms"] for i in range(0, len(index["terms"][t]), 2)
               if index["terms"][t][i] == 0) == 5
    assert index["mentions"] == [[[0, "cat"]], []]
    assert index["entities"][0][5] == [["cat", "tom"], ["thomas", "the", "cat"]]


def test_the_mini_edition_index(tmp_path):
    from tests.xslt.support import MINI, built

    folder = built(MINI)[0]
    index = _index(folder)
    assert not (folder / search_index.DOCS).exists()  # the stylesheet's documents are not shipped
    texts = [d[2] for d in index["docs"]]
    # note markers are not words of the text, line and page breaks are spaces
    assert "I studied in Kiev from 1918-19. The paragraph runs on across a page." in texts
    names = {e[0]: e[4] for e in index["entities"]}
    assert names["pers-stalin"] == ["Stalin, Iosif Vissarionovich", "Koba"]


def test_the_edition_index_has_clean_texts_and_anchored_blocks():
    from teikit import paths
    from tests.xslt.support import built, page

    folder = built(paths.EDITION)[0]
    index = _index(folder)
    texts = "\n".join(d[2] for d in index["docs"])
    assert "Zinoviev,8" not in texts and "printedon" not in texts
    assert "printed on acid-free paper" in texts
    ids: dict[str, set[str]] = {}
    for href, *_ in index["docs"]:
        name, _, anchor = href.partition("#")
        if name not in ids:
            ids[name] = set(page(folder, name).xpath("//@id"))
        assert anchor in ids[name], href


def test_the_same_documents_give_the_same_bytes(tmp_path):
    from tests.xslt.support import MINI, built

    first = (built(MINI)[0] / "search-index.js").read_bytes()
    data = _index(built(MINI)[0])
    again = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert first == ("window.TK_SEARCH = " + again + ";\n").encode("utf-8")


def test_the_parts_of_a_divided_build_give_the_single_runs_index(tmp_path):
    """build --jobs N: each shard writes search-docs-K.json (part 0 with units and entities);
    joined in the order of K (10 after 9, not after 1), the index is the one search-docs.json gives."""
    docs = [[f"u{i}.html", f"U{i}", f"text number {i}", i, []] for i in range(12)]
    whole = {"units": [[f"u{i}.html", f"U{i}"] for i in range(12)], "entities": {}, "docs": docs}
    single, divided = tmp_path / "single", tmp_path / "divided"
    single.mkdir()
    divided.mkdir()
    (single / search_index.DOCS).write_text(json.dumps(whole), encoding="utf-8")
    for k in range(11):
        part = {"units": whole["units"] if k == 0 else [], "entities": {},
                "docs": docs[k:k + 1] if k < 10 else docs[10:]}
        (divided / f"search-docs-{k}.json").write_text(json.dumps(part), encoding="utf-8")
    search_index.write(single)
    search_index.write(divided)
    assert (divided / search_index.INDEX).read_bytes() == (single / search_index.INDEX).read_bytes()
    assert sorted(p.name for p in divided.iterdir()) == [search_index.INDEX]


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                     lambda inner: (st.lists(inner, max_size=4)
                                    | st.dictionaries(st.text(), inner, max_size=4)),
                     max_leaves=12)


@given(st.dictionaries(st.text(), _JSON, max_size=6))
def test_the_index_written_item_by_item_is_json_dumps_character_for_character(index):
    """search-index.js is written an item at a time (250 MB of text at 50 MB of TEI); the
    characters are those of one json.dumps."""
    import io

    whole = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    chunk = search_index._CHUNK
    try:
        for search_index._CHUNK in (chunk, 1, 2, 3):  # chunks of items: lists and dicts cut anywhere
            out = io.StringIO()
            search_index._dump(index, out)
            assert out.getvalue() == whole
    finally:
        search_index._CHUNK = chunk


def test_speech_dictionaries_and_transcriptions_are_searched(tmp_path):
    """ParlaMint, FreeDict, the Shelley-Godwin Archive: no paragraphs, and nothing of their
    text was in the search index (only their notes)."""
    from pathlib import Path

    from tests.xslt.support import built

    render = Path(__file__).resolve().parents[1] / "fixtures" / "render"
    expected = {"speech.xml": "As I said delta.", "dictionary-entries.xml": "aada n. habitude coutume",
                "genetic.xml": "From which they fled recall recalls them"}
    for name, text in expected.items():
        texts = [d[2] for d in _index(built(render / name)[0])["docs"]]
        assert text in texts, (name, texts)
