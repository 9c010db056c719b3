"""Many files: Jing runs in command-line batches and every diagnostic keeps its file."""

from __future__ import annotations

from pathlib import Path

from teikit.validate import jing
from teikit.validate.runner import validate_paths

TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>D{i}</title>'
       '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
       '</teiHeader><text><body>{body}</body></text></TEI>')


def test_many_files_are_validated_in_batches_with_their_own_names(tmp_path, monkeypatch):
    for i in range(12):
        body = "<p>fine</p>" if i % 3 else "<bogus/>"  # every third file is invalid
        (tmp_path / f"doc-{i:02d}.xml").write_text(TEI.format(i=i, body=body))
    monkeypatch.setattr(jing, "MAX_ARGS_CHARS", 200)  # a few files per Java command line
    assert len(jing._batches([type("D", (), {"path": p})() for p in sorted(tmp_path.glob("*.xml"))])) > 3
    report = validate_paths([tmp_path], "tei_all", engine="jing", cache_dir=None)
    bad = sorted({Path(d.file).name for d in report.diagnostics})
    assert bad == ["doc-00.xml", "doc-03.xml", "doc-06.xml", "doc-09.xml"]
