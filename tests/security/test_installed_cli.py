"""The four leak/fetch cases of issue #15, through the installed ``teikit`` command.

A separate process, so whatever any library prints on the real stderr is seen too. Each
case exits 2 from ``build``, ``check`` and ``validate``; no byte of the secret appears on
stdout, stderr or in the output folder; the loopback server logs no request.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.conftest import Loopback, no_secret_under
from tests.security.hostile import BY_NAME, SECRET

FOUR = ["xxe-padded-comment", "xxe-padded-subset", "dtd-http", "dtd-file"]


def teikit() -> list[str]:
    script = Path(sys.executable).with_name("teikit")
    assert script.is_file() or shutil.which("teikit"), "the console script is installed by scripts/setup.sh"
    return [str(script) if script.is_file() else "teikit"]


@pytest.mark.parametrize("name", FOUR)
def test_the_four_cases_exit_2_without_leak_or_request(name: str, tmp_path: Path, secret: Path,
                                                       loopback: Loopback) -> None:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(BY_NAME[name].make(str(secret), loopback.port))
    out = tmp_path / "exports"
    for args in (["build", "--edition", str(path), "--out", str(out)], ["check", str(path)],
                 ["validate", "--no-cache", str(path)]):
        proc = subprocess.run(teikit() + args, capture_output=True, timeout=300, check=False)
        text = (proc.stdout + proc.stderr).decode("utf-8", "replace")
        assert proc.returncode == 2, text
        assert SECRET not in text and "Traceback" not in text
        assert f"{path.name}:" in text
    assert not no_secret_under(out)
    assert loopback.requests == []
