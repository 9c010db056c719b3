"""The result cache: a hit gives the same diagnostics; any change of input is a miss."""

from __future__ import annotations

import shutil

from teikit.validate import cache
from teikit.validate.runner import validate_paths
from tests.validate.conftest import INVALID, OTHER


def test_second_run_is_served_from_the_cache_with_the_same_result(tmp_path, monkeypatch):
    doc = tmp_path / "bad.xml"
    shutil.copy(INVALID[0], doc)
    first = validate_paths([doc], "teikit", cache_dir=tmp_path / "cache")
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1

    def no_run(*args, **kwargs):
        raise AssertionError("validation ran although the cache should answer")

    monkeypatch.setattr("teikit.validate.runner._run",
                        lambda schemas, docs, engine, jobs=1: no_run() if docs else [])
    second = validate_paths([doc], "teikit", cache_dir=tmp_path / "cache")
    assert second.diagnostics == first.diagnostics and first.diagnostics


def test_changed_document_or_schema_is_a_miss(tmp_path):
    doc = tmp_path / "letter.xml"
    shutil.copy(OTHER / "letter-good.xml", doc)
    schema = tmp_path / "letter.rng"
    shutil.copy(OTHER / "letter.rng", schema)
    store = tmp_path / "cache"
    assert validate_paths([doc], str(schema), cache_dir=store).diagnostics == []
    doc.write_text(doc.read_text().replace("<to>Stalin</to>", "<cc>Stalin</cc>"))
    assert validate_paths([doc], str(schema), cache_dir=store).diagnostics != []
    shutil.copy(OTHER / "letter-good.xml", doc)
    schema.write_text(schema.read_text().replace('<element name="to">', '<element name="recipient">'))
    assert validate_paths([doc], str(schema), cache_dir=store).diagnostics != []
    assert len(list(store.rglob("*.json"))) == 3


def test_included_schema_files_are_part_of_the_key(tmp_path):
    from teikit.validate import schemas

    digest = cache.schema_digest([schemas.TEIKIT_RNG])
    assert digest != cache.schema_digest([tmp_path / "nothing.rng"])
    # teikit.rng includes tei_all.rng: both are hashed.
    assert len(cache._references(schemas.TEIKIT_RNG)) == 1


def test_corrupt_entry_is_a_miss(tmp_path):
    store = tmp_path / "cache"
    doc = OTHER / "letter-good.xml"
    validate_paths([doc], str(OTHER / "letter.rng"), cache_dir=store)
    for entry in store.rglob("*.json"):
        entry.write_text("{not json")
    assert validate_paths([doc], str(OTHER / "letter.rng"), cache_dir=store).diagnostics == []
