"""The documents ``teikit validate`` reads: files and folders in, safely parsed trees out.

Every input is read and parsed once, through :mod:`teikit.xmlio` (no DTD, no entities, no
network). An input that cannot be used (missing, empty, binary, not well-formed, an unsafe
DOCTYPE) does not stop the run: it becomes one ``input.*`` diagnostic, and the CLI exits 2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teikit import xmlio
from teikit.diagnostics import Diagnostic, Severity
from teikit.edition import Edition
from teikit.errors import InputError, UnsafeInputError

TEI_SUFFIXES = (".xml", ".tei", ".odd")


@dataclass
class Document(Edition):
    """One parsed input (an :class:`~teikit.edition.Edition`): its name as given, its tree,
    and its bytes (for validators that read the file themselves)."""

    data: bytes = b""

    @property
    def has_doctype(self) -> bool:
        """True when the file has a DOCTYPE (external validators must not see it)."""
        return bool(self.tree.docinfo.doctype)


def expand(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given, and for each folder the XML files under it (sorted)."""
    return list(expand_from(inputs))


def expand_from(inputs: Iterable[str | Path]) -> dict[Path, Path | None]:
    """Each file to validate -> the folder it was found in (None: given by name). A file named
    twice (or reached through two folders) is validated once."""
    out: dict[Path, Path | None] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            # not is_file(): a FIFO is refused when read, not skipped in silence
            for f in xmlio.files_in_folder(p, sorted(
                    f for f in p.rglob("*") if f.suffix.lower() in TEI_SUFFIXES and not f.is_dir())):
                out.setdefault(f, p)
        else:
            out[p] = None
    return out


def skip_foreign(docs: list[Document], found_in: Mapping[Path, Path | None],
                 unless: Callable[[Document], bool] = lambda doc: False,
                 ) -> tuple[list[Document], list[Diagnostic], set[str]]:
    """The documents without those a folder brought in whose root is of another vocabulary (a
    CapiTainS ``__cts__.xml``, a schema saved as .xml): not the edition. One info note per
    folder names them; a file named on the command line is kept, to be judged, and so is one
    ``unless`` keeps (one that declares its own schema). Also the names left out."""
    kept: list[Document] = []
    skipped: dict[Path, list[str]] = {}
    for doc in docs:
        folder = found_in.get(Path(doc.name))
        qname = etree.QName(doc.tree.getroot())
        foreign = qname.namespace not in (None, xmlio.TEI_NS)
        if folder is not None and foreign and not unless(doc):
            skipped.setdefault(folder, []).append(doc.name)
        else:
            kept.append(doc)
    notes = []
    for folder, names in skipped.items():
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        notes.append(Diagnostic(str(folder), None, None, Severity.INFO, "input.skipped",
                                f"{len(names)} XML file(s) in this folder are not TEI and were not "
                                f"validated: {shown}", hint="name a file to have it validated all the same "
                                                            "(with --schema FILE for its own schema)"))
    return kept, notes, {name for names in skipped.values() for name in names}


def _input_code(exc: InputError) -> str:
    if isinstance(exc, UnsafeInputError):
        return "input.unsafe"
    if exc.message.startswith("not well-formed"):
        return "input.not-well-formed"
    if exc.message.startswith(("empty", "binary")):
        return "input." + exc.message.split()[0]
    return "input.unreadable"


def as_diagnostic(exc: InputError, name: str) -> Diagnostic:
    """An InputError as the one diagnostic reported for that file."""
    return Diagnostic(
        exc.file or name, exc.line, exc.column, Severity.ERROR, _input_code(exc), exc.message, hint=exc.hint
    )


def load(paths: Iterable[Path], trees: Mapping[Path, etree._ElementTree] | None = None,
         ) -> tuple[list[Document], list[Diagnostic]]:
    """Parse each path; return the usable documents and one diagnostic per unusable one.

    ``trees``: files already parsed by the caller (resolved path -> its tree, parsed by
    :mod:`teikit.xmlio` as here): only their bytes are read (``teikit build --validate``
    validates the edition it has parsed, not a second copy of it)."""
    docs: list[Document] = []
    problems: list[Diagnostic] = []
    for p in paths:
        name = str(p)
        known = (trees or {}).get(p.resolve())
        try:
            # duplicate xml:id values are reported below, not a reason to refuse the file
            data, tree = ((xmlio.read_bytes(p), known) if known is not None
                          else Edition.read(p, name, collect_ids=False))
        except InputError as exc:
            problems.append(as_diagnostic(exc, name))
            continue
        docs.append(Document(path=p.resolve(), tree=tree, name=name, data=data))
        problems.extend(duplicate_ids(tree, name))
    return docs, problems


def duplicate_ids(tree: etree._ElementTree, name: str) -> list[Diagnostic]:
    """An xml:id used twice: an error at the second use (XML requires IDs to be unique)."""
    first: dict[str, int | None] = {}
    out: list[Diagnostic] = []
    for el in tree.getroot().iter():
        value = el.get(xmlio.XML_ID) if isinstance(el.tag, str) else None
        if value is None:
            continue
        if value in first:
            out.append(Diagnostic(name, el.sourceline, None, Severity.ERROR, "xml.duplicate-id",
                                  f"xml:id {value!r} is already used on line {first[value]}",
                                  hint="give one of the two elements another ID (teikit check lists the "
                                       "pointers that meant it)"))
        else:
            first[value] = el.sourceline
    return out


def tei_root_problem(doc: Document) -> Diagnostic | None:
    """A clear diagnostic when the root is not TEI P5 (P4, or not TEI at all)."""
    problem = xmlio.tei_root_problem(doc.tree)
    if problem is None:
        return None
    root = doc.tree.getroot()
    qname = etree.QName(root)
    code = "tei.p4" if qname.localname in ("TEI.2", "teiCorpus.2") and not qname.namespace else "tei.not-tei"
    hint = problem[1] if code == "tei.p4" else f"{problem[1]}, or validate it with --schema PATH"
    return Diagnostic(doc.name, root.sourceline, None, Severity.ERROR, code, problem[0], hint=hint)
