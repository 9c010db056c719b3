"""One TEI document from a document that includes others with XInclude, read safely.

teikit never follows XInclude while it reads an edition (``xmlio``: an ``xi:include`` in the
text is refused, one in the teiHeader left unread), because an inclusion can name any file
(``/etc/passwd``, ``~/.ssh/id_rsa``) or address (``http://…``) and bring it into the outputs.
Yet many editions keep a book in several files joined by XInclude (a chapter a file, a shared
``encodingDesc``). ``teikit assemble`` joins them as an XInclude processor would, under the
rules teikit reads by:

* an inclusion names a file by a relative path that stays inside the edition's folder (the
  main file's folder, or ``root``): no address with a scheme (``http:``, ``file:``), no
  absolute path, no ``..`` or symbolic link leading outside; a file, not a FIFO or device;
* every included file is parsed with teikit's safe parser (no DTD, no entity, its limits),
  and its own inclusions are followed in turn (at most :data:`MAX_DEPTH` deep, no loop);
* ``parse="text"`` includes a file's characters (in its ``encoding``, UTF-8 by default);
* ``xpointer`` may be an ID (``ch1``), ``element(ch1)``, ``element(/1/2)``,
  ``element(ch1/3)`` or ``xpointer(id('ch1'))``; other schemes are refused with a message;
* ``xi:fallback`` is used when the named file does not exist (said as a notice); a refused
  inclusion (outside the folder, an address) is refused, never replaced by its fallback;
* inclusions multiplying one another (each file including the next twice, twenty deep:
  a million copies) stop at :data:`MAX_INCLUDED_BYTES` or :data:`MAX_INCLUSIONS`.

What XInclude's base-URI fixup would add is not added: no ``xml:base`` or ``xml:lang`` is
written on included elements, so relative paths in an included file (``graphic/@url``) are
read from the assembled file's folder. The result starts with a comment naming the files it
was assembled from.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from teikit import xmlio
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import InputError, UnsafeInputError

XI = f"{{{xmlio.XINCLUDE_NS}}}"
MAX_DEPTH = 32
"""Inclusions inside included files, at most this deep."""
MAX_INCLUSIONS = 100_000
"""Inclusions followed in one run, at most."""
MAX_INCLUDED_BYTES = 512 * 1024 * 1024
"""Bytes of files included (each time it is included), at most."""


@dataclass
class Assembled:
    """The joined document, the files read for it (the main file first), and notices."""

    tree: etree._ElementTree
    files: list[Path]
    inclusions: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class _Run:
    root: Path
    files: list[Path] = field(default_factory=list)
    parsed: dict[Path, etree._ElementTree] = field(default_factory=dict)
    inclusions: int = 0
    included_bytes: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


def assemble(main: str | Path, root: str | Path | None = None) -> Assembled:
    """Join ``main`` and the files it includes (see the module's rules); InputError or
    UnsafeInputError naming the file and line of the inclusion that cannot be followed."""
    main_path = Path(main)
    top = Path(root) if root is not None else main_path.parent
    run = _Run(root=Path(os.path.realpath(top)))
    if not _inside(Path(os.path.realpath(main_path)), run.root):
        raise InputError(f"{main_path} is not inside the folder {top}", file=main_path,
                         hint="give --root a folder that holds the main file and everything it includes")
    tree = _parse(main_path, run)
    doc = copy.deepcopy(tree.getroot())
    _expand(doc, main_path, tree, run, (str(Path(os.path.realpath(main_path))),))
    etree.cleanup_namespaces(doc, keep_ns_prefixes=None)  # the xi: declarations, now unused
    out = doc.getroottree()
    return Assembled(out, run.files, run.inclusions, run.diagnostics)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _parse(path: Path, run: _Run) -> etree._ElementTree:
    real = Path(os.path.realpath(path))
    if real not in run.parsed:
        # the file proved inside the folder is the one read (not the link, which may change)
        data = xmlio.read_bytes(real)
        run.included_bytes += len(data)
        run.parsed[real] = xmlio.parse_bytes(data, str(path), xinclude=True)
        run.files.append(path)
    else:
        run.included_bytes += os.path.getsize(real)
    if run.included_bytes > MAX_INCLUDED_BYTES:
        raise UnsafeInputError(
            f"the inclusions bring more than {MAX_INCLUDED_BYTES // 2**20} MB (files included many "
            "times over)", file=path, hint="include each file once; teikit stops inclusions that multiply")
    return run.parsed[real]


def _target(el: etree._Element, href: str, here: Path, run: _Run) -> Path:
    """The file an inclusion names, proved to lie inside the edition's folder."""
    where = {"file": str(here), "line": el.sourceline}
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("\\\\"):
        raise UnsafeInputError(
            f"the inclusion names {href!r}, an address, not a file of the edition; teikit never "
            "fetches anything", **where, hint="copy the file into the edition's folder and include it by "
                                               "a relative path")
    if parts.query or parts.fragment:
        raise InputError(f"the inclusion's href {href!r} holds a query or fragment ('?', '#')", **where,
                         hint="name the part with the xpointer attribute, not in the href")
    rel = unquote(parts.path)
    if os.path.isabs(rel) or re.match(r"^[A-Za-z]:[\\/]", rel):
        raise UnsafeInputError(
            f"the inclusion names {href!r} by an absolute path; teikit reads only files inside the "
            f"edition's folder {run.root}", **where, hint="name it by a path relative to the including file")
    path = here.parent / rel
    real = Path(os.path.realpath(path))
    if not _inside(real, run.root):
        raise UnsafeInputError(
            f"the inclusion names {href!r}, which leads to {real}, outside the edition's folder "
            f"{run.root}; teikit reads only files inside it", **where,
            hint="keep included files inside the folder (or give --root a folder that holds them)")
    return path


def _pointed(tree: etree._ElementTree | etree._Element, xpointer: str, el: etree._Element, here: Path,
             href: str) -> etree._Element:
    """The element ``xpointer`` names in ``tree``."""
    where = {"file": str(here), "line": el.sourceline}
    p = xpointer.strip()
    m = (re.fullmatch(r"([^\s/()]+)", p) or re.fullmatch(r"element\(([^/()\s]+)\)", p)
         or re.fullmatch(r"xpointer\(id\(['\"]([^'\"]+)['\"]\)\)", p))
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    if m:
        found = root.xpath("//*[@xml:id = $id]", id=m.group(1))
        if not found:
            raise InputError(f"the inclusion points at {m.group(1)!r} in {href or 'this document'}, "
                             "which holds no element with that xml:id", **where,
                             hint="correct the xpointer or the included file's xml:id")
        return found[0]
    m = re.fullmatch(r"element\(([^/()\s]*)((?:/[1-9][0-9]*)+)\)", p)
    if m:
        start: etree._Element | None
        if m.group(1):
            hits = root.xpath("//*[@xml:id = $id]", id=m.group(1))
            start = hits[0] if hits else None
            steps = m.group(2).split("/")[1:]
        else:
            start = None
            steps = m.group(2).split("/")[1:]
        node = start
        for i, step in enumerate(steps):
            kids = [root] if node is None and i == 0 else [c for c in (node if node is not None else [])
                                                            if isinstance(c.tag, str)]
            n = int(step)
            if n > len(kids):
                node = None
                break
            node = kids[n - 1]
        if node is None:
            raise InputError(f"the inclusion's xpointer {xpointer!r} names no element of "
                             f"{href or 'this document'}", **where, hint="correct the xpointer")
        return node
    raise InputError(f"the inclusion's xpointer {xpointer!r} is of a kind teikit does not follow", **where,
                     hint="point by an ID (xpointer=\"ch1\"), element(ch1), element(/1/2) or "
                          "xpointer(id('ch1'))")


def _expand(node: etree._Element, here: Path, source: etree._ElementTree, run: _Run,
            stack: tuple[str, ...]) -> None:
    """Replace every ``xi:include`` under ``node`` (a copy of ``here``'s content) by what it names."""
    if len(stack) > MAX_DEPTH:
        raise UnsafeInputError(f"inclusions nested more than {MAX_DEPTH} deep", file=str(here),
                               hint="include files from fewer levels of files")
    # an inclusion inside another's fallback is followed only if that fallback is used
    found = [e for e in node.iter(f"{XI}include")
             if not any(a.tag == f"{XI}include" for a in e.iterancestors())]
    for el in found:
        if el is node or el.getparent() is None:
            raise InputError("the document's root element is an inclusion", file=str(here),
                             line=el.sourceline, hint="give teikit the file it includes")
        run.inclusions += 1
        if run.inclusions > MAX_INCLUSIONS:
            raise UnsafeInputError(f"more than {MAX_INCLUSIONS:,} inclusions (files included many times)",
                                   file=str(here), line=el.sourceline,
                                   hint="include each file once; teikit stops inclusions that multiply")
        nodes = _included(el, here, source, run, stack)
        _replace(el, nodes)


def _included(el: etree._Element, here: Path, source: etree._ElementTree, run: _Run,
              stack: tuple[str, ...]) -> list[etree._Element | str]:
    """What the inclusion ``el`` brings: elements (expanded in turn) or a string."""
    where = {"file": str(here), "line": el.sourceline}
    href = (el.get("href") or "").strip()
    parse = el.get("parse", "xml")
    xpointer = el.get("xpointer")
    if parse not in ("xml", "text"):
        raise InputError(f"the inclusion's parse={parse!r} is neither 'xml' nor 'text'", **where,
                         hint="write parse=\"xml\" (the default) or parse=\"text\"")
    if not href:
        if parse == "text" or not xpointer:
            raise InputError("the inclusion names no file (no href) and no part of this one", **where,
                             hint="give href, or an xpointer to a part of this document")
        key = f"{os.path.realpath(here)}#{xpointer}"
        if key in stack:
            raise InputError(f"the inclusion of {xpointer!r} includes itself", **where,
                             hint="an element may not include itself or what holds it")
        part = copy.deepcopy(_pointed(source, xpointer, el, here, ""))
        holder = etree.Element("holder")
        holder.append(part)
        _expand(holder, here, source, run, (*stack, key))
        return list(holder)
    path = _target(el, href, here, run)
    real = Path(os.path.realpath(path))
    if not real.exists():
        fallback = el.find(f"{XI}fallback")
        if fallback is None:
            raise InputError(f"the included file {href!r} does not exist ({path})", **where,
                             hint="correct the href, or add an xi:fallback for a file that may be missing")
        run.diagnostics.append(Diagnostic(str(here), el.sourceline, None, Severity.INFO,
                                          "assemble.fallback",
                                          f"{href!r} does not exist: its xi:fallback was used",
                                          hint="add the file, or remove the inclusion"))
        holder = copy.deepcopy(fallback)
        _expand(holder, here, source, run, stack)
        return [holder.text or "", *holder] if holder.text else list(holder)
    if parse == "text":
        data = xmlio.read_bytes(real)
        run.included_bytes += len(data)
        if path not in run.files:
            run.files.append(path)
        encoding = el.get("encoding") or "utf-8"
        try:
            return [data.decode(encoding)]
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(f"the included text {href!r} cannot be read as {encoding}: {exc}", **where,
                             hint="name its encoding in the encoding attribute, or save it as UTF-8") from exc
    key = f"{real}#{xpointer or ''}"
    if key in stack or (not xpointer and str(real) in stack):
        raise InputError(f"the inclusion of {href!r} leads back to a file that includes it (a loop)",
                         **where, hint="remove the inclusion that closes the loop")
    tree = _parse(path, run)
    part = copy.deepcopy(_pointed(tree, xpointer, el, path, href) if xpointer else tree.getroot())
    holder = etree.Element("holder")
    holder.append(part)
    _expand(holder, path, tree, run, (*stack, key, str(real)))
    return list(holder)


def _replace(el: etree._Element, nodes: list[etree._Element | str]) -> None:
    """Put ``nodes`` where ``el`` stands, its tail after them."""
    parent = el.getparent()
    assert parent is not None  # _expand refuses a root that is an inclusion
    tail = el.tail or ""
    index = parent.index(el)
    prev = parent[index - 1] if index > 0 else None

    def add_text(text: str) -> None:
        nonlocal prev
        if prev is None:
            parent.text = (parent.text or "") + text
        else:
            prev.tail = (prev.tail or "") + text

    parent.remove(el)
    at = index
    for item in nodes:
        if isinstance(item, str):
            add_text(item)
        else:
            parent.insert(at, item)
            at += 1
            prev = item
    add_text(tail)


_SIGNATURE = b" Assembled by teikit assemble from "


def require_ours(out: str | Path) -> None:
    """Refuse to replace a file that ``assemble`` did not write (it opens with its comment)."""
    from teikit.outputs import OutputError

    path = Path(out)
    if not path.exists() or path.is_dir():
        return  # a folder is refused by outputs.check_target
    with path.open("rb") as fh:
        head = fh.read(512)
    if b"<!--" + _SIGNATURE not in head:
        raise OutputError("the output file exists and was not written by teikit assemble; nothing was "
                          "changed", file=path, hint="name a new file (teikit replaces only files it wrote)")


def write(assembled: Assembled, out: str | Path, main: str | Path) -> None:
    """Write the joined document to ``out`` (through a temporary file, as every output)."""
    from teikit import outputs

    base = Path(main).parent
    names = ", ".join(os.path.relpath(os.path.normpath(p), base) for p in assembled.files[1:])
    text = f"{_SIGNATURE.decode()}{Path(main).name} and the files it includes ({names or 'none'}); " \
           "edit those, not this file. "
    # a file name may hold what a comment cannot ("--", control characters)
    text = re.sub(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "?", text).replace("--", "- -")
    comment = etree.Comment(text)
    body = etree.tostring(assembled.tree, encoding="UTF-8", xml_declaration=False)
    data = (b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(comment, encoding="UTF-8") + b"\n"
            + body + b"\n")
    outputs.write_file(out, data)
