"""Build hook: the wheel carries teikit's XSLT, schemas and TEI's tei_all.rng as package data.

The brief keeps ``xslt/`` and ``schemas/`` at the top of the repository, outside
``src/teikit``; this copies them into ``teikit/_data/`` of the built package, where
:mod:`teikit.paths` finds them when teikit runs from an installed wheel. (An editable install
reads them from the checkout instead.) ``tei_all.rng`` is fetched by ``scripts/setup.sh``
into ``.cache/tei/``; it goes to ``_data/.cache/tei/`` so that ``schemas/teikit.rng``'s
relative include resolves the same way in both layouts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA = {"xslt": "xslt", "schemas": "schemas", ".cache/tei/tei_all.rng": ".cache/tei/tei_all.rng"}


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # editable installs read the checkout's folders
        target = Path(self.build_lib) / "teikit" / "_data"
        for source, dest in DATA.items():
            src = HERE / source
            if not src.exists():
                raise SystemExit(f"setup.py: {src} is missing (run scripts/setup.sh first)")
            out = target / dest
            out.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, out, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copyfile(src, out)


setup(cmdclass={"build_py": BuildPyWithData})
