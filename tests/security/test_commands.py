"""Every command that takes input refuses every hostile input: exit 2, the file named, no
traceback, no byte of the secret in any output, no request to the loopback server.

The four cases of issue #15 (a 70 KB comment before the DOCTYPE, 70 KB of spaces in the
internal subset, an http:// DTD on the loopback and a file:// DTD declaring entities used in
the text) are ``xxe-padded-comment``, ``xxe-padded-subset``, ``dtd-http`` and ``dtd-file``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit import xmlio
from teikit.cli import cli
from tests.conftest import FIXTURES
from tests.security.conftest import Loopback, no_secret_under
from tests.security.hostile import CASES, SECRET, Case

MINI = FIXTURES / "mini-edition.xml"

# command name -> argv builder (input file, output folder)
COMMANDS = {
    "validate": lambda f, out: ["validate", "--no-cache", str(f)],
    "check": lambda f, out: ["check", str(f)],
    "check-register": lambda f, out: ["check", str(MINI), "--register", str(f)],
    "build": lambda f, out: ["build", "--edition", str(f), "--out", str(out)],
    "cite": lambda f, out: ["cite", str(f), "-o", str(out / "citations")],
    "deposit": lambda f, out: ["deposit", "--build", str(f), "-o", str(out / "deposit"),
                               "--exports", str(out / "exports")],
    "ingest": lambda f, out: ["ingest", "--source", str(f), "--check-only"],
}
# Cases whose message must give a line number as well as the file (the others are about
# the whole file: binary, empty, too large, not a file).
WITHOUT_LINE = {"binary", "empty", "utf16le-nobom-xxe"}


def run(argv: list[str]) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(cli, argv)
    return result.exit_code, result.output, result.exception


def assert_refused(code: int, output: str, exc: BaseException | None, shown: str, loopback: Loopback,
                   *folders: Path) -> None:
    assert code == 2, output
    assert isinstance(exc, SystemExit), f"not a clean exit: {exc!r}"
    assert "Traceback" not in output
    assert SECRET not in output
    assert shown in output, output
    assert not no_secret_under(*folders)
    assert loopback.requests == [], loopback.requests


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, secret: Path, loopback: Loopback) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    files = {}
    for case in CASES:
        path = folder / f"{case.name}.xml"
        path.write_bytes(case.make(str(secret), loopback.port))
        files[case.name] = path
    return files


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_input_is_refused(command: str, case: Case, corpus: dict[str, Path], loopback: Loopback,
                                  tmp_path: Path) -> None:
    path = corpus[case.name]
    out = tmp_path / "out"
    code, output, exc = run(COMMANDS[command](path, out))
    assert_refused(code, output, exc, path.name, loopback, out)
    if command != "ingest":  # ingest reads plain text: its messages are about the text
        said = output.replace(str(path), "").replace(path.name, "")
        said = said.replace(xmlio.XHTML_NS, "").replace(xmlio.XINCLUDE_NS, "").replace(xmlio.TEI_NS, "")
        assert case.why in said.lower(), output
        if case.name not in WITHOUT_LINE:
            assert re.search(rf"{re.escape(path.name)}:\d+", output), output


SPECIAL = {
    "too-many-elements": lambda p: p.write_bytes(b"<a>" + b"<b/>" * 2_000 + b"</a>"),  # limit lowered below
    "fifo": lambda p: os.mkfifo(p),
    "dev-zero": None,
    "too-large": lambda p: os.truncate(p, xmlio.MAX_INPUT_BYTES + 1),
    "directory": lambda p: p.mkdir(),
    "missing": lambda p: None,
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_special_files_are_refused_without_reading(
    command: str, kind: str, tmp_path: Path, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO would block, /dev/zero never ends, a huge file or tree would fill memory."""
    monkeypatch.setattr(xmlio, "MAX_MARKUP", 1_000)  # 20 million in use: a test file that big is slow
    if kind == "dev-zero":
        path = Path("/dev/zero")
    else:
        path = tmp_path / f"{kind}.xml"
        if kind == "too-large":
            path.touch()
        make = SPECIAL[kind]
        assert make is not None
        make(path)
    if command in ("validate", "check") and kind == "directory":
        code, output, exc = run(COMMANDS[command](path, tmp_path / "out"))
        assert code == 2 and "no" in output.lower(), output  # an empty folder: nothing to read
        return
    code, output, exc = run(COMMANDS[command](path, tmp_path / "out"))
    assert_refused(code, output, exc, path.name, loopback, tmp_path / "out")
