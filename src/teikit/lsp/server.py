"""The language server: LSP requests answered from :mod:`~teikit.lsp.scan`, the checker and cards.

One :class:`TeiServer` serves any number of open TEI files. Each open file is scanned and
checked on open, change and save; the scan gives the positions of ids and pointers, the
checker's last well-formed parse gives the elements that hover cards describe. Files the
text points to (``persons.xml#p1``) and registers named in the client's
``initializationOptions`` (``{"registers": ["persons.xml"]}``, relative to the workspace)
are read from disk, once per change of their modification time.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from teikit import __version__, xmlio
from teikit.check.model import Document, edition_folders, local_name
from teikit.diagnostics import Severity
from teikit.errors import InputError
from teikit.lsp.cards import card
from teikit.lsp.diagnose import check_text, place
from teikit.lsp.outline import Entry, outline
from teikit.lsp.scan import Index, Span, Token, is_pointer, scan, typed_value

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_NAMES = ("persName", "placeName", "orgName", "name", "title", "head", "label")


@dataclass
class Source:
    """One file's scan and parse: an open document's text, or a file on disk."""

    uri: str
    path: Path
    index: Index
    doc: Document | None = None  # the last well-formed parse (cards survive a typo)
    mtime: float = 0.0
    version: int | None = None  # the open document's version the scan was made of


@dataclass
class State:
    open: dict[str, Source] = field(default_factory=dict)
    disk: dict[Path, Source] = field(default_factory=dict)
    registers: list[Path] = field(default_factory=list)


class TeiServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("teikit", __version__)
        self.state = State()


server = TeiServer()


# -- reading ---------------------------------------------------------------------------
def _path(uri: str) -> Path:
    return Path(to_fs_path(uri) or uri).resolve()


def _from_disk(path: Path) -> Source | None:
    """A file pointed to or a register, scanned and parsed (None when it cannot be read)."""
    path = path.resolve()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    cached = server.state.disk.get(path)
    if cached is not None and cached.mtime == mtime:
        return cached
    try:
        data = xmlio.read_bytes(path)
        tree = xmlio.parse_bytes(data, str(path), collect_ids=False)
    except InputError:
        return None
    if not xmlio.is_tei(tree):
        return None
    doc = Document(path=path, name=str(path), tree=tree)
    doc._index()
    source = Source(from_fs_path(str(path)) or str(path), path, scan(data.decode("utf-8", "replace")), doc,
                    mtime)
    server.state.disk[path] = source
    return source


def _refresh(document: TextDocument) -> None:
    """Re-scan and re-check an open document and publish its diagnostics."""
    path = _path(document.uri)
    previous = server.state.open.get(document.uri)
    index = scan(document.source)
    diags, doc = check_text(document.source, path, server.state.registers)
    server.state.open[document.uri] = Source(document.uri, path, index,
                                             doc if doc is not None else (previous.doc if previous else None),
                                             version=document.version)
    lines = document.source.split("\n")  # as the scan counts lines
    published = []
    for d in diags:
        if d.file != str(path) and d.line is not None:
            continue  # a problem of a register or a file pointed to: reported when that file is open
        text = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        published.append(types.Diagnostic(range=_range(document, place(d, index, lines)), message=text,
                                          severity=_SEVERITY[d.severity], code=d.code, source="teikit"))
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=document.uri, version=document.version, diagnostics=published))


def _range(document: TextDocument | None, span: Span) -> types.Range:
    server_range = ServerTextRange(ServerTextPosition(span.line, span.start),
                                   ServerTextPosition(span.line, span.end))
    if document is None:
        return types.Range(types.Position(span.line, span.start), types.Position(span.line, span.end))
    return document.range_to_client_units(server_range)


def _document(uri: str) -> TextDocument | None:
    return server.workspace.text_documents.get(uri)


def _cursor(uri: str, position: types.Position) -> tuple[Source, int, int] | None:
    """The open source and the cursor as (line, Python column)."""
    source = server.state.open.get(uri)
    document = _document(uri)
    if source is None or document is None:
        return None
    if source.version != document.version:
        # A change whose check is still waiting (see did_change): positions come from the
        # text as it is now, so rescan (fast) and keep the last parse for cards.
        source.index, source.version = scan(document.source), document.version
    at = document.position_from_client_units(position)
    return source, at.line, at.character


def _origin(source: Source, token: Token) -> Source | None:
    """The source holding the id a token names: this file, or the file its pointer names."""
    if token.is_id or not token.file:
        if token.target in source.index.ids or not token.target:
            return source
        return _register_with(token.target) or source
    target = (source.path.parent / token.file).resolve()
    if not any(target.is_relative_to(root) for root in edition_folders([source.path])):
        return None  # as `teikit check`: a file outside the edition's folder is not opened
    return _from_disk(target)


def _register_with(xml_id: str) -> Source | None:
    for reg in server.state.registers:
        found = _from_disk(reg)
        if found is not None and xml_id in found.index.ids:
            return found
    return None


def _location(source: Source, span: Span) -> types.Location:
    document = _document(source.uri)
    return types.Location(uri=source.uri, range=_range(document, span))


# -- lifecycle -------------------------------------------------------------------------
@server.feature(types.INITIALIZE)
def initialize(ls: TeiServer, params: types.InitializeParams) -> None:
    options = params.initialization_options or {}
    root = _path(params.root_uri) if params.root_uri else Path.cwd()
    ls.state.registers = [(root / r).resolve() for r in options.get("registers", [])]


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: TeiServer, params: types.DidOpenTextDocumentParams) -> None:
    _refresh(ls.workspace.get_text_document(params.text_document.uri))


# Typing sends a change per keystroke; checking waits until the text has been still this long.
DEBOUNCE_SECONDS = 0.25
_pending: dict[str, asyncio.Task] = {}


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: TeiServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = _pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    _pending[uri] = asyncio.ensure_future(_refresh_later(uri))


async def _refresh_later(uri: str) -> None:
    await asyncio.sleep(DEBOUNCE_SECONDS)
    _pending.pop(uri, None)
    document = _document(uri)
    if document is not None:
        _refresh(document)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: TeiServer, params: types.DidSaveTextDocumentParams) -> None:
    _refresh(ls.workspace.get_text_document(params.text_document.uri))


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: TeiServer, params: types.DidCloseTextDocumentParams) -> None:
    waiting = _pending.pop(params.text_document.uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.state.open.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                        diagnostics=[]))


# -- completion ------------------------------------------------------------------------
def _summary(source: Source, xml_id: str) -> str:
    el = source.doc.ids.get(xml_id) if source.doc is not None else None
    if el is None:
        return source.index.ids[xml_id].element if xml_id in source.index.ids else ""
    name = next((c for c in el.iter() if isinstance(c.tag, str) and local_name(c) in _NAMES), None)
    label = " ".join("".join(name.itertext()).split()) if name is not None else ""
    return f"{local_name(el)}: {label}" if label else local_name(el)


@server.feature(types.TEXT_DOCUMENT_COMPLETION,
                types.CompletionOptions(trigger_characters=["#", '"', "'", " "]))
def completion(ls: TeiServer, params: types.CompletionParams) -> types.CompletionList | None:
    found = _cursor(params.text_document.uri, params.position)
    document = _document(params.text_document.uri)
    if found is None or document is None:
        return None
    source, line, column = found
    typed = typed_value(document.lines[line] if line < len(document.lines) else "", column)
    if typed is None:
        return None
    element, attr, prefix = typed
    if not is_pointer(element, attr):
        return None
    file, hash_, _ = prefix.rpartition("#")
    if file:  # "persons.xml#…": the ids of that file
        other = _from_disk(source.path.parent / file)
        pools = [(other, f"{file}#")] if other is not None else []
    elif attr == "key":
        pools = [(source, "")] + [(s, "") for r in ls.state.registers if (s := _from_disk(r)) is not None]
    else:
        pools = [(source, "#")]
    edit_range = _range(document, Span(line, column - len(prefix), column))
    items, seen = [], set()
    for pool, lead in pools:
        for xml_id in pool.index.ids:
            label = f"{lead}{xml_id}"
            if not label.startswith(prefix) or label in seen:
                continue
            seen.add(label)
            items.append(types.CompletionItem(
                label=label, kind=types.CompletionItemKind.Reference, detail=_summary(pool, xml_id),
                text_edit=types.TextEdit(range=edit_range, new_text=label), filter_text=label))
    return types.CompletionList(is_incomplete=False, items=items)


# -- hover, definition, references -----------------------------------------------------
@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: TeiServer, params: types.HoverParams) -> types.Hover | None:
    found = _cursor(params.text_document.uri, params.position)
    if found is None:
        return None
    source, line, column = found
    token = source.index.at(line, column)
    if token is None or not token.target:
        return None
    origin = _origin(source, token)
    el = origin.doc.ids.get(token.target) if origin is not None and origin.doc is not None else None
    if el is None:
        return types.Hover(contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown,
            value=f"`{token.value}`: no element has the xml:id `{token.target}`"))
    refs = len(source.index.references(token.target, "" if origin is source else token.file))
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                    value=card(el, token.target, refs)),
                       range=_range(_document(source.uri), token.span))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: TeiServer, params: types.DefinitionParams) -> types.Location | None:
    found = _cursor(params.text_document.uri, params.position)
    if found is None:
        return None
    source, line, column = found
    token = source.index.at(line, column)
    if token is None or not token.target:
        return None
    origin = _origin(source, token)
    if origin is None or token.target not in origin.index.ids:
        return None
    return _location(origin, origin.index.ids[token.target].span)


def _all_references(source: Source, token: Token) -> list[tuple[Source, Token]]:
    """The declaration and every pointer naming the same id, in the open files and the origin."""
    origin = _origin(source, token) or source
    out: list[tuple[Source, Token]] = []
    if token.target in origin.index.ids:
        out.append((origin, origin.index.ids[token.target]))
    for other in _sources_for(origin):
        file = "" if other.path == origin.path else _relative(other.path, origin.path)
        out += [(other, t) for t in other.index.references(token.target, file)]
    return out


_EDITION_FILES = 500  # a folder with more XML files than this is not searched on disk


def _sources_for(origin: Source) -> list[Source]:
    """Where pointers to the origin's ids may be: every open file, and the edition's other
    TEI files (the ``*.xml`` beside the origin) as saved on disk."""
    sources = {s.path: s for s in server.state.open.values()}
    sources.setdefault(origin.path, origin)
    siblings = sorted(origin.path.parent.glob("*.xml"))
    if len(siblings) <= _EDITION_FILES:
        for path in siblings:
            if path.resolve() not in sources and (found := _from_disk(path)) is not None:
                sources[found.path] = found
    return list(sources.values())


def _relative(from_path: Path, to_path: Path) -> str:
    try:
        return str(to_path.relative_to(from_path.parent))
    except ValueError:
        return str(to_path)


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: TeiServer, params: types.ReferenceParams) -> list[types.Location] | None:
    found = _cursor(params.text_document.uri, params.position)
    if found is None:
        return None
    source, line, column = found
    token = source.index.at(line, column)
    if token is None or not token.target:
        return None
    return [_location(s, t.span) for s, t in _all_references(source, token)
            if params.context.include_declaration or not t.is_id]


# -- outline ---------------------------------------------------------------------------
def _symbol(entry: Entry, document: TextDocument) -> types.DocumentSymbol:
    lines = document.lines

    def text(n: int) -> str:
        return lines[n].rstrip("\r\n") if n < len(lines) else ""

    first = text(entry.line)
    indent = len(first) - len(first.lstrip())
    whole = ServerTextRange(ServerTextPosition(entry.line, indent),
                            ServerTextPosition(entry.end, len(text(entry.end))))
    kind = types.SymbolKind.Namespace if entry.kind.startswith("list") else types.SymbolKind.Module
    return types.DocumentSymbol(
        name=entry.name, detail=entry.kind, kind=kind, range=document.range_to_client_units(whole),
        selection_range=_range(document, Span(entry.line, indent, len(first))),
        children=[_symbol(c, document) for c in entry.children])


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: TeiServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    """The divisions and registers, nested, named by their headings (the last good parse)."""
    source = server.state.open.get(params.text_document.uri)
    document = _document(params.text_document.uri)
    if source is None or document is None or source.doc is None:
        return []
    entries = outline(source.doc.tree.getroot(), max(len(document.lines) - 1, 0))
    return [_symbol(e, document) for e in entries]


# -- quick fixes -----------------------------------------------------------------------
_SUGGESTION = re.compile(r"did you mean (\S+?)\?")


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: TeiServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """The checker's "did you mean #x?" as a one-click replacement of the value at fault."""
    actions = []
    for diag in params.context.diagnostics:
        found = _SUGGESTION.search(diag.message) if diag.source == "teikit" else None
        if found is None:
            continue
        value = found.group(1)
        edit = types.WorkspaceEdit(changes={params.text_document.uri: [types.TextEdit(range=diag.range,
                                                                                      new_text=value)]})
        actions.append(types.CodeAction(title=f"Replace with {value}", kind=types.CodeActionKind.QuickFix,
                                        diagnostics=[diag], edit=edit, is_preferred=True))
    return actions


# -- rename ----------------------------------------------------------------------------
@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: TeiServer, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
    found = _cursor(params.text_document.uri, params.position)
    if found is None:
        return None
    source, line, column = found
    token = source.index.at(line, column)
    if token is None or not token.target:
        return None
    start = token.span.start + token.value.rfind(token.target)
    return types.PrepareRenamePlaceholder(
        range=_range(_document(source.uri), Span(line, start, start + len(token.target))),
        placeholder=token.target)


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls: TeiServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    """Rename an id: its ``xml:id`` and the id part of every pointer to it, in every open file
    and the file that holds it (a file that is not open is edited through the client too)."""
    found = _cursor(params.text_document.uri, params.position)
    if found is None:
        return None
    source, line, column = found
    token = source.index.at(line, column)
    if token is None or not token.target:
        return None
    new = params.new_name.lstrip("#")
    if not _is_ncname(new):
        raise ValueError(f"{params.new_name!r} is not a valid xml:id (an XML name without a colon)")
    edits: dict[str, list[types.TextEdit]] = {}
    for where, t in _all_references(source, token):
        start = t.span.start + t.value.rfind(t.target)
        span = Span(t.span.line, start, start + len(t.target))
        edits.setdefault(where.uri, []).append(types.TextEdit(range=_range(_document(where.uri), span),
                                                              new_text=new))
    return types.WorkspaceEdit(changes=edits)


def _is_ncname(value: str) -> bool:
    from lxml import etree

    try:
        etree.QName(value)
    except ValueError:
        return False
    return bool(value) and ":" not in value


def serve_stdio() -> None:
    """Run the server on stdin/stdout until the client says exit."""
    server.start_io()
