"""The built deposit schema is cached (a pickle), and a cached copy others could write is not trusted."""

from __future__ import annotations

import os
from pathlib import Path

from teikit.deposit import verify


def _counting_build(calls: list[int]):
    def build():
        calls.append(1)
        return verify._build_schema()
    return build


def test_schema_built_once_then_loaded_from_the_cache(tmp_path: Path) -> None:
    calls: list[int] = []
    first = verify._cached_schema(tmp_path / "c", _counting_build(calls))
    second = verify._cached_schema(tmp_path / "c", _counting_build(calls))
    assert calls == [1]
    assert first is not second  # the second came from the file
    assert [p.stat().st_mode & 0o777 for p in (tmp_path / "c").iterdir()] == [0o600]
    # the loaded copy validates as the built one does
    mets = b'<mets xmlns="http://www.loc.gov/METS/"><bogus/></mets>'
    tree = verify.xmlio.parse_bytes(mets, "m")
    reasons = [[str(e.reason) for e in schema.iter_errors(tree)] for schema in (first, second)]
    assert reasons[0] == reasons[1] and reasons[0]


def test_a_cached_copy_others_may_write_is_rebuilt(tmp_path: Path) -> None:
    calls: list[int] = []
    verify._cached_schema(tmp_path / "c", _counting_build(calls))
    (cached,) = (tmp_path / "c").iterdir()
    os.chmod(cached, 0o666)
    verify._cached_schema(tmp_path / "c", _counting_build(calls))
    assert calls == [1, 1]


def test_a_damaged_copy_is_rebuilt(tmp_path: Path) -> None:
    calls: list[int] = []
    verify._cached_schema(tmp_path / "c", _counting_build(calls))
    (cached,) = (tmp_path / "c").iterdir()
    cached.write_bytes(b"not a pickle")
    schema = verify._cached_schema(tmp_path / "c", _counting_build(calls))
    assert calls == [1, 1] and isinstance(schema, verify.xmlschema.XMLSchema10)
