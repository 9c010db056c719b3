"""Builders: one module per output format, all reading the same :class:`Edition`.

Each builder module exposes ``build(edition, out_dir, settings) -> BuildResult``. The
registry maps a format name to its module; CLI choices derive from it, so adding a format
is one module and one line here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol, cast

from teikit.diagnostics import Diagnostic

if TYPE_CHECKING:
    from teikit.build.preservation import PageCounts
    from teikit.edition import Edition

BUILDERS: dict[str, str] = {
    "html": "teikit.build.html",
    "epub": "teikit.build.epub",
    "csv": "teikit.build.csv",
}


@dataclass
class BuildSettings:
    """Options shared by every builder."""

    exports_dir: Path
    single_page: bool = False
    epub_per_document: bool = False
    """A collection: one EPUB per member (``epub/<member>.epub``) instead of one for all."""
    stylesheets: dict[str, Path] = field(default_factory=dict)
    trust_stylesheets: bool = False
    """Run the customization stylesheets unchecked: they may read local files (project key
    ``build.trust-stylesheets``; teikit.build.customization)."""
    check_text: bool = True
    """Compare the words of the TEI with the HTML site and EPUB built (teikit.build.preservation)."""
    jobs: int = 1
    """Processes the HTML site is written by (teikit.build.parallel); 1: this process alone."""
    executor: str = ""
    """``dask://HOST:PORT``: write the site on that Dask cluster instead of local processes."""
    source: object = None
    """How a worker process loads the edition again (a teikit.build.parallel.Source), set by
    whoever loaded it from files; without it the build stays in this process."""
    products: tuple[str, ...] = ()
    """What this run makes ("html", "epub", "csv", "citations", "deposit"): the reading
    edition's downloads page lists these, and those already in the exports folder."""
    """Per-format customization stylesheets (``html``, ``epub``) replacing teikit's own."""


@dataclass
class BuildResult:
    """What a builder wrote and what it noticed."""

    format: str
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    words: PageCounts | None = None
    """The words of the pages and of their reading text, and their links, when the builder
    counted them as it wrote them (teikit.build.preservation); None: the check reads the pages."""


class Builder(Protocol):
    """What a format's module provides: one function that builds the edition into ``out_dir``.

    It raises :class:`teikit.errors.TeikitError` for input it cannot use (reported against
    the input, other builders still run) and returns what it wrote and noticed. Any other
    exception is a bug and propagates.
    """

    def build(self, edition: Edition, out_dir: Path, settings: BuildSettings) -> BuildResult: ...


def builder(name: str) -> Builder:
    """The module registered for format ``name`` (KeyError for an unknown one)."""
    if name not in BUILDERS:
        raise KeyError(name)
    module: ModuleType = importlib.import_module(BUILDERS[name])
    return cast(Builder, module)
