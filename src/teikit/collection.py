"""An edition of many documents (letters, sermons, plays): one folder or list of TEI files
built as one site, one EPUB and one set of CSVs.

The documents are read one by one with the safe parser and gathered, in order, under a
``teiCorpus`` whose header names the collection; every stage then reads that one tree, so
the site's contents list every document's divisions, the EPUB holds every text, and the
text-preservation check counts every word. The order is that of the files' names (sort
them by date, e.g. ``1888-05-03-to-theo.xml``, for a chronological edition).

Pointers from one member into another (``persons.xml#p1``) are read as pointers inside
the collection (:func:`link_members`); a letters index comes from the members'
``correspDesc`` (:mod:`teikit.letters`, ``xslt/html/letters.xsl``). Left for later (see
the collection issue): parallel builds.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from teikit import xmlio
from teikit.check.pointers import iter_pointers
from teikit.edition import Edition
from teikit.errors import InputError

T = f"{{{xmlio.TEI_NS}}}"


def tei_files(folder: Path) -> list[Path]:
    """The XML files under ``folder`` (sorted by path), hidden files and folders left out."""
    return sorted(p for p in folder.rglob("*.xml")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def _el(tag: str, text: str | None = None, parent: etree._Element | None = None) -> etree._Element:
    el = etree.Element(T + tag) if parent is None else etree.SubElement(parent, T + tag)
    if text is not None:
        el.text = text
    return el


def load_collection(files: list[Path], *, name: Path, title: str | None = None) -> Edition:
    """One Edition holding ``files`` under a teiCorpus; ``name`` (a folder or project file)
    names it in messages and gives the outputs their stem."""
    if not files:
        raise InputError("the collection holds no TEI file", file=name, hint="give a folder of .xml files")
    corpus = etree.Element(T + "teiCorpus", nsmap={None: xmlio.TEI_NS})
    header = _el("teiHeader", parent=corpus)
    file_desc = _el("fileDesc", parent=header)
    _el("title", title or name.stem, _el("titleStmt", parent=file_desc))
    _el("p", f"A collection of {len(files)} TEI documents.", _el("publicationStmt", parent=file_desc))
    _el("p", "The documents listed in the teiCorpus, each with its own header.",
        _el("sourceDesc", parent=file_desc))
    for path in files:
        tree = xmlio.parse_file(path)
        root = tree.getroot()
        if root.tag != T + "TEI":
            xmlio.require_tei(tree, path)  # P4, XHTML, other namespace: the one message
            raise InputError("a collection member must be one TEI document, not a teiCorpus", file=path,
                             line=root.sourceline, hint="list the teiCorpus's own TEI files instead")
        member = copy.deepcopy(root)
        member.set(f"{{{xmlio.XML_NS}}}base", path.name)  # where each member came from
        corpus.append(member)
    link_members(corpus)
    return Edition(path=name, tree=etree.ElementTree(corpus))


def link_members(corpus: etree._Element) -> int:
    """Pointers from one member into another (``persons.xml#p1``, ``letter2.xml#d3``) become
    pointers inside the collection (``#p1``), so every stage reads them as links, mentions
    and register entries. Only an ID that one member alone holds is rewritten, so nothing is
    pointed at the wrong member; a pointer to a whole member names its xml:id when it has
    one. Returns how many pointer values were rewritten."""
    members = {m.get(f"{{{xmlio.XML_NS}}}base"): m for m in corpus.iterchildren(T + "TEI")}
    owners: dict[str, list[str]] = {}
    for base, member in members.items():
        for el in member.iter():
            xml_id = el.get(xmlio.XML_ID) if isinstance(el.tag, str) else None
            if xml_id:
                owners.setdefault(xml_id, []).append(base)
    rewritten = 0
    for member in members.values():
        for el in member.iter():
            if not isinstance(el.tag, str) or not el.attrib:
                continue
            for p in iter_pointers(el, etree.QName(el).localname):
                if p.kind != "file" or Path(p.path).name not in members:
                    continue
                base = Path(p.path).name
                target = p.fragment or members[base].get(xmlio.XML_ID) or ""
                if target and owners.get(target) == [base]:
                    el.set(p.attr, " ".join("#" + target if token == p.value else token
                                            for token in el.get(p.attr, "").split()))
                    rewritten += 1
    return rewritten
