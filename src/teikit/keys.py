"""What a name's ``@key`` names: the one answer for ``check`` and the builds.

TEI's ``@key`` (on ``persName``, ``placeName``, ``rs``, ``title``, ...) is one value, not a
list (``teidata.text``): ``key="Beckh August von"`` is one key. It names an entity of the
edition's registers (``person``, ``place``, ``org``, ``event``, ``bibl``):

* by the entry's ``xml:id`` (``key="pmb2121"``, ``<person xml:id="pmb2121">``);
* else by the entry's own ``@n`` or ``@key``, when exactly one entry carries that value: the
  Escher letters write ``<persName key="Beckh August von">`` for ``<person
  xml:id="Beckh-August-von" n="Beckh August von">``. A value two entries carry names neither.

A key written as a pointer (``key="../register/persons.xml#p179"``, the Laßberg letters)
names the entry its fragment names, as ``@ref`` would.

A key that names nothing here (a number in another project's database, van Gogh's
``key="1039"``) is left as it is. The builds read a key that names an entry as a reference to
it (:func:`keys_as_refs`: the name links to the entry's page and counts among its mentions),
in the tree they read, never in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
ENTRY_TAGS = tuple(T + n for n in ("person", "personGrp", "place", "org", "event", "bibl", "biblStruct"))


# What a name's key may name, by the naming element (and an rs's or name's @type): a
# persName's key names a person, never the place that happens to carry the same ID (the
# Escher letters' persName key="Reuss", a person, and the river's place xml:id="Reuss").
KEY_KINDS = {
    "persName": {"person", "personGrp", "persona"},
    "author": {"person", "personGrp", "persona"},
    "editor": {"person", "personGrp", "persona"},
    "placeName": {"place"},
    "settlement": {"place"},
    "country": {"place"},
    "orgName": {"org"},
    "rs:person": {"person", "personGrp", "persona"},
    "name:person": {"person", "personGrp", "persona"},
    "rs:place": {"place"},
    "name:place": {"place"},
    "rs:org": {"org"},
    "name:org": {"org"},
}


def key_kinds(el: etree._Element) -> set[str] | None:
    """The kinds of entry ``el``'s key may name (None: any)."""
    name = etree.QName(el).localname
    return KEY_KINDS.get(name) or KEY_KINDS.get(f"{name}:{el.get('type')}")


def key_value(raw: str | None) -> str:
    """A ``@key`` as one value, its white space collapsed."""
    return " ".join((raw or "").split())


def entry_aliases(root: etree._Element, kinds: Iterable[str] | None = None) -> dict[str, etree._Element]:
    """Every entry of ``root`` (of ``kinds``, local names, when given) with an ``xml:id``, by
    that ID, and by its ``@n`` and ``@key`` where no other entry carries the same value (an ID
    is never shadowed by an alias)."""
    by_id: dict[str, etree._Element] = {}
    aliases: dict[str, etree._Element | None] = {}
    tags = ENTRY_TAGS if kinds is None else tuple(T + k for k in kinds)
    for el in root.iter(*tags):
        ident = el.get(XML_ID)
        if not ident:
            continue
        by_id.setdefault(ident, el)
        for attr in ("n", "key"):
            value = key_value(el.get(attr))
            if not value or value == ident:
                continue
            if value not in aliases:
                aliases[value] = el
            elif aliases[value] is not el:  # two entries of one value: it names neither
                aliases[value] = None
    found: dict[str, etree._Element] = {}
    for value, el in aliases.items():
        if el is not None and value not in by_id:
            found[value] = el
    found.update(by_id)
    return found


_KEYS = etree.XPath("descendant-or-self::*/@key")
_AUTHORITY_REFS = etree.XPath("descendant-or-self::*/@ref[contains(., '://')]")


def key_fragment(value: str) -> str:
    """What a key written as a pointer names (``persons.xml#p1``: ``p1``), else ''."""
    return value.rsplit("#", 1)[1] if "#" in value and " " not in value else ""


def _names_an_entry(ref: str, ids: set[str]) -> bool:
    """Does one of ``ref``'s pointers name an entry (``#p1``, ``persons.xml#p1``)?"""
    return any("#" in token and token.rsplit("#", 1)[1] in ids for token in ref.split())


def _entry_ids(root: etree._Element) -> set[str]:
    return {ident for el in root.iter(*ENTRY_TAGS) if (ident := el.get(XML_ID))}


def _point_at(el: etree._Element, target: etree._Element) -> None:
    """Make ``el`` point at ``target`` first; a @ref it had (an authority's URI) follows."""
    ref = " ".join((el.get("ref") or "").split())
    el.set("ref", "#" + target.get(XML_ID, "") + (" " + ref if ref else ""))


def keys_as_refs(root: etree._Element) -> int:
    """Give every TEI element whose ``@key`` names an entry of ``root`` (and whose ``@ref``,
    if any, names none: an authority's URI, ``ref="https://d-nb.info/gnd/…"``) the reference
    ``#ID`` first in its ``@ref``, so every stage reads it as a pointer to that entry; likewise
    an element whose ``@ref`` is an authority's URI that one entry alone declares as its own
    (:func:`authority_refs`). An entry's own ``@key``, and a name inside the entry it names
    (the entry's own name), are not references. Returns how many were given."""
    # the attributes, then their elements: a third of the time of //*[@key] (1,000 letters
    # without a key: 0.03 against 0.08 s, on the path before a divided build's workers start)
    # no entry at all (letters whose keys name another project's database): nothing to name,
    # and the 26,000 keys of 1,000 Escher letters are not each looked up (0.2 s)
    if not any(el.get(XML_ID) for el in root.iter(*ENTRY_TAGS, T + "persona")):
        return 0
    keyed = [key.getparent() for key in _KEYS(root)]
    given = 0
    if keyed:
        given = _keys_as_refs(root, keyed)
    return given + authority_refs(root)


_Lookup = dict[str, etree._Element]


def _of_its_kind(cache: dict[frozenset[str] | None, _Lookup], el: etree._Element,
                 make: Callable[[frozenset[str] | None], _Lookup]) -> _Lookup:
    """The lookup ``make`` builds for the kinds of entry ``el``'s name may name (:func:`key_kinds`),
    built once per set of kinds."""
    kinds = key_kinds(el)
    wanted = frozenset(kinds) if kinds is not None else None
    found = cache.get(wanted)
    if found is None:
        found = cache[wanted] = make(wanted)
    return found


def _keys_as_refs(root: etree._Element, keyed: list[etree._Element]) -> int:
    ids: set[str] | None = None
    by_kinds: dict[frozenset[str] | None, dict[str, etree._Element]] = {}
    given = 0
    for el in keyed:
        if not isinstance(el.tag, str) or not el.tag.startswith(T) or el.tag in ENTRY_TAGS:
            continue
        ref = (el.get("ref") or "").split()
        if ref:  # a pointer of its own wins; only authorities' URIs (no entry's) give way
            if any("://" not in token for token in ref):
                continue
            if ids is None:
                ids = _entry_ids(root)
            if _names_an_entry(" ".join(ref), ids):
                continue
        aliases = _of_its_kind(by_kinds, el, lambda kinds: entry_aliases(root, kinds))
        value = key_value(el.get("key"))
        target = aliases.get(value)
        if target is None:  # (an element without children is false: never `or` them)
            target = aliases.get(key_fragment(value))
        if target is None or any(anc is target for anc in el.iterancestors(*ENTRY_TAGS)):
            continue
        _point_at(el, target)
        given += 1
    return given


def authority_uri(value: str) -> str:
    """An authority's URI as compared: without its scheme, ``www.`` and a final slash
    (``http://d-nb.info/gnd/118616099`` and ``https://d-nb.info/gnd/118616099/`` are one)."""
    value = value.strip()
    if "://" not in value:
        return ""
    host_path = value.split("://", 1)[1].rstrip("/")
    return host_path[4:] if host_path.startswith("www.") else host_path


def authority_index(root: etree._Element, kinds: Iterable[str] | None = None) -> dict[str, etree._Element]:
    """The entries (of ``kinds``) by the authorities' URIs they declare as their own: their
    ``@ref``, ``@sameAs`` or ``@corresp``, and their ``idno`` (``<idno type="gnd">https://d-nb.info/
    gnd/119340917</idno>``). A URI two entries declare names neither."""
    found: dict[str, etree._Element | None] = {}
    tags = ENTRY_TAGS if kinds is None else tuple(T + k for k in kinds)
    for el in root.iter(*tags):
        if not el.get(XML_ID):
            continue
        uris = [t for attr in ("ref", "sameAs", "corresp") for t in (el.get(attr) or "").split()]
        uris += [idno.text or "" for idno in el.iterchildren(T + "idno")]
        for uri in {authority_uri(u) for u in uris} - {""}:
            found[uri] = el if found.get(uri, el) is el else None
    return {uri: el for uri, el in found.items() if el is not None}


def authority_refs(root: etree._Element) -> int:
    """Make every TEI name whose ``@ref`` gives only authorities' URIs (a CMIF file's
    ``persName ref="http://d-nb.info/gnd/118616099"``) point first at the entry that declares
    one of them as its own, when one entry alone does (:func:`authority_index`). Returns how
    many."""
    refs = [a.getparent() for a in _AUTHORITY_REFS(root)]
    refs = [el for el in refs
            if isinstance(el.tag, str) and el.tag.startswith(T) and el.tag not in ENTRY_TAGS]
    if not refs:
        return 0
    ids = _entry_ids(root)
    by_kinds: dict[frozenset[str] | None, dict[str, etree._Element]] = {}
    given = 0
    for el in refs:
        ref = el.get("ref") or ""
        if _names_an_entry(ref, ids):
            continue
        index = _of_its_kind(by_kinds, el, lambda kinds: authority_index(root, kinds))
        target = next((t for u in ref.split() if (t := index.get(authority_uri(u))) is not None), None)
        if target is None or any(anc is target for anc in el.iterancestors(*ENTRY_TAGS)):
            continue
        _point_at(el, target)
        given += 1
    return given
