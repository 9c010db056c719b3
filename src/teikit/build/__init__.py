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

from teikit.diagnostics import Diagnostic

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
    stylesheets: dict[str, Path] = field(default_factory=dict)
    """Per-format customization stylesheets (``html``, ``epub``) replacing teikit's own."""


@dataclass
class BuildResult:
    """What a builder wrote and what it noticed."""

    format: str
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def builder(name: str) -> ModuleType:
    if name not in BUILDERS:
        raise KeyError(name)
    return importlib.import_module(BUILDERS[name])
