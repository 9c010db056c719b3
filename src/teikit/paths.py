"""Where teikit's own files live, in a checkout and in an installed wheel.

teikit's XSLT and schemas sit at the top of the repository (``xslt/``, ``schemas/``); a
wheel carries copies in ``teikit/_data/`` (see ``setup.py``). :data:`DATA_DIR` is whichever
of the two this copy of teikit runs from, so the same code works from a checkout (editable
install) and from ``pip install teikit`` in any folder.

An edition's own files (its TEI, source, editorial data, output folder) are not here: they
come from its project file, ``teikit.toml`` (:mod:`teikit.project`), or from the command line.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_WHEEL_DATA = PACKAGE_DIR / "_data"
# src/teikit -> the checkout's root (only meaningful when teikit runs from a checkout).
CHECKOUT_ROOT = PACKAGE_DIR.parent.parent
INSTALLED = _WHEEL_DATA.is_dir()

DATA_DIR = _WHEEL_DATA if INSTALLED else CHECKOUT_ROOT
SCHEMAS_DIR = DATA_DIR / "schemas"
XSLT_DIR = DATA_DIR / "xslt"
TEI_ALL = DATA_DIR / ".cache" / "tei" / "tei_all.rng"


def _user_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "teikit"


# Writable cache (validation results): the checkout's .cache, or the user's cache folder.
CACHE_DIR = _user_cache() if INSTALLED else CHECKOUT_ROOT / ".cache"
PROJECT_ROOT = CHECKOUT_ROOT  # kept for the checkout's own tools (benchmarks, ingest tests)


def __getattr__(name: str) -> Path:
    """The checkout's own edition (tests and benchmarks), read from its ``teikit.toml``.

    Commands never use these: they take the project of the working directory.
    """
    keys = {"EDITION", "TEI_DIR", "SOURCE_TEXT", "EDITORIAL_DIR", "EXPORTS_DIR"}
    if name not in keys:
        raise AttributeError(name)
    from teikit import project

    proj = project.load(CHECKOUT_ROOT / project.FILENAME)
    values = {
        "EDITION": proj.edition,
        "TEI_DIR": proj.edition.parent,
        "SOURCE_TEXT": proj.ingest_source,
        "EDITORIAL_DIR": proj.ingest_editorial,
        "EXPORTS_DIR": proj.exports,
    }
    value = values[name]
    if value is None:
        raise AttributeError(name)
    return value
