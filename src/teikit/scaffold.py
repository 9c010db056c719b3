"""``teikit init``: a new edition project that ``teikit build`` builds at once.

It makes DIR (new or empty), copies the given TEI files into ``DIR/tei/`` (or leaves a
starter document when none is given), and writes ``DIR/teikit.toml`` naming them, with the
optional keys present as comments. Nothing outside DIR is written; the TEI files are read
with the safe parser first, so an unusable file stops ``init`` before anything is made.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from teikit import project, xmlio
from teikit.errors import InputError
from teikit.outputs import OutputError

STARTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Untitled edition</title></titleStmt>
      <publicationStmt><p>Unpublished.</p></publicationStmt>
      <sourceDesc><p>Born digital.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <div xml:id="d1">
        <head>First division</head>
        <p>Your text here.</p>
      </div>
    </body>
  </text>
</TEI>
"""


@dataclass
class Scaffold:
    folder: Path
    project_file: Path
    tei: list[Path] = field(default_factory=list)


def _toml(tei: list[str]) -> str:
    # a TOML basic string (JSON's escapes are TOML's): a file name holding '"' or a newline
    # ('x.xml"]\n[build]\n…') must stay one string, not write keys of its own
    listed = ", ".join(json.dumps(t, ensure_ascii=False) for t in tei)
    return f"""# teikit project file: `teikit build`, `check`, `validate`, `cite` and `deposit` run from
# this folder (or below) use it. Every key is described in teikit's docs/project.md.

[edition]
tei = [{listed}]
output = "exports"
# registers = ["tei/persons.xml"]       # separate personography, placeography, ...
# language = "en"

# [build]
# html-stylesheet = "custom/html.xsl"   # <xsl:import href="teikit:html/html.xsl"/> + overrides

# [check]
# ignore = ["unused", "@facs"]          # rule codes or families; "@attr" or "el/@attr": pointers
#                                       # that lead outside the files (facsimile, taxonomy)
"""


def init(folder: str | Path, tei: list[str | Path] | tuple[str | Path, ...] = ()) -> Scaffold:
    """Create the project in ``folder``; return what was made."""
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError("the folder exists and is not empty", file=target,
                          hint="name a new or empty folder for the project")
    sources = [Path(t) for t in tei]
    for src in sources:  # refuse an unusable file before anything is written
        xmlio.require_tei(xmlio.parse_file(src), src)
    names = [src.name for src in sources]
    if len(set(names)) != len(names):
        raise InputError("two TEI files have the same name", hint="rename one of them first")
    (target / "tei").mkdir(parents=True, exist_ok=True)
    copied = []
    for src in sources:
        dest = target / "tei" / src.name
        shutil.copyfile(src, dest)
        copied.append(dest)
    if not copied:
        starter = target / "tei" / "edition.xml"
        starter.write_text(STARTER, encoding="utf-8")
        copied.append(starter)
    toml = target / project.FILENAME
    toml.write_text(_toml([f"tei/{p.name}" for p in copied]), encoding="utf-8")
    project.load(toml)  # what init writes must load
    return Scaffold(target, toml, copied)
