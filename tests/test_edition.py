"""One TEI P5 guard: every stage refuses a file that is not TEI P5 with the same message,
said once, and the same exit code (2), before it writes anything."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from teikit import xmlio
from teikit.cli import cli
from teikit.errors import EXIT_USAGE, InputError

NOT_P5 = {
    "p4": b'<?xml version="1.0"?>\n<TEI.2><teiHeader><fileDesc><titleStmt><title>A</title></titleStmt>'
          b"</fileDesc></teiHeader><text><body><p>x</p></body></text></TEI.2>\n",
    "xhtml": b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>A</title>'
             b"</head><body><p>x</p></body></html>\n",
}


def _stages(src, out):
    return {
        "validate": ["validate", str(src)],
        "check": ["check", str(src)],
        "lint": ["lint", str(src)],
        "build": ["build", "html", "--edition", str(src), "--out", str(out / "build")],
        "cite": ["cite", "-o", str(out / "cite"), str(src)],
        "deposit": ["deposit", "-o", str(out / "deposit"), str(src)],
    }


@pytest.mark.parametrize("kind", sorted(NOT_P5))
def test_every_stage_refuses_what_is_not_tei_p5_the_same_way(tmp_path, monkeypatch, kind):
    monkeypatch.chdir(tmp_path)  # no teikit.toml of the checkout is found
    src = tmp_path / f"{kind}.xml"
    src.write_bytes(NOT_P5[kind])
    with pytest.raises(InputError) as caught:
        xmlio.require_tei(xmlio.parse_file(src), src)
    message = caught.value.message
    for stage, args in _stages(src, tmp_path / "out").items():
        result = CliRunner().invoke(cli, args)
        said = result.output  # standard output and error, as the user sees them
        assert result.exit_code == EXIT_USAGE, (stage, said)
        assert said.count(message) == 1, (stage, said)
        assert "Traceback" not in said, stage
        assert f"{kind}.xml" in said and ":2" in said, (stage, said)  # the file and the root's line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))
