"""An edition's project file, ``teikit.toml``: what the edition is made of and where outputs go.

Commands find it by walking up from the working directory, as git and ruff do; options on
the command line override it. Every path in it is relative to the folder holding it. The
keys (docs/project.md)::

    [edition]
    tei = ["tei/letters"]            # TEI files or folders (required)
    registers = ["tei/persons.xml"]  # separate registers (personography, placeography, ...)
    output = "exports"               # where build, cite and deposit write
    title = "..."                    # optional: overrides the header's title in messages
    schema = "teikit"                # validate's schema for these files: teikit, tei_all or a path
    language = "en"

    [ingest]                         # plain-text ingest (optional)
    source = "tei/source/book.txt"
    editorial = "tei/editorial"

    [build]                          # per-format customizations (optional)
    html-stylesheet = "custom/html.xsl"   # imports "teikit:html/html.xsl", overrides templates
    epub-stylesheet = "custom/epub.xsl"

    [check]                          # conventions of the edition (optional)
    ignore = ["unused.bibl", "@facs"]     # rule codes or families; "@attr"/"el/@attr"/"el" external
    bare-ids = ["sp/@who"]                # attributes whose values are IDs written without '#'

A wrong key or type is an :class:`~teikit.errors.InputError` naming the file, the line and
the key (exit 2), never a silent default.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from teikit import xmlio
from teikit.errors import InputError

FILENAME = "teikit.toml"

# section -> {key: expected type}
SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "edition": {"tei": (str, list), "registers": list, "output": str, "title": str, "language": str,
                "schema": str},
    "ingest": {"source": str, "editorial": str, "output": str},
    "build": {"html-stylesheet": str, "epub-stylesheet": str, "trust-stylesheets": bool},
    "check": {"ignore": list, "bare-ids": list},
}


@dataclass
class Project:
    """A loaded ``teikit.toml``: absolute paths, checked types."""

    file: Path
    tei: list[Path]
    registers: list[Path] = field(default_factory=list)
    output: Path | None = None
    title: str | None = None
    language: str | None = None
    schema: str | None = None
    ingest_source: Path | None = None
    ingest_editorial: Path | None = None
    ingest_output: Path | None = None
    stylesheets: dict[str, Path] = field(default_factory=dict)
    trust_stylesheets: bool = False
    check_ignore: list[str] = field(default_factory=list)
    check_bare_ids: list[str] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.file.parent

    @property
    def exports(self) -> Path:
        return self.output or self.root / "exports"

    def tei_files(self) -> list[Path]:
        """Every TEI file the project names (folders expanded to their *.xml, sorted)."""
        out: list[Path] = []
        for item in self.tei:
            if item.is_dir():
                out += xmlio.files_in_folder(item, sorted(
                    (p for p in item.rglob("*.xml") if not p.is_dir() and p not in self.registers),
                    key=xmlio.reading_order))
            else:
                out.append(item)
        return out

    def schema_map(self) -> dict[Path, str]:
        """{TEI file: schema} for ``teikit validate --schema auto`` ({} when none is named)."""
        if not self.schema:
            return {}
        named = self.schema if self.schema in ("teikit", "tei_all") else str(self.root / self.schema)
        return {p.resolve(): named for p in self.tei_files()}

    @property
    def edition(self) -> Path:
        """The main TEI file: the first the project names."""
        files = self.tei_files()
        if not files:
            raise InputError("the project names no TEI file", file=self.file,
                             hint='set [edition] tei = ["my-edition.xml"]')
        return files[0]


def find(start: str | Path | None = None) -> Path | None:
    """The nearest ``teikit.toml`` in ``start`` (default: the working directory) or above."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / FILENAME
        if candidate.is_file():
            return candidate
    return None


def _line_of(text: str, section: str, key: str | None) -> int | None:
    lines = text.splitlines()
    in_section = False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_section = stripped.strip("[]").strip() == section
            if in_section and key is None:
                return number
        elif in_section and key is not None and re.match(rf'^"?{re.escape(key)}"?\s*=', stripped):
            return number
    return None


def load(path: str | Path) -> Project:
    """Read and check a project file."""
    file = Path(path).resolve()
    raw = xmlio.read_bytes(file)  # as every input: a regular file of bounded size
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("the project file is not UTF-8 text", file=file, line=line,
                         hint="save it as UTF-8 (TOML is UTF-8)") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line = int(m.group(1)) if m else text.count("\n") + 1  # "at end of document"
        reason = re.sub(r" \(at (line \d+, column \d+|end of document)\)$", "", str(exc))
        raise InputError(f"not valid TOML: {reason}", file=file,
                         line=line, column=int(m.group(2)) if m else None,
                         hint="see docs/project.md for the keys and their form") from exc
    _check_shape(data, text, file)
    return _project(data, file, text)


def _check_shape(data: dict[str, Any], text: str, file: Path) -> None:
    for section, values in data.items():
        if section not in SCHEMA:
            raise InputError(f"unknown section [{section}]", file=file, line=_line_of(text, section, None),
                             hint=f"the sections are {', '.join(f'[{s}]' for s in SCHEMA)} (docs/project.md)")
        if not isinstance(values, dict):
            raise InputError(f"{section} must be a section ([{section}])", file=file)
        for key, value in values.items():
            expected = SCHEMA[section].get(key)
            if expected is None:
                raise InputError(f"unknown key {key!r} in [{section}]", file=file,
                                 line=_line_of(text, section, key),
                                 hint=f"the keys of [{section}] are {', '.join(SCHEMA[section])}")
            if not isinstance(value, expected) or (
                    isinstance(value, list) and not all(isinstance(v, str) for v in value)):
                kinds = expected if isinstance(expected, tuple) else (expected,)
                want = " or ".join("a string" if k is str else "a list of strings" for k in kinds)
                raise InputError(f"[{section}] {key} must be {want}", file=file,
                                 line=_line_of(text, section, key))


def _project(data: dict[str, Any], file: Path, text: str) -> Project:
    root = file.parent
    edition = data.get("edition", {})
    tei = edition.get("tei")
    if tei is None:
        raise InputError("the project names no TEI file", file=file, line=_line_of(text, "edition", None),
                         hint='add [edition] tei = ["my-edition.xml"] (a file or a folder)')
    tei_list = [tei] if isinstance(tei, str) else tei

    def rel(value: str | None) -> Path | None:
        return (root / value).resolve() if value else None

    ingest = data.get("ingest", {})
    build = data.get("build", {})
    check = data.get("check", {})
    project = Project(
        file=file,
        tei=[root / t for t in tei_list],
        registers=[root / r for r in edition.get("registers", [])],
        output=rel(edition.get("output")),
        title=edition.get("title"),
        language=edition.get("language"),
        schema=edition.get("schema"),
        ingest_source=rel(ingest.get("source")),
        ingest_editorial=rel(ingest.get("editorial")),
        ingest_output=rel(ingest.get("output")),
        stylesheets={fmt: root / build[f"{fmt}-stylesheet"] for fmt in ("html", "epub")
                     if f"{fmt}-stylesheet" in build},
        trust_stylesheets=bool(build.get("trust-stylesheets", False)),
        check_ignore=list(check.get("ignore", [])),
        check_bare_ids=list(check.get("bare-ids", [])),
    )
    _refuse_outside(project, data, text)
    for path in [*project.tei, *project.registers, *project.stylesheets.values()]:
        if not path.exists():
            section = "build" if path in project.stylesheets.values() else "edition"
            shown = path.relative_to(root) if path.is_relative_to(root) else path
            raise InputError(f"{shown} does not exist", file=file, line=_line_of(text, section, None),
                             hint="fix the path (paths are relative to the folder of teikit.toml)")
    return project


def _refuse_outside(project: Project, data: dict[str, Any], text: str) -> None:
    """A project file comes with the edition, perhaps from a stranger: every path it names
    must lie inside its folder (symbolic links resolved), or ``output = "/"`` would have
    ``teikit build`` write anywhere and ``tei = "/home/me/private.xml"`` publish any file.
    Options on the command line are the user's own and may name any place."""
    root = project.root.resolve()
    named: list[tuple[str, str, Path]] = []
    for section, keys in SCHEMA.items():
        for key in keys:
            value = data.get(section, {}).get(key)
            if section == "edition" and key in ("title", "language"):
                continue
            if section == "edition" and key == "schema" and value in (None, "teikit", "tei_all"):
                continue  # the schemas teikit ships, by name
            if section == "check" or value is None or isinstance(value, bool):
                continue  # not paths
            for item in [value] if isinstance(value, str) else value:
                named.append((section, key, project.root / item))
    for section, key, path in named:
        try:
            real = path.resolve()
        except (OSError, RuntimeError) as exc:  # a symbolic link loop
            raise InputError(f"[{section}] {key}: {path} cannot be read ({exc})", file=project.file,
                             line=_line_of(text, section, key), hint="remove the symbolic link loop") from exc
        if not real.is_relative_to(root):
            option = {"output": "--out / -o", "tei": "--edition or the file as an argument",
                      "registers": "--register"}.get(key, "the command's option")
            raise InputError(
                f"[{section}] {key} leads outside the project's folder ({real}): a project file names "
                "only files inside its own folder", file=project.file, line=_line_of(text, section, key),
                hint=f"move it into {root}, or give that path on the command line ({option})")


def current(start: str | Path | None = None) -> Project | None:
    """The project of the working directory (or ``start``), or None outside any project."""
    found = find(start)
    return load(found) if found else None


def require(what: str, start: str | Path | None = None) -> Project:
    """The current project, or an InputError saying what to pass instead."""
    project = current(start)
    if project is None:
        raise InputError(
            f"no {what} given and no {FILENAME} found in this folder or above",
            hint=f"pass the {what} on the command line, or make a project with `teikit init DIR --tei FILE`",
        )
    return project
