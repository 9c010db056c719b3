"""`teikit lsp` end to end: a real LSP client (pytest-lsp) talks to ``python -m teikit lsp``.

The memoir is opened as an editor would open it; a dangling ``@ref`` is typed into it; the
server must answer over stdio with the diagnostic at the typed value, completions from the
personography, a card for a person, the declaration, every reference, and a rename.
"""

from __future__ import annotations

import asyncio
import re
import sys
import threading

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from teikit import paths, xmlio

EDITION = paths.EDITION
URI = EDITION.resolve().as_uri()
TEXT = EDITION.read_text(encoding="utf-8")
LINES = TEXT.splitlines()


CONFIG = ClientServerConfig(server_command=[sys.executable, "-m", "teikit", "lsp"])


class Session:
    """A client connected to a fresh ``teikit lsp``, driven from an event loop of its own.

    The loop runs in its own thread, so the test does not depend on (or disturb) whatever
    loop other tests' fixtures keep in the main thread (Playwright's sync API keeps one).
    """

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client: LanguageClient = self.run(self._start())

    async def _start(self) -> LanguageClient:
        client = await CONFIG.start()
        await client.initialize_session(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=EDITION.parent.resolve().as_uri()))
        return client

    def run(self, coro, timeout: float = 120):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        try:
            self.run(self.client.shutdown_session())
            self.run(self.client.stop())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=30)
            self.loop.close()


@pytest.fixture
def session():
    running = Session()
    yield running
    running.close()


async def _open(client: LanguageClient, text: str = TEXT) -> list[types.Diagnostic]:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=URI, language_id="xml", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[URI]


def _find(needle: str, nth: int = 0) -> types.Position:
    """The position just inside the nth occurrence of ``needle`` (0-based line and column)."""
    hits = [(i, line.index(needle)) for i, line in enumerate(LINES) if needle in line]
    line, column = hits[nth]
    return types.Position(line=line, character=column)


def _pointers_to(xml_id: str) -> int:
    """Pointer tokens naming ``xml_id`` (``"#id"`` alone or in a list), counted in the text."""
    return len(re.findall(rf'(?<=["\s])#{xml_id}(?=["\s])', TEXT))


def _after(needle: str, inner: str) -> types.Position:
    at = _find(needle)
    return types.Position(line=at.line, character=at.character + needle.index(inner) + len(inner))


async def _a_dangling_ref_typed_in_the_editor_is_reported_at_its_value(client):
    clean = [d for d in await _open(client) if d.severity == types.DiagnosticSeverity.Error]
    assert clean == []
    line = _find("<persName ref=\"#pers-josse\">").line
    column = LINES[line].index('"#pers-josse"') + 1
    changed = LINES[line].replace('"#pers-josse"', '"#pers-jose"', 1)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(line, 0), types.Position(line, len(LINES[line]))),
            text=changed)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    errors = [d for d in client.diagnostics[URI] if d.severity == types.DiagnosticSeverity.Error]
    assert len(errors) == 1, errors
    error = errors[0]
    assert error.code == "pointers.dangling" and "#pers-jose" in error.message
    end = column + len("#pers-jose")
    assert error.range == types.Range(types.Position(line, column), types.Position(line, end))
    # The checker's suggestion is offered as a quick fix that puts the right id back.
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=URI), range=error.range,
        context=types.CodeActionContext(diagnostics=[error])))
    [fix] = actions
    assert fix.kind == types.CodeActionKind.QuickFix
    assert list(fix.edit.changes[URI]) == [types.TextEdit(range=error.range, new_text="#pers-josse")]


async def _not_well_formed_text_is_one_diagnostic_at_the_parser_position(client):
    diags = await _open(client, TEXT.replace("<head>Preface</head>", "<head>Preface</hed>", 1))
    assert [d.code for d in diags] == ["input.unusable"]
    assert diags[0].range.start.line == _find("<head>Preface</head>").line


async def _completion_offers_the_personographys_ids(client):
    await _open(client)
    position = _after('<persName ref="#pers-stalin">', "#pers-")
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=position))
    labels = {item.label: item for item in result.items}
    assert "#pers-stalin" in labels and "#pers-bazhanov" in labels
    assert all(label.startswith("#pers-") for label in labels)
    persons = {line.split('xml:id="')[1].split('"')[0] for line in LINES if "<person xml:id=" in line}
    assert set(labels) == {f"#{p}" for p in persons}
    assert labels["#pers-stalin"].detail.startswith("person: Stalin")


async def _hover_shows_a_persons_card(client):
    await _open(client)
    result = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=_after('ref="#pers-stalin"', "stalin")))
    card = result.contents.value
    assert "**person** `#pers-stalin`" in card
    # Every name the personography gives, with its type, as the TEI has it.
    person = xmlio.parse_file(EDITION).getroot().xpath("//tei:person[@xml:id='pers-stalin']",
                                                       namespaces=xmlio.NSMAP)[0]
    names = person.xpath("tei:persName", namespaces=xmlio.NSMAP)
    assert len(names) > 1
    for name in names:
        label = " ".join(filter(None, (name.get("type"), name.get("subtype"))))
        shown = " ".join("".join(name.itertext()).split())
        assert f"- {shown}" + (f" *({label})*" if label else "") in card
    assert f"{_pointers_to('pers-stalin')} reference(s)" in card


async def _definition_and_references(client):
    await _open(client)
    at = _after('ref="#pers-trotsky"', "trotsky")
    location = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=at))
    declared = _find('<person xml:id="pers-trotsky"')
    assert location.range.start.line == declared.line
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=at,
        context=types.ReferenceContext(include_declaration=False)))
    assert len(refs) == _pointers_to("pers-trotsky") > 10


async def _rename_changes_the_id_and_every_pointer(client):
    await _open(client)
    at = _after('<person xml:id="pers-trotsky"', "trotsky")
    edit = await client.text_document_rename_async(types.RenameParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=at, new_name="pers-bronstein"))
    changes = edit.changes[URI]
    lines = list(LINES)
    for change in sorted(changes, key=lambda c: (c.range.start.line, c.range.start.character), reverse=True):
        assert change.range.start.line == change.range.end.line
        text = lines[change.range.start.line]
        assert text[change.range.start.character:change.range.end.character] == "pers-trotsky"
        lines[change.range.start.line] = (text[:change.range.start.character] + change.new_text
                                          + text[change.range.end.character:])
    renamed = "\n".join(lines)
    assert "pers-trotsky" not in renamed
    assert renamed.count("pers-bronstein") == TEXT.count("pers-trotsky")


PERSONS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>P</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><listPerson><person xml:id="p1"><persName>Ada</persName><birth when="1815"/></person>
</listPerson></body></text></TEI>
"""
LETTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>L</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><p><persName ref="persons.xml#p1">Ada</persName> and <persName ref="persons.xml#"/></p>
</body></text></TEI>
"""


async def _an_edition_of_two_files_completes_shows_and_renames_across_them(client, tmp_path):
    (tmp_path / "persons.xml").write_text(PERSONS, encoding="utf-8")
    letter = tmp_path / "letter.xml"
    letter.write_text(LETTER, encoding="utf-8")
    uri = letter.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="xml", version=1, text=LETTER)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    line = 2
    typed = LETTER.splitlines()[line].index('persons.xml#"') + len("persons.xml#")
    # Only the value still being typed is wrong; "persons.xml#p1" resolves in the other file.
    [diag] = client.diagnostics[uri]
    assert diag.range.start == types.Position(line, typed - len("persons.xml#"))
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, typed)))
    assert [i.label for i in result.items] == ["persons.xml#p1"]
    on_p1 = types.Position(line, LETTER.splitlines()[line].index("#p1") + 2)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=on_p1))
    assert "- Ada" in hover.contents.value and "birth: 1815" in hover.contents.value
    edit = await client.text_document_rename_async(types.RenameParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=on_p1, new_name="ada"))
    assert set(edit.changes) == {uri, (tmp_path / "persons.xml").resolve().as_uri()}
    assert [c.new_text for c in edit.changes[uri]] == ["ada"]


# The tests: each plays its scenario above against a fresh server.
def test_a_dangling_ref_typed_in_the_editor_is_reported_at_its_value(session):
    session.run(_a_dangling_ref_typed_in_the_editor_is_reported_at_its_value(session.client))


def test_not_well_formed_text_is_one_diagnostic_at_the_parser_position(session):
    session.run(_not_well_formed_text_is_one_diagnostic_at_the_parser_position(session.client))


def test_completion_offers_the_personographys_ids(session):
    session.run(_completion_offers_the_personographys_ids(session.client))


def test_hover_shows_a_persons_card(session):
    session.run(_hover_shows_a_persons_card(session.client))


def test_definition_and_references(session):
    session.run(_definition_and_references(session.client))


def test_rename_changes_the_id_and_every_pointer(session):
    session.run(_rename_changes_the_id_and_every_pointer(session.client))


def test_an_edition_of_two_files_completes_shows_and_renames_across_them(session, tmp_path):
    session.run(_an_edition_of_two_files_completes_shows_and_renames_across_them(session.client, tmp_path))


async def _outline_lists_the_divisions_by_their_headings(client):
    await _open(client)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=URI)))
    top = {s.name: s for s in symbols}
    assert {"teiHeader", "front", "body", "back"} <= set(top)
    front = [c.name for c in top["front"].children]
    assert "Translator's Introduction" in front and "Preface" in front
    chapter = top["body"].children[0]
    assert chapter.name.startswith("1. ") and len(chapter.name) > 4  # label and title
    assert chapter.selection_range.start.line == _find('<div type="chapter" n="1"').line
    body_divs = xmlio.parse_file(EDITION).getroot().xpath("tei:text/tei:body/tei:div", namespaces=xmlio.NSMAP)
    assert len(top["body"].children) == len(body_divs)
    assert chapter.range.end.line < top["body"].children[1].range.start.line


def test_outline_lists_the_divisions_by_their_headings(session):
    session.run(_outline_lists_the_divisions_by_their_headings(session.client))


async def _a_file_outside_the_editions_folder_is_not_opened(client, tmp_path):
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "persons.xml").write_text(PERSONS, encoding="utf-8")
    (tmp_path / "edition").mkdir()
    letter = tmp_path / "edition" / "letter.xml"
    text = LETTER.replace("persons.xml#", "../private/persons.xml#")
    letter.write_text(text, encoding="utf-8")
    uri = letter.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="xml", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert any("outside the edition's folder" in d.message for d in client.diagnostics[uri])
    line = 2
    on_p1 = types.Position(line, text.splitlines()[line].index("#p1") + 2)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=on_p1))
    assert hover is None or "Ada" not in hover.contents.value


def test_a_file_outside_the_editions_folder_is_not_opened(session, tmp_path):
    """A stranger's pointer (../../private/x.xml) must not show another file's content on hover."""
    session.run(_a_file_outside_the_editions_folder_is_not_opened(session.client, tmp_path))
