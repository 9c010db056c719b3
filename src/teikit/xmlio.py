"""Safe XML reading and atomic writing, shared by every stage.

Reading (:func:`parse_file`, :func:`parse_bytes`: the one way XML enters teikit): no
network, no DTD loading, no entity expansion, no XInclude, no huge trees. Safety is decided
from the *parsed* document, whatever its size, padding or encoding: libxml2 parses without
loading anything (a resolver answers every request for an external resource with nothing),
then a document is refused if its DOCTYPE declares any entity (general, parameter or
unparsed: external ones read files or the network, nested ones explode), if an entity
reference is left in it, or if the parser had to skip an undeclared entity. A DOCTYPE that
only names an external DTD (``<!DOCTYPE TEI SYSTEM "tei_all.dtd">``) is accepted: the DTD is
never read, and nothing of it is applied (attribute defaults of the internal subset are, as
XML requires). Every failure becomes an
:class:`~teikit.errors.InputError` naming file and line; the threat model is in
docs/security.md.

Writing: outputs are written to a temporary sibling and moved into place with
``os.replace``, so a failed build never destroys the previous output.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path

from lxml import etree

from teikit.errors import InputError, UnsafeInputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}
XML_ID = f"{{{XML_NS}}}id"

# The deepest element nesting teikit reads: libxml2's own limit without XML_PARSE_HUGE.
# The XSLT stylesheets and `teikit check` use the same number (see docs/security.md).
MAX_DEPTH = 256
# The largest input file teikit reads into memory (a TEI file this size is very unusual).
MAX_INPUT_BYTES = 512 * 1024 * 1024
# The most markup ("<") a file may hold: a parsed element costs libxml2 some 100 bytes, so
# 512 MB of "<a/>" would need over 10 GB; this caps a tree near 2 GB. The largest real TEI
# files (dictionaries) hold a few million elements.
MAX_MARKUP = 20_000_000

# Byte signatures that fix the encoding of an XML file (XML 1.0, appendix F). A NUL byte
# in a file that starts with one of these is an encoding, not a sign of a binary file.
_SIGNATURES = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"),
)
_WIDE_STARTS = tuple(signature for signature, _ in _SIGNATURES)


class _NothingResolver(etree.Resolver):
    """Answers every request for an external DTD or entity with an empty document.

    libxml2 reads an external parameter entity referenced in the internal subset even
    when DTD loading is off (and asks for the external subset when IDs are not
    collected); this resolver makes sure nothing is read, and records what was asked for
    so that a parse error it leads to is reported as unsafe input.
    """

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def resolve(self, url: str | None, pubid: str | None, context: object) -> object:
        self.requested.append(url or pubid or "?")
        return self.resolve_string("", context)


def safe_parser(*, remove_blank_text: bool = False, collect_ids: bool = True) -> etree.XMLParser:
    """A parser that never reads outside its input.

    ``collect_ids=False`` lets libxml2 accept duplicate or malformed ``xml:id`` values
    instead of failing, so that ``teikit check`` can report them as diagnostics.
    """
    return _parser(remove_blank_text=remove_blank_text, collect_ids=collect_ids)[0]


def _parser(*, remove_blank_text: bool, collect_ids: bool) -> tuple[etree.XMLParser, _NothingResolver]:
    parser = etree.XMLParser(
        collect_ids=collect_ids,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=remove_blank_text,
        remove_comments=False,
    )
    resolver = _NothingResolver()
    parser.resolvers.add(resolver)
    return parser, resolver


_P4_HINT = "convert it from TEI P4 to P5 first (the TEI Consortium's p4top5.xsl does this)"
_NO_ENTITIES_HINT = (
    "replace each entity reference with the characters it stands for (&mdash; with \u2014) and "
    "remove the entity declarations; for a file you trust, "
    "`xmllint --noent --loaddtd --dropdtd in.xml > out.xml` does both"
)


def _doctype_line(data: bytes, encoding: str | None) -> int | None:
    """The line of ``<!DOCTYPE`` (only to name it in a message; safety is decided elsewhere)."""
    codec = next((c for sig, c in _SIGNATURES if data.startswith(sig)), None) or encoding or "utf-8"
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        return None
    at = text.find("<!DOCTYPE")
    return text.count("\n", 0, at) + 1 if at >= 0 else None


# A TEI P4 document's DOCTYPE (its root, TEI.2 or teiCorpus.2, named before any entity).
_P4_DOCTYPE = re.compile(rb"<!DOCTYPE\s+(TEI\.2|teiCorpus\.2)[\s\[>]")


def _refuse_p4(data: bytes, name: str, encoding: str | None = None) -> None:
    """A TEI P4 document is named as such before its entities are: P4 files declare
    entities (parameter entities switching the DTD's modules on, characters such as
    &mdash;), and "the DOCTYPE declares entities" hid that the file is P4, which teikit
    does not read and which converting to P5 settles, entities included."""
    found = _P4_DOCTYPE.search(data[:65536])
    if found:
        root = found.group(1).decode()
        raise InputError(f"this is TEI P4 (its DOCTYPE names the root <{root}>, with TEI P4's DTD and "
                         f"entities); expected <TEI> or <teiCorpus> in the namespace {TEI_NS}",
                         file=name, line=_doctype_line(data, encoding), hint=_P4_HINT)


# The internal subset of a DOCTYPE (between its brackets), its comments and quoted literals.
_SUBSET = re.compile(
    r"<!DOCTYPE\s+[^\s\[>]+(?:\s+(?:SYSTEM|PUBLIC)(?:\s+(?:\"[^\"]*\"|'[^']*'))+)?\s*\[(.*?)\]\s*>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LITERAL = re.compile(r"\"[^\"]*\"|'[^']*'")
_PE_SWITCH = re.compile(r"<!ENTITY\s+%\s+([^\s\"']+)\s+(?:\"[^\"%&<]*\"|'[^'%&<]*')\s*>")


def _only_dtd_switches(data: bytes, encoding: str | None, declared: list[str]) -> bool:
    """Does the internal subset declare nothing but parameter entities of plain text that nothing
    references (<!ENTITY % TEI.core "INCLUDE">: a DTD's modules switched on, as the TEI's own
    test files and DTD-era P5 files begin)? They could only act inside the DTD, which teikit
    never reads; the document cannot use them (it has no reference to a parameter entity),
    so refusing the file for them refused a document whose text is whole."""
    codec = next((c for sig, c in _SIGNATURES if data.startswith(sig)), None) or encoding or "utf-8"
    try:
        text = data[:65536].decode(codec, errors="replace")
    except LookupError:
        return False
    # (the parser's word decides what is declared; the text only says these are all switches,
    # and a DOCTYPE written in a comment before the real one is no DOCTYPE)
    found = _SUBSET.search(_COMMENT.sub(" ", text))
    if not found:
        return False
    subset = found.group(1)
    switches = [m.group(1) for m in _PE_SWITCH.finditer(subset)]
    rest = _LITERAL.sub(" ", _PE_SWITCH.sub(" ", subset))
    # every declared entity one of these switches, and nothing else in the subset at all: no
    # other declaration, no parameter-entity reference (%name;), no general entity
    return sorted(switches) == sorted(declared) and not rest.strip()


def _refuse_unsafe(tree: etree._ElementTree, parser: etree.XMLParser, data: bytes, name: str) -> None:
    """Refuse a parsed document that declares or uses entities."""
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if dtd is None and not docinfo.doctype:
        return  # no DOCTYPE: an undeclared entity is a fatal error, so none can be left
    line = _doctype_line(data, docinfo.encoding)
    declared = dtd is not None and any(True for _ in dtd.iterentities())
    if declared or any(True for _ in tree.iter(etree.Entity)) \
            or any("ENTITY" in e.type_name or "entity" in e.message.lower() for e in parser.error_log):
        _refuse_p4(data, name, docinfo.encoding)
    entities = list(dtd.iterentities()) if dtd is not None else []
    if entities and not any(True for _ in tree.iter(etree.Entity)) and not parser.error_log \
            and _only_dtd_switches(data, docinfo.encoding, [e.name or "" for e in entities]):
        return
    if entities:
        first = entities[0]
        where = f", external: {first.system_url}" if first.system_url else ""
        more = f", and {len(entities) - 1} more" if len(entities) > 1 else ""
        raise UnsafeInputError(
            f"the DOCTYPE declares entities ({first.name!r}{where}{more}); teikit never expands "
            "entities (external ones read files or the network, nested ones explode)",
            file=name, line=line, hint=_NO_ENTITIES_HINT,
        )
    for ref in tree.iter(etree.Entity):
        source = f", which only the DTD {docinfo.system_url} could declare" if docinfo.system_url else ""
        raise UnsafeInputError(
            f"the document uses the entity reference {ref.text}{source}; teikit never reads a DTD",
            file=name, line=ref.sourceline or line, hint=_NO_ENTITIES_HINT,
        )
    for entry in parser.error_log:
        if "ENTITY" in entry.type_name or "entity" in entry.message.lower():
            said = _in_our_words(entry.message)[0]
            raise UnsafeInputError(
                f"the document uses an entity only a DTD could declare ({said}); teikit never reads a DTD",
                file=name, line=entry.line or line, hint=_NO_ENTITIES_HINT,
            )
    # A request the resolver answered with nothing read nothing; what the document needed
    # from it is caught above as an entity reference or an undeclared entity.


XINCLUDE_NS = "http://www.w3.org/2001/XInclude"


def _refuse_xinclude(tree: etree._ElementTree, name: str) -> None:
    """XInclude is never processed; a document that relies on it for its text would silently
    lose it, and is refused. An inclusion inside the teiHeader is left in place, unread: it
    brings metadata, not text (EpiDoc corpora such as IOSPE include one shared encodingDesc
    in every inscription, and every inscription was refused); the builds and `check` say what
    was not read (render.xinclude-unread, pointers.xinclude-unread)."""
    for el in tree.iter(f"{{{XINCLUDE_NS}}}include"):
        if in_header(el):
            continue
        raise UnsafeInputError(
            f"the document includes {el.get('href') or 'another document'} with XInclude; "
            "teikit never follows XInclude (it could read any file)",
            file=name, line=el.sourceline,
            hint="join the files first with `teikit assemble FILE -o joined.xml` (it follows inclusions "
                 "inside the edition's folder only) and give teikit the result",
        )


def in_header(el: etree._Element) -> bool:
    """Does ``el`` stand inside a teiHeader?"""
    return any(anc.tag == f"{{{TEI_NS}}}teiHeader" for anc in el.iterancestors())


def header_inclusions(tree: etree._ElementTree | etree._Element) -> list[etree._Element]:
    """The XInclude elements of a teiHeader, left unread (see :func:`_refuse_xinclude`)."""
    return [el for el in tree.iter(f"{{{XINCLUDE_NS}}}include") if in_header(el)]


# libxml2's wording -> teikit's: what went wrong, which limit applies and what to do,
# never parser flags. (pattern, message, hint)
_LIMITS = (
    (re.compile(r"Excessive depth in document.*", re.S),
     f"elements are nested more than {MAX_DEPTH} deep (teikit's limit)",
     "flatten the nesting; such depth is almost always generated or hostile"),
    (re.compile(r".*Text node too long.*", re.S), "a single text run exceeds 10 MB (teikit's limit)",
     "split the text into paragraphs"),
    (re.compile(r".*(Buffer size limit exceeded|Huge input lookup|Dictionary size limit).*", re.S),
     "a name, attribute value or text larger than 10 MB (teikit's limit)", "split it into smaller parts"),
    (re.compile(r"Memory allocation failed.*", re.S), "the document is too large to read",
     "split the edition into several files"),
    (re.compile(r"Detected an entity reference loop.*", re.S),
     "the DOCTYPE declares entities that refer to themselves (a loop)", _NO_ENTITIES_HINT),
    (re.compile(r"Maximum entity amplification factor exceeded.*", re.S),
     "the DOCTYPE declares entities that expand to far more text than the file holds "
     "(an entity bomb)",
     _NO_ENTITIES_HINT),
)


def _in_our_words(message: str) -> tuple[str, str | None]:
    """libxml2's message in teikit's words, and a hint when it names a limit."""
    text = message.strip()
    for pattern, reworded, hint in _LIMITS:
        if pattern.fullmatch(text):
            return reworded, hint
    # Whatever else libxml2 says, never pass on its advice about parser options.
    return re.sub(r",?\s*(use|try) XML_PARSE_HUGE( option)?", "", text).strip(), None


def _refuse_special(p: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputError("is a directory, not a file", file=p)
    if not stat.S_ISREG(mode):
        raise InputError("not a regular file (a device, FIFO or socket)", file=p,
                         hint="give the path of an XML file")


def require_regular_file(path: str | Path) -> None:
    """An InputError unless ``path`` is an existing regular file (the checks of :func:`read_bytes`,
    without reading: for a command that says what is wrong with its inputs before it starts)."""
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise InputError("no such file", file=p, hint="check the path") from None
    except (OSError, RuntimeError) as exc:  # a symbolic link loop: ELOOP
        raise InputError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", file=p) from exc
    _refuse_special(p, info.st_mode)


def read_bytes(path: str | Path) -> bytes:
    """Read a regular file of at most :data:`MAX_INPUT_BYTES`, turning failures into InputError.

    Devices, FIFOs and sockets are refused before reading (``/dev/zero`` never ends, a
    FIFO may never deliver). The file is opened without blocking and its kind is asked of
    the open file, so a regular file swapped for a FIFO after a first look is refused too.
    """
    p = Path(path)
    require_regular_file(p)
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError("no such file", file=p, hint="check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=p) from exc
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        _refuse_special(p, info.st_mode)
        if info.st_size > MAX_INPUT_BYTES:
            raise InputError(
                f"the file is {info.st_size // (1024 * 1024)} MB; teikit reads XML files of at most "
                f"{MAX_INPUT_BYTES // (1024 * 1024)} MB", file=p, hint="split the edition into several files",
            )
        try:
            data = fh.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", file=p) from exc
    if len(data) > MAX_INPUT_BYTES:  # it grew while we looked
        raise InputError(f"the file is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB", file=p)
    return data


# The files teikit writes into the folders it makes (teikit.outputs.MARKER and RECORD).
_OUTPUT_MARKS = (".teikit-output", ".teikit-build.json")


_DIGITS = re.compile(r"([0-9]+)")


def reading_order(path: Path) -> tuple[tuple[tuple[tuple[str, int], ...], ...], tuple[str, ...]]:
    """The sort key of a file found in an edition's folder: its path, folder by folder (as
    paths sort), with runs of digits compared as numbers, so that ``brief2.xml`` comes
    before ``brief10.xml`` and ``vol2/`` before ``vol10/`` (names padded with zeros, or
    dates, sort as before); ties (``01`` and ``1``) are broken by the path as written, so the
    order is one and the same everywhere."""
    def natural(name: str) -> tuple[tuple[str, int], ...]:
        # text, digits, text, ...: the same kind at each place, so any two compare
        return tuple((part, 0) if i % 2 == 0 else ("", int(part))
                     for i, part in enumerate(_DIGITS.split(name)))
    return tuple(natural(part) for part in path.parts), path.parts


def files_in_folder(folder: str | Path, found: Iterable[Path]) -> list[Path]:
    """``found`` (files a walk of ``folder`` matched), each proved to lie inside ``folder``.

    A folder is an edition a stranger may send: a symbolic link in it to a file outside
    (``letter.xml -> ~/private/notes.xml``) would have teikit read, check and publish that
    file, so it is refused, as is a link that leads nowhere or in a loop. Links that stay
    inside the folder are followed. Files that are not regular (a FIFO named ``x.xml``) are
    kept, for :func:`read_bytes` to refuse with its message rather than skip in silence.

    teikit's own outputs inside the folder (``build --edition letters --out letters/site``:
    a folder holding ``.teikit-output`` or ``.teikit-build.json``) are not the edition: their
    copies of the TEI are left out, or the next build would read them as members.
    """
    top = Path(folder)
    root = top.resolve()
    out: list[Path] = []
    # per folder, once (16,000 files: 0.7 s of pathlib per file before): whether it is, or lies
    # in, an output folder; and whether it really lies inside (a folder reached by a link)
    skipped: dict[Path, bool] = {top: False}
    inside: dict[Path, bool] = {}

    def in_output(here: Path) -> bool:
        if here not in skipped:
            marked = any((here / name).exists() for name in _OUTPUT_MARKS)
            skipped[here] = marked or (here.parent != here and in_output(here.parent))
        return skipped[here]

    def outside(path: Path, real: Path) -> InputError:
        return InputError(
            f"a symbolic link to {real}, outside the folder {root}: teikit reads only the files "
            "inside an edition's folder", file=path,
            hint="copy the file into the folder, or name it on the command line to read it")

    for path in found:
        here = path.parent
        if in_output(here):
            continue
        try:
            if path.is_symlink():
                real = path.resolve(strict=True)
                if not real.is_relative_to(root):
                    raise outside(path, real)
            elif here not in inside:
                real = here.resolve(strict=True)
                inside[here] = real.is_relative_to(root)
                if not inside[here]:
                    raise outside(path, real / path.name)
            elif not inside[here]:
                raise outside(path, here.resolve() / path.name)
        except FileNotFoundError:
            raise InputError("a symbolic link to a file that does not exist", file=path,
                             hint="remove the link or make its target") from None
        except (OSError, RuntimeError) as exc:  # ELOOP; Python before 3.13 raises RuntimeError
            raise InputError(f"cannot be read: a symbolic link loop ({exc})", file=path,
                             hint="remove the link") from exc
        out.append(path)
    return out


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192] and not data.startswith(_WIDE_STARTS)


# libxml2's words for bytes that are not in the encoding declared ("Input is not proper UTF-8",
# "Unsupported encoding", "Document labelled UTF-16 but has UTF-8 content"); not an element's
# name that contains the word ("tag mismatch: encodingDesc").
_ENCODING_PROBLEM = re.compile(r"\bencoding\b|not proper UTF|labelled UTF|\bBytes: 0x", re.IGNORECASE)


def parse_bytes(data: bytes, name: str = "<input>", *, collect_ids: bool = True,
                xinclude: bool = False) -> etree._ElementTree:
    """Parse XML bytes safely; ``name`` is used in messages and as the base URL.

    ``xinclude=True`` keeps ``xi:include`` elements anywhere, unfollowed, for
    :mod:`teikit.assemble`, which follows them under its own rules; every other reader
    refuses one in the text.

    Raises :class:`~teikit.errors.UnsafeInputError` for entities and external DTD use (see
    the module docstring), :class:`~teikit.errors.InputError` for anything not well-formed.
    """
    if not data.strip():
        raise InputError("empty file: expected an XML document", file=name)
    if _looks_binary(data):
        raise InputError("binary file: expected an XML document", file=name,
                         hint="give a TEI XML file (UTF-8, or an encoding its XML declaration names)")
    # counted in bytes (an upper bound in any encoding), and only in a file that could hold that
    # many (bytes.count reads every byte: 0.02 s for a thousand letters' 20 MB)
    if len(data) > MAX_MARKUP and data.count(b"<") > MAX_MARKUP:
        raise InputError(f"more than {MAX_MARKUP:,} elements (teikit's limit)", file=name,
                         hint="split the edition into several files")
    parser, resolver = _parser(remove_blank_text=False, collect_ids=collect_ids)
    try:
        root = etree.fromstring(data, parser, base_url=name)
    except etree.XMLSyntaxError as exc:
        parser.resolvers.remove(resolver)
        line, col = (exc.position if exc.position else (exc.lineno, None))
        msg = exc.msg or str(exc)
        # libxml2 appends the location to its messages; keep only the reason.
        msg, hint = _in_our_words(re.sub(r",? line \d+, column \d+\s*$", "", msg.strip()) or msg)
        if "entit" in msg.lower() or resolver.requested:
            _refuse_p4(data, name)
            raise UnsafeInputError(f"unsafe XML: {msg}; teikit never reads a DTD or expands entities",
                                   file=name, line=line, column=col, hint=hint or _NO_ENTITIES_HINT) from exc
        if hint is not None:  # a limit, not a markup error
            raise InputError(f"unusable XML: {msg}", file=name, line=line, column=col, hint=hint) from exc
        twice = re.fullmatch(r"ID (\S+) already defined", msg)
        if twice:  # well-formed, but an ID must be unique: not a markup error either
            raise InputError(f"the xml:id {twice.group(1)!r} is given to two elements; an ID must be unique "
                             "in its document", file=name, line=line, column=col,
                             hint="rename one of them (the other stands earlier in the file); "
                                  "`teikit check` lists every ID given twice") from exc
        not_name = re.fullmatch(r"xml:id : attribute value (\S+) is not an NCName", msg)
        if not_name:  # well-formed too; the ID is no name (Al-Muqtabas: xml:id="xi:include_1.d2e167")
            raise InputError(f"the xml:id {not_name.group(1)!r} is not a name an ID may have (an XML name "
                             "without a colon, not starting with a digit, '-' or '.')", file=name, line=line,
                             column=col,
                             hint="rename it (and every pointer to it), e.g. with '_' for ':'") from exc
        fix = ("save the file in the encoding its XML declaration names (UTF-8 when it names none)"
               if _ENCODING_PROBLEM.search(msg) else
               "fix the markup at this position (an editor with XML support shows it)")
        raise InputError(f"not well-formed XML: {msg}", file=name, line=line, column=col, hint=fix) from exc
    # The tree keeps its parser: a schema parsed here must still reach the modules it
    # imports (xs:import, rng:include) when it is compiled. Parsing itself read nothing.
    parser.resolvers.remove(resolver)
    tree = root.getroottree()
    _refuse_unsafe(tree, parser, data, name)
    if not xinclude:
        _refuse_xinclude(tree, name)
    return tree


def parse_file(path: str | Path, *, collect_ids: bool = True) -> etree._ElementTree:
    """Read and parse an XML file safely."""
    return parse_bytes(read_bytes(path), str(path), collect_ids=collect_ids)


def serialize_for_xslt(tree: etree._ElementTree | etree._Element) -> bytes:
    """UTF-8 bytes of a parsed document with no DOCTYPE, for a second parser (Saxon).

    The DOCTYPE is left out on purpose: another parser would load the DTD it names and
    expand the entities that DTD declares. Comments and processing instructions around
    the root element are kept.
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    if root.getparent() is not None:  # an element inside a document: that element alone
        return etree.tostring(root, encoding="UTF-8", with_tail=False)
    before = list(root.itersiblings(preceding=True))[::-1]
    after = list(root.itersiblings())
    parts = [etree.tostring(n, encoding="UTF-8", with_tail=False) for n in before]
    parts.append(etree.tostring(root, encoding="UTF-8", with_tail=False))
    parts += [etree.tostring(n, encoding="UTF-8", with_tail=False) for n in after]
    return b"\n".join(parts)


def _decode(data: bytes, tree: etree._ElementTree) -> str:
    codec = next((c for sig, c in _SIGNATURES if data.startswith(sig)), None)
    codec = codec or tree.docinfo.encoding or "utf-8"
    try:
        return data.decode(codec).lstrip("\ufeff")
    except (LookupError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot decode the file as {codec}", hint="save it as UTF-8") from exc


def _doctype_span(text: str) -> tuple[int, int] | None:
    """Start and end of the DOCTYPE declaration in the prolog of ``text`` (a parsed document)."""
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
        elif text.startswith("<?", i):
            i = text.index("?>", i) + 2
        elif text.startswith("<!--", i):
            i = text.index("-->", i) + 3
        elif text.startswith("<!DOCTYPE", i):
            break
        else:
            return None  # the root element: no DOCTYPE
    else:
        return None
    start, i, subset = i, i + len("<!DOCTYPE"), False
    while i < n:
        # Comments and PIs first: a quote or bracket inside one is just text.
        if subset and text.startswith("<!--", i):
            i = text.index("-->", i) + 3
            continue
        if subset and text.startswith("<?", i):
            i = text.index("?>", i) + 2
            continue
        if text[i] in "\"'":
            i = text.index(text[i], i + 1) + 1
            continue
        if text[i] == "[":
            subset = True
        elif text[i] == "]":
            subset = False
        elif text[i] == ">" and not subset:
            return start, i + 1
        i += 1
    return None


def without_doctype(data: bytes, tree: etree._ElementTree, name: str = "<input>") -> bytes:
    """A UTF-8 copy of a parsed file's bytes with its DOCTYPE blanked, for another parser.

    Line and column numbers stay those of the file (the DOCTYPE becomes spaces, newlines
    kept), so an external validator (Jing) reports positions in the user's file; without a
    DOCTYPE it has nothing to fetch. The copy is parsed again to prove no DOCTYPE is left.
    """
    text = _decode(data, tree)
    text = re.sub(r"""^(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""", r'\1"UTF-8"', text, count=1)
    try:
        span = _doctype_span(text) if tree.docinfo.doctype else None
    except ValueError:  # cannot happen in a well-formed prolog; the check below refuses it
        span = None
    if span:
        start, end = span
        text = text[:start] + re.sub(r"[^\r\n]", " ", text[start:end]) + text[end:]
    copy = text.encode("utf-8")
    check = safe_parser(collect_ids=False)
    try:
        left = etree.fromstring(copy, check).getroottree().docinfo.doctype
    except etree.XMLSyntaxError:
        left = "?"
    if left:
        raise UnsafeInputError("cannot remove the DOCTYPE to hand the file to a validator", file=name,
                               hint="remove the DOCTYPE from the file")
    return copy


def is_tei(tree: etree._ElementTree) -> bool:
    root = tree.getroot()
    return isinstance(root.tag, str) and root.tag in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus")


XHTML_NS = "http://www.w3.org/1999/xhtml"


def tei_root_problem(tree: etree._ElementTree) -> tuple[str, str] | None:
    """(message, hint) saying what the root element is and what TEI P5 expects; None for TEI P5.

    One wording for every command, so XHTML or a wrong namespace is not taken for TEI P4.
    """
    if is_tei(tree):
        return None
    root = tree.getroot()
    qname = etree.QName(root)
    local, ns = qname.localname, qname.namespace
    expected = f"expected <TEI> or <teiCorpus> in the namespace {TEI_NS}"
    if local in ("TEI.2", "teiCorpus.2") and not ns:
        what, hint = f"this is TEI P4 (root <{local}> without a namespace)", _P4_HINT
    elif ns == XHTML_NS:
        what, hint = (f"this is an XHTML page (root <{local}> in the XHTML namespace)",
                      "give the TEI source of the page, not the page")
    elif local in ("TEI", "teiCorpus") and not ns:
        what, hint = f"the root <{local}> is without a namespace", f'add xmlns="{TEI_NS}" to the root element'
    elif local in ("TEI", "teiCorpus"):
        what, hint = (f"the root <{local}> is in the namespace {ns}, not in the TEI namespace",
                      f'change the root\'s xmlns to "{TEI_NS}"')
    elif ns == TEI_NS:  # a part of a TEI document (a <surface> or <div> kept apart to be included)
        what, hint = (f"the root <{local}> is a TEI element but not a whole document: a fragment, "
                      "such as a file another document includes with XInclude",
                      "give the document that includes it, joined first with `teikit assemble FILE -o "
                      "joined.xml`, or put the fragment inside a <TEI> with a teiHeader")
    else:
        shown = f"<{local}> in the namespace {ns}" if ns else f"<{local}> without a namespace"
        what, hint = f"the root element is {shown}", "give a TEI P5 file"
    return f"not a TEI P5 document: {what}; {expected}", hint


def require_tei(tree: etree._ElementTree, name: str | Path) -> None:
    """Raise InputError (exit 2) naming the root element when ``tree`` is not TEI P5."""
    problem = tei_root_problem(tree)
    if problem:
        raise InputError(problem[0], file=name, line=tree.getroot().sourceline, hint=problem[1])


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    """The one serialization of TEI that teikit writes (UTF-8, declaration, final newline)."""
    data = etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
    return data if data.endswith(b"\n") else data + b"\n"


# TEI elements whose content is a sequence of blocks. Whitespace between their children
# carries no meaning, so the edition can be written one block per line (and diagnostics
# get useful line numbers). Mixed content (p, head, item, ...) is never touched.
_BLOCK_CONTAINERS = frozenset(
    f"{{{TEI_NS}}}{name}"
    for name in re.split(r"\s+", """TEI teiCorpus teiHeader fileDesc titleStmt editionStmt
    publicationStmt seriesStmt notesStmt sourceDesc biblStruct monogr analytic series imprint
    relatedItem encodingDesc
    editorialDecl projectDesc classDecl taxonomy profileDesc langUsage textClass keywords
    revisionDesc listChange standOff listPerson person listOrg org listPlace place listEvent event
    text front body back group div listBibl table row list argument availability respStmt
    titlePage figure note correction normalization hyphenation quotation segmentation
    interpretation""")
)


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def indent_blocks(element: etree._Element, level: int = 0) -> None:
    """Put each child of a block container on its own indented line, in place.

    Only containers whose content is element-only (no text around the children) are
    indented, so no character of the text changes.
    """
    if (
        element.tag in _BLOCK_CONTAINERS
        and len(element)
        and _blank(element.text)
        and all(_blank(child.tail) for child in element)
    ):
        pad = "\n" + "  " * (level + 1)
        element.text = pad
        for child in element:
            child.tail = pad
        element[-1].tail = "\n" + "  " * level
    for child in element:
        if isinstance(child.tag, str):
            indent_blocks(child, level + 1)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary sibling and ``os.replace``
    (see :func:`teikit.outputs.write_file`)."""
    from teikit import outputs

    outputs.write_file(path, data)


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_directory(
    path: str | Path, *, inputs: Iterable[str | Path] = (), mark: bool = True
) -> AbstractContextManager[Path]:
    """A fresh temporary folder that replaces ``path`` only if the block succeeds, and only
    if ``path`` is new, empty or written by teikit (see :func:`teikit.outputs.owned_directory`)."""
    from teikit import outputs

    return outputs.owned_directory(path, inputs=inputs, mark=mark)
