"""Every test file under tests/ is collected by the README's test command.

pytest's default ``norecursedirs`` silently skips folders such as ``build``; this test fails if
any ``tests/**/test_*.py`` is left out again, whatever the reason.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_test_file_is_collected(request: object) -> None:
    session = request.session  # type: ignore[attr-defined]
    collected = {Path(str(item.path)).resolve() for item in session.items}
    on_disk = {p.resolve() for p in TESTS.rglob("test_*.py") if "fixtures" not in p.parts}
    config = request.config  # type: ignore[attr-defined]
    if config.option.keyword or config.option.markexpr:  # -k/-m deselect on purpose
        return
    selected = {p for p in on_disk if any(str(p).startswith(str(a)) for a in _args(request))}
    missing = sorted(str(p.relative_to(TESTS)) for p in selected - collected)
    assert not missing, f"test files not collected: {missing}"


def _args(request: object) -> list[Path]:
    config = request.config  # type: ignore[attr-defined]
    args = [a.split("::")[0] for a in config.args] or [str(TESTS)]
    return [Path(config.rootpath, a).resolve() if not Path(a).is_absolute() else Path(a) for a in args]


def _member(folder: Path, name: str, series: str | None) -> None:
    stmt = f"<seriesStmt><title>{series}</title></seriesStmt>" if series else ""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
        f"<titleStmt><title>{name}</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>{stmt}"
        "<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p>Some words.</p></body>"
        "</text></TEI>", encoding="utf-8")


def _title(folder: Path) -> str:
    from teikit.collection import load_collection, tei_files

    edition = load_collection(tei_files(folder), name=folder)
    return edition.root.findtext("{http://www.tei-c.org/ns/1.0}teiHeader//{http://www.tei-c.org/ns/1.0}title")


def test_a_collection_in_a_folder_with_a_generic_name_is_titled_by_its_parent(tmp_path):
    # TEI Publisher's data/, a repository's tei/: "data" named the site, its EPUB and citations
    _member(tmp_path / "shelley-letters" / "data", "a.xml", None)
    _member(tmp_path / "shelley-letters" / "data", "b.xml", None)
    assert _title(tmp_path / "shelley-letters" / "data") == "shelley-letters"
    _member(tmp_path / "poems", "a.xml", None)
    assert _title(tmp_path / "poems") == "poems"


def test_a_collection_is_titled_by_the_series_every_member_names(tmp_path):
    for name in ("a.xml", "b.xml"):
        _member(tmp_path / "tei", name, "Die Korrespondenz  Schnitzlers")
    assert _title(tmp_path / "tei") == "Die Korrespondenz Schnitzlers"
    _member(tmp_path / "tei", "c.xml", "Another series")
    assert _title(tmp_path / "tei") == tmp_path.name
