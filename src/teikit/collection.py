"""An edition of many documents (letters, sermons, plays): one folder or list of TEI files
built as one site, one EPUB and one set of CSVs.

The documents are read one by one with the safe parser and gathered, in order, under a
``teiCorpus`` whose header names the collection; every stage then reads that one tree, so
the site's contents list every document's divisions, the EPUB holds every text, and the
text-preservation check counts every word. The order is that of the files' paths, numbers
in them by value (:func:`teikit.xmlio.reading_order`: ``brief2.xml`` before ``brief10.xml``;
name them by date, e.g. ``1888-05-03-to-theo.xml``, for a chronological edition).

Pointers from one member into another (``persons.xml#p1``) are read as pointers inside
the collection (:func:`link_members`); a letters index comes from the members'
``correspDesc`` (:mod:`teikit.letters`, ``xslt/html/letters.xsl``). Register files given
apart (``--register``, the project's ``registers``) are copied into the corpus's standOff
(:func:`add_registers`); an entity described again in several letters keeps one entry
(:func:`one_entry_per_entity`). The site's pages may be written by several processes
(:mod:`teikit.build.parallel`).
"""

from __future__ import annotations

import copy
import os
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from lxml import etree

from teikit import xmlio
from teikit.check.pointers import iter_pointers
from teikit.edition import REGISTER_LISTS, Edition
from teikit.errors import InputError
from teikit.keys import ENTRY_TAGS, keys_as_refs

T = f"{{{xmlio.TEI_NS}}}"


def _hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def tei_files(folder: Path) -> list[Path]:
    """The XML files under ``folder`` (in :func:`teikit.xmlio.reading_order`), hidden files
    and folders left out, and the companions of a known other vocabulary (:func:`hidden_files`
    and :func:`foreign_files` name them, for the notice the commands print)."""
    return [p for p in _walk(folder) if not _companion(p)]


# The roots of files that keep an edition company without being documents of it: CapiTainS'
# text inventories (__cts__.xml beside every text of a Perseus or PTA repository) and schema
# languages. Any other root that is not TEI (an XHTML page saved under a letter's name) stays
# a member, refused with its message: it may be a document gone wrong, not one to drop.
_COMPANION_NAMESPACES = frozenset({
    "http://chs.harvard.edu/xmlns/cts", "http://www.w3.org/2001/XMLSchema",
    "http://relaxng.org/ns/structure/1.0", "http://purl.oclc.org/dsdl/schematron",
    "http://www.ascc.net/xml/schematron", "http://www.w3.org/1999/XSL/Transform"})


def _companion(path: Path) -> bool:
    from teikit.hooks import root_namespace

    return root_namespace(path) in _COMPANION_NAMESPACES


def foreign_files(folder: Path) -> list[Path]:
    """The XML files under ``folder`` whose root is of a known other vocabulary (CapiTainS'
    ``__cts__.xml``, a schema, a stylesheet): not members, as ``check`` of a folder leaves
    them out (``input.skipped``); named in a notice."""
    return [p for p in _walk(folder) if _companion(p)]


def _walk(folder: Path) -> list[Path]:
    # not is_file(): a FIFO or a dangling link is refused when read, not skipped in silence
    found = (p for p in folder.rglob("*.xml") if not p.is_dir() and not _hidden(p, folder))
    return xmlio.files_in_folder(folder, sorted(found, key=xmlio.reading_order))


def hidden_files(folder: Path) -> list[Path]:
    """The ``*.xml`` files under ``folder`` that :func:`tei_files` leaves out: hidden
    (``.draft.xml``, ``..x.xml``) or in a hidden folder (``.git/``, ``.trash/``). They are
    an editor's backups and locks (``.#letter.xml``), macOS's resource forks (``._letter.xml``,
    binary), a version system's files; not members, but named, so none is left out unseen."""
    return sorted((p for p in folder.rglob("*.xml") if _hidden(p, folder) and not p.is_dir()),
                  key=xmlio.reading_order)


def _el(tag: str, text: str | None = None, parent: etree._Element | None = None) -> etree._Element:
    el = etree.Element(T + tag) if parent is None else etree.SubElement(parent, T + tag)
    if text is not None:
        el.text = text
    return el


def load_collection(files: list[Path], *, name: Path, title: str | None = None,
                    registers: Iterable[Path] = ()) -> Edition:
    """One Edition holding ``files`` under a teiCorpus, with the entries of ``registers`` (files
    of listPerson, listPlace, ...) in its standOff; ``name`` (a folder or project file) names
    it in messages and gives the outputs their stem."""
    if not files:
        raise InputError("the collection holds no TEI file", file=name, hint="give a folder of .xml files")
    corpus = etree.Element(T + "teiCorpus", nsmap={None: xmlio.TEI_NS})
    header = _el("teiHeader", parent=corpus)
    file_desc = _el("fileDesc", parent=header)
    title_el = _el("title", title or name.stem, _el("titleStmt", parent=file_desc))
    publication = _el("publicationStmt", parent=file_desc)
    # (its agency is named once the members are read: _name_publisher)
    agency = _el("authority", f"A collection of {len(files)} TEI documents.", publication)
    agency.set("type", "teikit")
    # An identifier (a deposit and the citations need one): the folder's or project's name,
    # made of plain characters.
    idno = _el("idno", re.sub(r"[^A-Za-z0-9._-]+", "-", name.resolve().name if name.is_dir() else name.stem)
               .strip("-") or "collection", publication)
    idno.set("type", "teikit")
    _el("p", "The documents listed in the teiCorpus, each with its own header.",
        _el("sourceDesc", parent=file_desc))
    names = member_names(files, name)
    portable_names(names)
    registers = list(registers)
    for reg in registers:
        if reg.name in names.values() and reg.resolve() not in {f.resolve() for f in files}:
            raise InputError(f"the register {reg.name} has the name of a document of the collection",
                             file=reg, hint="rename one of them: both are kept under that name in a deposit")
    for path in files:
        tree = xmlio.parse_file(path)
        root = tree.getroot()
        if root.tag != T + "TEI":
            problem = xmlio.tei_root_problem(tree)
            if problem:  # P4, XHTML, another format's file (a CapiTainS __cts__.xml): the one message
                raise InputError(problem[0], file=path, line=root.sourceline,
                                 hint=f"{problem[1]}; or, when it is not one of the collection's documents, "
                                      "move it out of the folder (or list the documents in teikit.toml)")
            raise InputError("a collection member must be one TEI document, not a teiCorpus", file=path,
                             line=root.sourceline, hint="list the teiCorpus's own TEI files instead")
        root.set(f"{{{xmlio.XML_NS}}}base", names[path])  # where each member came from
        corpus.append(root)
    if title is None:
        title_el.text = collection_title(corpus, name)
    _name_responsible(corpus, title_el.getparent())
    _name_publisher(corpus, agency)
    # Its date: the latest its members were published (so the same files give the same date).
    found = corpus.xpath("tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:date/@when",
                         namespaces={"tei": xmlio.TEI_NS})
    dates = sorted(d for d in found if re.match(r"^\d{4}", d))
    if dates:
        _el("date", dates[-1], publication).set("when", dates[-1])
    add_registers(corpus, registers)
    one_entry_per_entity(corpus)
    local_pointers(corpus, {p.name for p in registers})
    keys_as_refs(corpus)  # a name's @key naming an entry points at it (teikit.keys)
    renamed = unique_ids(corpus)
    link_members(corpus, renamed)
    tree = etree.ElementTree(corpus)
    tree.docinfo.URL = str(name)  # messages about the collection's own header name its folder
    return Edition(path=name, tree=tree, members={names[p]: p for p in files}, registers=tuple(registers))


def _name_publisher(corpus: etree._Element, agency: etree._Element) -> None:
    """The collection's publisher: its members' when every one names the same (a project's
    letters: "Austrian Centre for Digital Humanities"). Else the agency stays the sentence
    saying what the collection is, typed ``teikit``, which citations do not print as a
    publisher: the reading edition's "Cite" gave "… Briefwechsel. A collection of 8 TEI
    documents., 2023"."""
    from teikit.cite.tei import agent_name

    found = set()
    for member in corpus.iterfind("tei:TEI", xmlio.NSMAP):
        agents = member.xpath("tei:teiHeader/tei:fileDesc/tei:publicationStmt/*[self::tei:publisher or "
                              "self::tei:distributor or self::tei:authority][1]", namespaces=xmlio.NSMAP)
        found.add(agent_name(agents[0]) if agents else "")
    if len(found) == 1 and (name := found.pop()):
        agency.tag = f"{{{xmlio.TEI_NS}}}publisher"
        agency.text = name
        del agency.attrib["type"]


def member_names(files: list[Path], name: Path) -> dict[Path, str]:
    """The name each member is known by (its xml:base, its file in a deposit, in messages):
    its path from the collection's folder (the folder given, else the one its files share),
    "/"-separated: its file name when it lies in that folder itself, ``1891/letter.xml`` in
    a subfolder, so that two members of one file name are never taken for each other and a
    deposit keeps the editor's folders."""
    top = name if name.is_dir() else Path(os.path.commonpath([p.parent.absolute() for p in files]))
    named = {}
    for path in files:
        try:
            named[path] = path.absolute().relative_to(top.absolute()).as_posix()
        except ValueError:  # outside that folder (a project listing files elsewhere): its whole path
            named[path] = path.absolute().as_posix().lstrip("/")
    return named


def portable_names(names: dict[Path, str]) -> None:
    """Refuse two member names that differ only in case or Unicode normalization (``a-b.xml``
    and ``A-B.xml``, ``é`` composed and decomposed): one file on macOS and Windows, so one
    member's outputs made from its name (its EPUB with ``--epub-per-document``, its copy in a
    deposit) would replace the other's there. A name that one system cannot hold alone
    (``why?.xml``, a newline) is not refused: the pages, links, EPUBs and bag manifests escape
    it (tests/xslt/test_member_page_names.py, tests/deposit/test_metadata.py)."""
    seen: dict[str, Path] = {}
    for path, member in names.items():
        key = unicodedata.normalize("NFC", member).casefold()
        if key in seen:
            raise InputError(f"the documents {names[seen[key]]!r} and {member!r} differ only in case or "
                             "in the Unicode form of a letter: on macOS and Windows they are one file, so "
                             "one's outputs (its EPUB, its copy in a deposit) would replace the other's",
                             file=path, hint="rename one of them")
        seen[key] = path


# Folder names that say nothing of an edition ("data/", "tei/"): its parent's name is better.
GENERIC_FOLDERS = frozenset({"data", "tei", "xml", "editions", "edition", "texts", "text", "documents",
                             "docs", "files", "corpus", "src", "source", "sources", "input", "collection",
                             "content"})
_SERIES_TITLES = etree.XPath(
    "(tei:teiHeader/tei:fileDesc/tei:seriesStmt/tei:title"
    " | tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@level = 's'])[1]",
    namespaces={"tei": xmlio.TEI_NS})


def collection_title(corpus: etree._Element, name: Path) -> str:
    """The title of a collection no project names: the series title every member gives
    (seriesStmt, or a title of level "s"), else the folder's name, or its parent's when the
    folder's says nothing ("data", "tei"). teikit.toml's ``title`` sets it (docs/collections.md)."""
    members = list(corpus.iterchildren(T + "TEI"))
    found = [" ".join(" ".join(t.itertext()).split()) for member in members for t in _SERIES_TITLES(member)]
    if len(found) == len(members) and len(set(found)) == 1 and found[0]:
        return found[0]
    # the title every member gives, of more than one word: a correspondence whose letters are
    # each "Sophie von La Roche an Johann Isaak von Gerning" (its folder is "briefe_tei")
    titles = {_main_title(member) for member in members}
    if len(members) > 1 and len(titles) == 1 and len((shared := titles.pop()).split()) > 1:
        return shared
    folder = name.resolve()
    if folder.is_dir() and folder.name.lower() in GENERIC_FOLDERS and folder.parent.name:
        return folder.parent.name
    return name.stem


_MAIN_TITLE = etree.XPath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[not(@type) or @type = 'main']"
                         "[normalize-space()][1]", namespaces={"tei": xmlio.TEI_NS})


def _main_title(member: etree._Element) -> str:
    found = _MAIN_TITLE(member)
    return " ".join(" ".join(found[0].itertext()).split()) if found else ""


def _named(member: etree._Element, role: str) -> list[tuple[str, etree._Element]]:
    """(words, element) of each ``role`` (author, editor) of ``member``'s titleStmt."""
    return [(" ".join(" ".join(el.itertext()).split()), el)
            for el in member.iterfind(f"tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:{role}", xmlio.NSMAP)]


def _name_responsible(corpus: etree._Element, title_stmt: etree._Element) -> None:
    """The collection's authors and editors: those every member names in its titleStmt, in
    the first member's order (a correspondence of one writer, one editor for all its
    letters: La Roche's letters to Gerning, edited by Rachel Aimee Georg). Citing the
    collection then names them; one member's own are not the collection's."""
    members = list(corpus.iterchildren(T + "TEI"))
    if len(members) < 2:
        return
    for role in ("author", "editor"):
        first = [(text, el) for text, el in _named(members[0], role) if text]
        shared = set.intersection(*({text for text, _ in _named(m, role)} for m in members))
        for text, el in first:
            if text in shared:
                copied = copy.deepcopy(el)
                copied.tail = None
                for inner in copied.iter():  # one id, one element: the member keeps it
                    inner.attrib.pop(f"{{{xmlio.XML_NS}}}id", None)
                title_stmt.append(copied)


# "other.xml#id" (or "../registers/other.xml#id"): a pointer into another file.
_OTHER_FILE = re.compile(r"^(?:[^#\s]*/)?([^#/\s]+\.xml)#(\S+)$")


def one_entry_per_entity(root: etree._Element) -> int:
    """Keep the first register entry of each xml:id; returns how many repeats were dropped.

    Letters editions repeat, in every letter's standOff or back matter, the entries of the
    persons and places it names, under one authority id (``pmb2121``): in the collection they
    are one entity, with one page, and the repeats are the same entity described again.
    """
    seen: dict[str, etree._Element] = {}
    first_said: dict[str, str] = {}  # the first entry's words, read once however often it repeats
    repeated = []
    described: list[etree._Element] = []
    for el in root.iter(*ENTRY_TAGS):
        ident = el.get(xmlio.XML_ID)
        parent = el.getparent()
        # the list's local name (QName() per entry took a fifth of this loop on 8,000 entries)
        if ident is None or parent is None or parent.tag.rpartition("}")[2] not in REGISTER_LISTS:
            continue
        first = seen.setdefault(ident, el)
        # An entry in a document's text says something of that document only when it says
        # anything else than the first: EpiDoc inscriptions cite one work under one ID in each
        # bibliography, each with its own page (its text's words, not a repeat to drop).
        if first is not el and (_in_text(el) is None or _said(el) == (
                first_said.get(ident) or first_said.setdefault(ident, _said(first)))):
            repeated.append(el)
        elif first is not el and el.get("sameAs") is None \
                and any(map(is_register_list, first.iterancestors())):
            described.append(el)
    for el in described:
        # a document's own words on an entry of a register file (a letter's back matter on
        # Schnitzler's pmb50): the same entity, so its pointers stay the register's and it
        # makes no second entity of one ID; its words stay where they stand
        el.set("sameAs", "#" + el.attrib.pop(xmlio.XML_ID))
    for el in repeated:
        parent = el.getparent()
        if parent is not None:
            if el.tail and el.tail.strip():  # never lose text that stood beside an entry
                continue
            parent.remove(el)
    return len(repeated)


def is_register_list(el: etree._Element) -> bool:
    """Is ``el`` a list :func:`add_registers` copied from a register file given apart (a child
    of the standOff, marked with its file in ``xml:base``)?"""
    parent = el.getparent()
    return (el.get(f"{{{xmlio.XML_NS}}}base") is not None
            and parent is not None and parent.tag == T + "standOff")


def register_lists(root: etree._Element) -> list[etree._Element]:
    """The lists :func:`add_registers` copied into ``root``'s standOff from register files."""
    stand_off = root.find(T + "standOff")
    if stand_off is None:
        return []
    return [el for el in stand_off if isinstance(el.tag, str) and is_register_list(el)]


def _in_text(el: etree._Element) -> etree._Element | None:
    return next(el.iterancestors(T + "text"), None)


def _said(el: etree._Element) -> str:
    # the serializer's text method: a third of the time of joining itertext() (8,694 entries
    # of a thousand letters: 0.13 -> 0.04 s), the same text (no comment's or PI's, tails kept)
    return " ".join(etree.tostring(el, method="text", encoding="unicode", with_tail=False).split())


def with_registers(edition: Edition, registers: Iterable[Path]) -> Edition:
    """``edition`` (one document) with the entries of ``registers`` in its standOff, its
    names' ``@key`` naming one of them read as references to it (:mod:`teikit.keys`); the
    edition itself when there are none."""
    registers = list(registers)
    if registers:
        add_registers(edition.root, registers)
        one_entry_per_entity(edition.root)
        local_pointers(edition.root, {p.name for p in registers})
        edition.registers = tuple(registers)
        keys_as_refs(edition.root)  # now also those naming the registers' entries
    return edition


def add_registers(root: etree._Element, registers: list[Path]) -> None:
    """Copy the register files' lists (persons, places, ...) into ``root``'s standOff (made
    after the header when there is none), each list marked with the file it came from."""
    if not registers:
        return
    stand_off = root.find(T + "standOff")
    if stand_off is None:
        stand_off = etree.Element(T + "standOff")
        header = root.find(T + "teiHeader")
        root.insert(root.index(header) + 1 if header is not None else 0, stand_off)
    outer = {T + n for n in REGISTER_LISTS}
    for path in registers:
        reg = xmlio.parse_file(path)
        xmlio.require_tei(reg, path)
        lists = [el for el in reg.getroot().iter(*outer)
                 if not any(anc.tag in outer for anc in el.iterancestors())]
        if not lists:
            raise InputError("the register holds no listPerson, listPlace, listOrg, listEvent or listBibl",
                             file=path, hint="give a TEI file whose lists describe the entities named")
        for found in lists:
            copied = copy.deepcopy(found)
            copied.set(f"{{{xmlio.XML_NS}}}base", path.name)
            stand_off.append(copied)


def local_pointers(root: etree._Element, names: set[str]) -> None:
    """Rewrite every pointer ``name.xml#id`` whose file is one of ``names`` (a register) to ``#id``."""
    if not names:
        return
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in el.attrib.items():
            if ".xml#" not in value:
                continue
            tokens = value.split()
            new = []
            for token in tokens:
                m = _OTHER_FILE.match(token)
                new.append(f"#{m.group(2)}" if m and m.group(1) in names else token)
            if new != tokens:
                el.set(attr, " ".join(new))


# the substring test first: it rules out nearly every attribute for less than namespace-uri()
_NAMING_XML = etree.XPath("descendant-or-self::*[@*[contains(., '.xml')][namespace-uri() = '']]")
_IDS = etree.XPath("descendant-or-self::*/@xml:id", smart_strings=False)
_WITH_ID = etree.XPath("descendant-or-self::*[@xml:id]")
_WITH_PLAIN_ATTRIBUTES = etree.XPath("descendant-or-self::*[@*[namespace-uri() = '']]")


def _id_prefix(member: etree._Element) -> str:
    """What a member's own IDs are prefixed with when another member holds them too: its
    xml:id, else its file's stem, made an NCName."""
    raw = member.get(xmlio.XML_ID) or Path(member.get(f"{{{xmlio.XML_NS}}}base") or "doc").stem
    name = re.sub(r"[^\w.-]", "-", raw)
    return name if re.match(r"[^\W\d]", name) else f"d{name}"


def unique_ids(corpus: etree._Element) -> dict[tuple[str, str], str]:
    """Give every xml:id that several members hold (each letter's note ``n1``, line ``p1-l1``)
    a new one in every member but the first (``L2-n1``), and rewrite that member's own
    pointers to it (``#n1`` -> ``#L2-n1``), so a letter's marker leads to its own note and
    not to the first letter's. Register entries repeated across members are one entity
    (:func:`one_entry_per_entity`) and keep their ID. Returns {(member file, old ID): new ID}
    for pointers from other members (:func:`link_members`)."""
    members = list(corpus.iterchildren(T + "TEI"))
    holders: dict[str, list[etree._Element]] = {}
    taken: set[str] = set()
    for member in members:
        for xml_id in dict.fromkeys(_IDS(member)):
            holders.setdefault(xml_id, []).append(member)
            taken.add(xml_id)
    # An ID of the collection's own standOff (a register file's entry) that a member holds
    # too on anything but an entry (one_entry_per_entity made its entries sameAs the
    # register's: a div, a note named "pmb50"): the member's is renamed like any repeat, as
    # the register's comes first. Both under one ID gave two pages one file.
    outside = {xml_id for child in corpus if isinstance(child.tag, str) and child.tag != T + "TEI"
               for xml_id in _IDS(child)}
    # every ID of the collection is taken (the members' are above: not looked for again)
    taken.update(outside)
    if corpus.get(xmlio.XML_ID) is not None:
        taken.add(corpus.get(xmlio.XML_ID))
    renamed: dict[tuple[str, str], str] = {}
    by_member: dict[int, dict[str, str]] = {}  # id(member) -> {old: new}
    prefixes: dict[int, str] = {}
    bases = {id(member): member.get(f"{{{xmlio.XML_NS}}}base") or "" for member in members}
    for xml_id, owners in holders.items():
        for member in owners if xml_id in outside else owners[1:]:
            base = bases[id(member)]
            prefix = prefixes.get(id(member)) or prefixes.setdefault(id(member), _id_prefix(member))
            new = f"{prefix}-{xml_id}"
            n = 1
            while new in taken:
                n += 1
                new = f"{prefix}-{xml_id}-{n}"
            taken.add(new)
            renamed[(base, xml_id)] = new
            by_member.setdefault(id(member), {})[xml_id] = new
    for member in members:
        own = by_member.get(id(member))
        if not own:
            continue
        for el in _WITH_ID(member):
            xml_id = el.get(xmlio.XML_ID)
            if xml_id in own:
                el.set(xmlio.XML_ID, own[xml_id])
        hashed = {"#" + xml_id for xml_id in own}
        for el in _WITH_PLAIN_ATTRIBUTES(member):  # pointers are plain (un-namespaced) attributes
            if not _names_any(el, own, hashed):  # most elements name none of them: not read as pointers
                continue
            changed: dict[str, list[str]] = {}
            for p in iter_pointers(el, etree.QName(el).localname):
                if p.kind in ("local", "bare") and p.fragment in own:
                    tokens = changed.setdefault(p.attr, el.get(p.attr, "").split())
                    tokens[:] = [(("#" if p.kind == "local" else "") + own[p.fragment]) if t == p.value else t
                                 for t in tokens]
            for attr, tokens in changed.items():
                el.set(attr, " ".join(tokens))
    return renamed


def _names_any(el: etree._Element, ids: Mapping[str, str], hashed: set[str]) -> bool:
    """Does a plain attribute of ``el`` hold ``id`` or ``#id`` for one of ``ids``, as a token?
    (Only such a token can be a local or bare pointer to it: the test before the pointers of
    an element are read, which for 1,000 letters whose every line has a shared ID took a
    third of reading them.)"""
    for attr, raw in el.attrib.items():
        if not attr.startswith("{"):
            for token in raw.split():
                if token in ids or token in hashed:
                    return True
    return False


def link_members(corpus: etree._Element, renamed: dict[tuple[str, str], str] | None = None) -> int:
    """Pointers from one member into another (``persons.xml#p1``, ``letter2.xml#d3``) become
    pointers inside the collection (``#p1``), so every stage reads them as links, mentions
    and register entries. Only an ID that one member alone holds is rewritten, so nothing is
    pointed at the wrong member; a pointer to a whole member names its xml:id when it has
    one. Returns how many pointer values were rewritten."""
    members = {m.get(f"{{{xmlio.XML_NS}}}base"): m for m in corpus.iterchildren(T + "TEI")}
    # Only a value naming a member's file (every member is a .xml file) can point into another
    # member: find those first with a plain substring test (in XPath: a Python loop over every
    # attribute of a thousand letters took a third of reading them), and index the members'
    # IDs only when there are any. Namespaced attributes (xml:base above all) are no pointers.
    candidates = [el for member in members.values() for el in _NAMING_XML(member)]
    if not candidates:
        return 0
    owners: dict[str, list[str]] = {}
    for base, member in members.items():
        for xml_id in _IDS(member):
            owners.setdefault(xml_id, []).append(base)
    by_name: dict[str, list[str]] = {}
    for base in members:
        by_name.setdefault(PurePosixPath(base).name, []).append(base)
    rewritten = 0
    for el in candidates:
        for p in iter_pointers(el, etree.QName(el).localname):
            base = _member_named(p.path, _base_of(el), members, by_name) if p.kind == "file" else None
            if base is None:
                continue
            target = p.fragment or members[base].get(xmlio.XML_ID) or ""
            target = (renamed or {}).get((base, target), target)  # its member's ID was shared
            if target and owners.get(target) == [base]:
                el.set(p.attr, " ".join("#" + target if token == p.value else token
                                        for token in el.get(p.attr, "").split()))
                rewritten += 1
    return rewritten


def _base_of(el: etree._Element) -> str:
    """The xml:base of the member ``el`` stands in."""
    member = next(el.iterancestors(T + "TEI"), el if el.tag == T + "TEI" else None)
    return (member.get(f"{{{xmlio.XML_NS}}}base") or "") if member is not None else ""


def _member_named(path: str, pointing: str, members: Mapping[str, etree._Element],
                  by_name: Mapping[str, list[str]]) -> str | None:
    """The member a pointer's file names: by its path from the pointing member's folder
    (``../1891/letter.xml``), else by its file name when one member alone has it."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(pointing), path))
    if joined in members:
        return joined
    same = by_name.get(PurePosixPath(path).name, [])
    return same[0] if len(same) == 1 else None
