"""Pointers: every TEI pointer resolves, is well-formed, and ``@key`` values name a register entry."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator

from lxml import etree

from teikit import xmlio
from teikit.check.context import Context, make
from teikit.check.model import Document, local_name
from teikit.check.pointers import Pointer, syntax_problem
from teikit.check.rules.ids import NCNAME
from teikit.diagnostics import Diagnostic, Severity

RULES = {
    "pointers.bad-syntax": (Severity.ERROR, "a pointer value is not a well-formed URI reference"),
    "pointers.empty": (Severity.WARNING, "a pointer attribute is empty (it points at nothing)"),
    "pointers.dangling": (Severity.ERROR, "a pointer names an ID that does not exist"),
    "pointers.missing-file": (Severity.WARNING, "a pointer leads into a local XML file that does not exist"),
    "pointers.unreadable-file": (Severity.WARNING, "a pointer leads into a file that is not usable TEI"),
    "pointers.unresolved-key": (Severity.ERROR, "a @key names no entry of the register(s)"),
    "pointers.keys-unchecked": (Severity.INFO, "@key values were not checked: no register was given"),
    "pointers.external": (Severity.INFO, "pointers of attributes or elements declared external "
                                         "(--ignore @attr, el/@attr, el) were not checked; counted once "
                                         "per declaration"),
    "pointers.prefix-unmatched": (Severity.ERROR, "a pointer uses a prefix the document declares "
                                                  "(prefixDef) but fits none of its patterns"),
    "pointers.xinclude-unread": (Severity.WARNING, "the teiHeader includes another file with XInclude, "
                                                   "which teikit never follows"),
    "pointers.prefix-undeclared": (Severity.INFO, "pointers use a prefix (psn:, tcp:) that is no URL and "
                                                  "that no listPrefixDef of the file declares: not checked; "
                                                  "counted once per file"),
    "notes.marker-dangling": (Severity.ERROR, "a note marker points at no element"),
    "index.locator-dangling": (Severity.ERROR, "an index locator points at no page or note"),
}

INDEX_LOCATOR_TYPES = ("page", "range", "note")
# Schemes written without "//" that name something by themselves (RFC 8141 URNs, mailto:,
# doi:...): not a project's private prefix. Any other "prefix:value" without "//" is one.
STANDALONE_SCHEMES = frozenset({"urn", "mailto", "tel", "data", "doi", "info", "tag", "news", "isbn", "issn",
                                "geo", "sms", "xmpp", "cid", "mid", "about", "javascript", "magnet", "ark"})


def private_prefix(p: Pointer) -> str | None:
    """The prefix of an external pointer that is no URL and no standalone scheme (FFimg:,
    tcp:, char:): a private URI scheme the file does not declare; None otherwise."""
    scheme, _, rest = p.value.partition(":")
    if p.kind != "external" or rest.startswith("//") or scheme.lower() in STANDALONE_SCHEMES:
        return None
    return scheme


def in_index(el: etree._Element) -> bool:
    """Whether ``el`` lies inside a ``div type="index"``."""
    return any(local_name(a) == "div" and a.get("type") == "index" for a in el.iterancestors())


def dangling_code(p: Pointer) -> str:
    """The most specific code for a pointer that leads nowhere: markers and locators have their own."""
    el = p.element
    if p.attr == "target" and local_name(el) == "ref":
        if el.get("type") == "noteref":
            return "notes.marker-dangling"
        if el.get("type") in INDEX_LOCATOR_TYPES and in_index(el):
            return "index.locator-dangling"
    return "pointers.dangling"


def suggest(wanted: str, ids: dict[str, etree._Element]) -> str | None:
    """An existing ID that differs from ``wanted`` only by case, or by a small typo."""
    folded = wanted.casefold()
    for candidate in ids:
        if candidate.casefold() == folded:
            return candidate
    near = [i for i in ids if abs(len(i) - len(wanted)) <= 2]
    matches = difflib.get_close_matches(wanted, near, n=5, cutoff=0.8)
    return next((m for m in matches if plausible_typo(wanted, m)), None)


_DIGITS = re.compile(r"\d+")


def plausible_typo(wanted: str, candidate: str) -> bool:
    """Whether ``candidate`` may be what ``wanted`` meant. IDs that differ only in their numbers
    name other members of a numbered series (a generated d2e379 is not d2e637, page p9 is not
    p8): proposing one sends the editor to the wrong element. Their numbers must then be equal
    (n3 for n03) or differ by two neighbouring digits swapped (p45 for p54)."""
    if _DIGITS.sub("0", wanted) != _DIGITS.sub("0", candidate):
        return True  # the letters differ: a typo in them
    if [int(n) for n in _DIGITS.findall(wanted)] == [int(n) for n in _DIGITS.findall(candidate)]:
        return True
    if len(wanted) != len(candidate):
        return False
    diffs = [i for i, (a, b) in enumerate(zip(wanted, candidate, strict=True)) if a != b]
    return (len(diffs) == 2 and diffs[1] == diffs[0] + 1
            and wanted[diffs[0]] == candidate[diffs[1]] and wanted[diffs[1]] == candidate[diffs[0]])


def bare_id_attributes(ctx: Context, doc: Document) -> set[tuple[str, str]]:
    """(element, attribute) pairs for which this file writes IDs without '#'.

    A bare value is a relative URI, not an ID, and projects use bare values for many other
    things (Bible references, catalogue numbers). Where at least as many of the distinct bare
    values of an attribute on an element name IDs of the file as do not, the project evidently
    uses bare IDs there, and the values that name none are reported as dangling. One value
    naming an ID by coincidence is no such evidence: the Patristic Text Archive's
    corresp="Field II 256" (a citation) has its "II" match an ID, and its other 38 words are
    no IDs meant.
    """
    found: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for p, res in ctx.resolved(doc):
        if p.kind == "bare":
            named, other = found.setdefault((local_name(p.element), p.attr), (set(), set()))
            (named if res.status == "ok" else other).add(p.fragment)
    return {key for key, (named, other) in found.items() if named and len(named) >= len(other)}


def run(ctx: Context, doc: Document) -> Iterator[Diagnostic]:
    keys_unchecked = 0
    folded: dict[str, str] | None = None
    bare_ids = bare_id_attributes(ctx, doc)
    external: dict[str, int] = {}
    # the nearest ID to each target, found once: letters point at the same missing ID
    # thousands of times, and each search compares it with every ID of the file
    nearest: dict[tuple[int, str], str | None] = {}
    undeclared: dict[str, int] = {}
    for p, res in ctx.resolved(doc):
        declared = ctx.external_attribute(local_name(p.element), p.attr)
        if declared is not None:  # the edition says these point outside the files checked
            external[declared] = external.get(declared, 0) + 1
            continue
        if p.kind == "prefix-unmatched":
            yield make(doc, p.element, "pointers.prefix-unmatched", Severity.ERROR,
                       f"@{p.attr} {p.value!r}: the prefix {p.value.partition(':')[0]!r} is declared in "
                       "listPrefixDef, but the value fits none of its matchPatterns",
                       "fix the value, or the prefixDef's @matchPattern", attr=p.attr)
            continue
        if (prefix := private_prefix(p)) is not None:
            undeclared[prefix] = undeclared.get(prefix, 0) + 1
        if p.kind == "empty":
            yield make(doc, p.element, "pointers.empty", Severity.WARNING, f"@{p.attr} is empty",
                       "remove the attribute, or give the URI or #ID it should point at", attr=p.attr)
            continue
        problem = syntax_problem(p)
        if problem:
            yield make(doc, p.element, "pointers.bad-syntax", Severity.ERROR,
                       f"@{p.attr} value {p.value!r}: {problem}",
                       "write one URI reference: #ID for an element of this file, else a URI with its "
                       "special characters percent-encoded (a space as %20)", attr=p.attr)
            continue
        if p.kind == "key":
            if res.status == "unchecked":
                keys_unchecked += 1
            elif res.status == "dangling":
                yield make(doc, p.element, "pointers.unresolved-key", Severity.ERROR,
                           f"@key {p.value!r} names no entry of the register(s)",
                           "check the spelling, or give the register with --register FILE", attr=p.attr)
            continue
        if res.status == "unchecked" and res.detail.startswith("xml:base="):
            external[res.detail] = external.get(res.detail, 0) + 1
            continue
        if res.status == "dangling":
            ids = res.target_doc.ids if res.target_doc is not None else doc.ids
            yield _dangling(doc, p, ids, nearest=nearest, res_detail=res.detail,
                            holder=ctx.holder(p.fragment, doc) if p.kind == "local" else None)
        elif res.status == "unchecked" and p.kind == "bare":
            name = local_name(p.element)
            if (name, p.attr) in bare_ids or ctx.declares_bare_ids(name, p.attr):
                yield _dangling(doc, p, doc.ids, bare=True, nearest=nearest)
                continue
            # Otherwise a bare value is only taken for an ID when it nearly is one (case differs).
            if folded is None:
                folded = {i.casefold(): i for i in doc.ids}
            near = folded.get(p.value.casefold())
            if near:
                yield make(doc, p.element, "pointers.dangling", Severity.ERROR,
                           f"@{p.attr} {p.value!r} matches no ID; did you mean #{near}?",
                           f"did you mean #{near}? (IDs are case-sensitive; write '#' before an ID)",
                           attr=p.attr)
        elif res.status == "no-file":
            yield make(doc, p.element, "pointers.missing-file", Severity.WARNING,
                       f"@{p.attr} {p.value!r} leads into {res.detail or p.path}, which does not exist",
                       "check the file name (relative to this file's folder, or to the xml:base in force), "
                       "or check the other file together with this one", attr=p.attr)
        elif res.status == "bad-file":
            outside = "outside the edition's folder" in res.detail
            yield make(doc, p.element, "pointers.unreadable-file", Severity.WARNING,
                       f"@{p.attr} {p.value!r} leads into a file that cannot be used: {res.detail}",
                       "put a teikit.toml in a folder above both files (teikit opens the files below it), "
                       "or give the other file with --register FILE" if outside else
                       "make that file well-formed TEI P5 (teikit check FILE says what is wrong with it)",
                       attr=p.attr)
    for pattern, count in sorted(external.items()):
        if pattern.startswith("xml:base="):
            yield make(doc, None, "pointers.external", Severity.INFO,
                       f"{count} file pointer(s) under {pattern!s} not checked: that base makes them URLs, "
                       "which teikit never fetches")
            continue
        yield make(doc, None, "pointers.external", Severity.INFO,
                   f"{count} pointer(s) of {pattern} not checked: declared as pointing outside the files")
    if undeclared:
        # the most used first, five at most: Corpus Coranicum's commentaries cite suras as
        # "koran-074:022-074:023", a hundred "prefixes" in one file
        ranked = sorted(undeclared.items(), key=lambda item: (-item[1], item[0]))
        said = ", ".join(f"{prefix}: {n}" for prefix, n in ranked[:5])
        if len(ranked) > 5:
            said += f" and {len(ranked) - 5} other prefix(es)"
        yield make(doc, None, "pointers.prefix-undeclared", Severity.INFO,
                   f"{sum(undeclared.values())} pointer(s) use prefixes this file declares nowhere ({said}); "
                   "read as URIs, they were not checked",
                   "declare each prefix in the header's listPrefixDef (a prefixDef with matchPattern and "
                   "replacementPattern) to have those pointers checked")
    if keys_unchecked:
        yield make(doc, None, "pointers.keys-unchecked", Severity.INFO,
                   f"{keys_unchecked} @key value(s) name no ID in this file and were not checked",
                   "give the file that holds them (a personography) with --register FILE")
    for included in xmlio.header_inclusions(doc.tree):
        # read, it would refuse the file; an inclusion in the text still does (xmlio)
        yield make(doc, included, "pointers.xinclude-unread", Severity.WARNING,
                   f"the teiHeader includes {included.get('href') or 'another file'} with XInclude; teikit "
                   "never follows XInclude, so what it would add to the header is missing from every "
                   "output",
                   "resolve the inclusions first (e.g. xmllint --xinclude) and give teikit the result, "
                   "or ignore this when that part of the header is not needed")


def _dangling(doc: Document, p: Pointer, ids: dict[str, etree._Element], *, bare: bool = False,
              nearest: dict[tuple[int, str], str | None] | None = None, res_detail: str = "",
              holder: Document | None = None) -> Diagnostic:
    wanted = p.fragment
    where = f" in {p.path}" if p.kind == "file" else ""
    if p.kind == "file" and res_detail:
        where = f" in {res_detail}"
    key = (id(ids), wanted)  # ids: a document's index, alive while its pointers are checked
    if nearest is None or key not in nearest:
        near = suggest(wanted, ids)
        if nearest is not None:
            nearest[key] = near
    else:
        near = nearest[key]
    message = f"@{p.attr} points at #{wanted}{where}, but no element has that xml:id"
    if bare:
        message = (f"@{p.attr} {wanted!r} names no xml:id (other <{local_name(p.element)} "
                   f"{p.attr}> values in this file are IDs written without '#')")
    hint = f"did you mean #{near}?" if near else "check the ID, or add the element it should point at"
    if not near and not NCNAME.match(wanted):
        # DHARMA's sameAs="#KSP:117": no element can have that ID, so "add the element" cannot help
        hint = (f"{wanted!r} cannot be an xml:id (an ID is a name without ':' or spaces that does not start "
                "with a digit): no element can have it; if it is a citation, write it as text or as a URI "
                "(a prefix declared in listPrefixDef, such as ksp:117, expands to one)")
    elsewhere = holder if p.kind == "local" and not near else None
    if elsewhere is not None:
        # "#id" is this file; a collection's files often mean an entry of another one
        other = elsewhere
        rel = os.path.relpath(other.path, doc.path.parent)
        message += (f"; {other.name} (checked with it) has xml:id {wanted!r} on line "
                    f"{other.ids[wanted].sourceline}")
        hint = (f"to point into that file write {rel}#{wanted}; or, if {rel} is a register the edition's "
                f"texts share, give it with --register {other.name} (then #{wanted} names its entry)")
    if p.attr == "rendition" and not near and elsewhere is None:
        # renditions are often defined once for a whole corpus, outside its files (the DTA base
        # format's #aq, #i, #g): one flag turns thousands of these into one count per file
        hint = ("define it as <rendition xml:id=\"" + wanted + "\"> in the header's tagsDecl; or, when "
                "the renditions are defined outside the files (as the DTA base format's are), "
                "say so with --ignore '@rendition' (or [check] ignore in teikit.toml)")
    if near:
        message += f"; did you mean #{near}?"
    return make(doc, p.element, dangling_code(p), Severity.ERROR, message, hint, attr=p.attr)
