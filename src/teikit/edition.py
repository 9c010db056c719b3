"""A parsed TEI document: the one document class every stage reads.

Validate, check, build, cite and deposit all work on an :class:`Edition` (or on a
subclass that adds what one stage needs: the checker's ID and pointer index,
:class:`teikit.check.model.Document`; the validator's source bytes for Jing,
:class:`teikit.validate.documents.Document`). They read it the same way (:meth:`Edition.read`:
through :mod:`teikit.xmlio`, never with entities, DTDs or the network), refuse what is not
TEI P5 with the same message and exit code (:func:`teikit.xmlio.require_tei`), and ask
the same module what its elements say (:mod:`teikit.meaning`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit import xmlio

# The lists a register file holds; a collection copies them into its standOff, each marked
# with the register's file name (teikit.collection.add_registers).
REGISTER_LISTS = ("listPerson", "listPlace", "listOrg", "listEvent", "listBibl")


@dataclass
class Edition:
    path: Path
    tree: etree._ElementTree
    name: str = ""  # as the user named it, for messages (default: the path)
    #: a collection's members: the xml:base each carries in the teiCorpus -> the file it came from
    members: dict[str, Path] = field(default_factory=dict)
    #: register files (listPerson, listPlace, ...) whose entries were added to the tree
    registers: tuple[Path, ...] = ()
    #: values computed once from the tree by the stages of one run (the TEI's words...)
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.name:
            self.name = str(self.path)

    @staticmethod
    def read(path: str | Path, name: str | None = None, *,
             collect_ids: bool = True) -> tuple[bytes, etree._ElementTree]:
        """The file's bytes and its safely parsed tree; InputError if it cannot be used.

        ``collect_ids=False`` lets a file with a duplicated or malformed ``xml:id`` be read,
        so that validate and check can report it instead of refusing the file.
        """
        data = xmlio.read_bytes(path)
        return data, xmlio.parse_bytes(data, name or str(path), collect_ids=collect_ids)

    @classmethod
    def load(cls, path: str | Path) -> Edition:
        """Parse ``path`` safely (see :mod:`teikit.xmlio`); raises InputError if unusable. A
        name's ``@key`` that names an entry of the document is read as a reference to it
        (:func:`teikit.keys.keys_as_refs`; how many, in ``memo["keys-as-refs"]``)."""
        from teikit.keys import keys_as_refs

        p = Path(path)
        edition = cls(path=p, tree=xmlio.parse_file(p))
        given = keys_as_refs(edition.root)
        if given:
            edition.memo["keys-as-refs"] = given
        return edition

    @property
    def input_files(self) -> tuple[Path, ...]:
        """The files this edition was read from: a collection's members (else its own file),
        then its registers."""
        return (*(self.members.values() if self.members else (self.path,)), *self.registers)

    @property
    def input_names(self) -> tuple[str, ...]:
        """The name of each of :attr:`input_files` (as a deposit keeps it under ``tei/``): a
        collection member's the one it is known by (its path from the collection's folder:
        its file name when it lies in that folder itself, see
        :func:`teikit.collection.member_names`), a register's its file name."""
        own = tuple(self.members) if self.members else (self.path.name,)
        return (*own, *(p.name for p in self.registers))

    def input_hash(self) -> str | None:
        """SHA-256 identifying the input (provenance records): the file's bytes; for a collection,
        each member's name and bytes; None when there is no file to hash."""
        from teikit import outputs

        if not self.members and not self.registers:
            return outputs.content_hash(self.path) if self.path.is_file() else None
        h = hashlib.sha256()
        for name, path in zip(self.input_names, self.input_files, strict=True):
            h.update(f"{name}\0{outputs.content_hash(path)}\0".encode())
        return h.hexdigest()

    def file_of(self, el: etree._Element) -> Path:
        """The file ``el`` was read from: its collection member's, or the separate register's
        (its lists are marked with the register's name), else the edition's own (a message
        then names the letter or the register, not the folder of letters)."""
        if self.members or self.registers:
            registers = {p.name: p for p in self.registers}
            for anc in el.iterancestors():
                base = anc.get(f"{{{xmlio.XML_NS}}}base")
                if base is None:
                    continue
                if anc.tag == f"{{{xmlio.TEI_NS}}}TEI" and base in self.members:
                    return self.members[base]
                if base in registers and etree.QName(anc).localname in REGISTER_LISTS:
                    return registers[base]
        return self.path

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def stem(self) -> str:
        return self.path.stem

    def require_tei(self) -> None:
        """Raise InputError (exit 2) naming the root element when this is not TEI P5."""
        xmlio.require_tei(self.tree, self.name)
