"""Read an editorial TOML file and check its values, naming file, line and key on error.

``tomllib`` gives values without positions, so :class:`TomlFile` keeps the text and finds
the line of a key itself (the table header, then the key inside it). Accessors check the
type of a value and raise :class:`teikit.errors.InputError` pointing at the key, so a
mistake in an edition's data reads ``book.toml:12: chapters.id: expected a string, not
an integer`` instead of a Python stack.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from teikit import xmlio
from teikit.errors import InputError

_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def _unquote(key: str) -> str:
    return key[1:-1] if key[:1] in "\"'" else key


def _dotted(header: str) -> str:
    """``person."pers-x"`` -> ``person.pers-x`` (dots inside quotes are part of the key)."""
    return ".".join(_unquote(p) for p in re.findall(r'"[^"]*"|\'[^\']*\'|[^.\s]+', header))


# Characters XML cannot hold: TOML writes them as escapes ("\u0001", "\b", "\f"), and an
# editorial value reaches the TEI (a heading, a name), where the serializer would refuse it
# far from here, at "<inline>:1".
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _refuse_controls(data: Any, path: Path, text: str, where: str = "") -> None:
    if isinstance(data, str):
        bad = _NOT_XML.search(data)
        if bad:
            code = ord(bad.group())
            escapes = [rf"\\u{code:04x}", rf"\\U{code:08x}"] + {8: [r"\\b"], 12: [r"\\f"]}.get(code, [])
            found = re.search("|".join(escapes), text, re.IGNORECASE)
            raise InputError(f"{where or 'a value'}: the character U+{code:04X} (a control character) cannot "
                             "be stored in XML", file=path,
                             line=text[: found.start()].count("\n") + 1 if found else None,
                             hint="remove it from the value")
    elif isinstance(data, dict):
        for key, value in data.items():
            _refuse_controls(value, path, text, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            _refuse_controls(value, path, text, f"{where}[{n}]")


class TomlFile:
    """The parsed content of one TOML file, with line lookup for messages."""

    def __init__(self, path: Path, data: dict[str, Any], text: str) -> None:
        self.path = path
        self.data = data
        self.lines = text.splitlines()

    @classmethod
    def load(cls, path: Path, *, required: bool = False, docs: str = "docs/ingest.md") -> TomlFile:
        """Parse ``path``; an absent optional file is empty, a broken one an InputError."""
        if not path.is_file():
            if required:
                raise InputError("editorial data missing", file=path, hint=f"create it (see {docs})")
            return cls(path, {}, "")
        raw = xmlio.read_bytes(path)  # a regular file of bounded size, as every input
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("not UTF-8 text", file=path, line=raw[: exc.start].count(b"\n") + 1,
                             hint="save the file as UTF-8 (TOML is UTF-8)") from exc
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"at line (\d+)", str(exc))
            line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else None)
            raise InputError(f"not valid TOML: {exc}", file=path, line=line,
                             hint="fix the TOML syntax at this line") from exc
        _refuse_controls(data, path, text)
        return cls(path, data, text)

    # -- where ---------------------------------------------------------------------------
    def line_of(self, table: Sequence[str], key: str | None = None, item: int | None = None) -> int | None:
        """1-based line of ``key`` in table ``table`` (its ``item``-th ``[[...]]``), else of the table."""
        name = ".".join(table)
        active = name == ""  # keys before the first header belong to the top level
        header_line: int | None = None
        seen = -1
        for i, line in enumerate(self.lines, start=1):
            m = _TABLE.match(line)
            if m:
                if active and key is not None and header_line is not None:
                    break  # the wanted table ended without the key: point at its header
                active = False
                if _dotted(m.group(1)) == name:
                    seen += 1
                    if item is None or seen == item:
                        active, header_line = True, i
                        if key is None:
                            return i
                continue
            if active and key is not None:
                k = _KEY.match(line)
                if k and _unquote(k.group(1)) == key:
                    return i
        return header_line

    def error(self, message: str, table: Sequence[str], key: str | None = None,
              item: int | None = None, hint: str | None = None) -> InputError:
        where = ".".join([*table, key] if key else table) or "(top level)"
        return InputError(f"{where}: {message}", file=self.path, line=self.line_of(table, key, item),
                          hint=hint)

    # -- typed access --------------------------------------------------------------------
    def table(self, *names: str) -> dict[str, Any]:
        """The table at ``names`` ({} when absent); a non-table there is an error."""
        node: Any = self.data
        for k, name in enumerate(names):
            node = node.get(name, {}) if isinstance(node, dict) else None
            if not isinstance(node, dict):
                raise self.error("expected a table", names[:k], name)
        return node

    def tables(self, *names: str) -> list[dict[str, Any]]:
        """The array of tables ``[[names]]`` ([] when absent)."""
        parent = self.table(*names[:-1])
        value = parent.get(names[-1], [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error("expected an array of tables ([[...]])", names[:-1], names[-1])
        return value


def check_keys(file: TomlFile, table: dict[str, Any], allowed: Sequence[str], where: Sequence[str],
               item: int | None = None) -> None:
    """Refuse keys the reader does not know (a misspelt key would otherwise be ignored)."""
    for key in table:
        if key not in allowed:
            raise file.error(f"unknown key (known: {', '.join(allowed)})", where, key, item,
                             hint="fix the spelling or remove it")


_TYPES: dict[type, str] = {str: "a string", int: "an integer", bool: "true or false", list: "an array",
                           dict: "a table"}


def typed(file: TomlFile, table: dict[str, Any], key: str, kind: type, default: Any, where: Sequence[str],
          item: int | None = None) -> Any:
    """``table[key]`` checked to be of ``kind`` (bool is not an int), else ``default``."""
    if key not in table:
        return default
    value = table[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise file.error(f"expected {_TYPES.get(kind, kind.__name__)}, not {value!r}", where, key, item)
    return value


def strings(file: TomlFile, table: dict[str, Any], key: str, default: Sequence[str], where: Sequence[str],
            item: int | None = None) -> list[str]:
    """A list of strings (a single string is refused: it would be read letter by letter)."""
    value = typed(file, table, key, list, list(default), where, item)
    if not all(isinstance(v, str) for v in value):
        raise file.error("expected an array of strings", where, key, item)
    return list(value)


def pattern(file: TomlFile, table: dict[str, Any], key: str, default: str, where: Sequence[str],
            groups: Sequence[str] = (), item: int | None = None) -> re.Pattern[str]:
    """A regular expression, compiled, with the named ``groups`` it must have."""
    text = typed(file, table, key, str, default, where, item)
    try:
        compiled = re.compile(text)
    except re.error as exc:
        raise file.error(f"not a valid regular expression: {exc}", where, key, item) from None
    for group in groups:
        if group not in compiled.groupindex:
            raise file.error(f"the regular expression needs a group named {group!r}: (?P<{group}>...)",
                             where, key, item)
    return compiled


# -- declared shapes -------------------------------------------------------------------
# A shape is: a type (str, int, bool), STRINGS (an array of strings), a dict of key ->
# shape (a table whose keys are all known), [shape] (an array of such tables), Map(shape)
# (a table of free keys, each value of that shape) or OneOf(values).


class Map:
    """A table whose keys are the data's own (IDs, headings), each value of one shape."""

    def __init__(self, shape: Any) -> None:
        self.shape = shape


class Required:
    """A key a table must have."""

    def __init__(self, shape: Any) -> None:
        self.shape = shape


class OneOf:
    """A string from a closed list."""

    def __init__(self, *values: str) -> None:
        self.values = values


STRINGS = ("strings",)
YEARISH = ("date",)  # a date or year: quoted ("1990", "2026-11-26") or bare (1990, 2026-11-26)


def check_shape(file: TomlFile, value: Any, shape: Any, where: tuple[str, ...] = (),
                key: str | None = None, item: int | None = None) -> None:
    """Raise an InputError at the first value of ``file.data`` that does not fit ``shape``."""
    if isinstance(shape, Required):
        shape = shape.shape
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            raise file.error("expected a table", where, key, item)
        inner = (*where, key) if key is not None else where
        for k, sub in shape.items():
            if isinstance(sub, Required) and k not in value:
                raise file.error(f"{k!r} is missing", inner, None, item,
                                 hint=f"add {k} = ... to this table")
        for k, v in value.items():
            if k not in shape:
                raise file.error(f"unknown key (known: {', '.join(shape)})", inner, k, item,
                                 hint="fix the spelling or remove it")
            check_shape(file, v, shape[k], inner, k, item)
    elif isinstance(shape, list):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise file.error("expected an array of tables ([[...]])", where, key, item)
        for n, v in enumerate(value):
            check_shape(file, v, shape[0], (*where, key) if key else where, None, n)
    elif isinstance(shape, Map):
        if not isinstance(value, dict):
            raise file.error("expected a table", where, key, item)
        for k, v in value.items():
            check_shape(file, v, shape.shape, (*where, key) if key else where, k, item)
    elif isinstance(shape, OneOf):
        if value not in shape.values:
            raise file.error(f"expected one of {', '.join(shape.values)}, not {value!r}", where, key, item)
    elif shape is STRINGS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise file.error(f"expected an array of strings, not {value!r}", where, key, item)
    elif shape is YEARISH:
        if isinstance(value, bool) or not isinstance(value, str | int | datetime.date):
            raise file.error(f"expected a date or a year, not {value!r}", where, key, item)
    elif isinstance(shape, type) and (not isinstance(value, shape)
                                      or (shape is int and isinstance(value, bool))):
        raise file.error(f"expected {_TYPES.get(shape, shape.__name__)}, not {value!r}", where, key, item)
