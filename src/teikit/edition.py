"""A parsed edition: the one document every builder, checker and packager reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teikit import xmlio


@dataclass
class Edition:
    path: Path
    tree: etree._ElementTree

    @classmethod
    def load(cls, path: str | Path) -> Edition:
        """Parse ``path`` safely (see :mod:`teikit.xmlio`); raises InputError if unusable."""
        p = Path(path)
        return cls(path=p, tree=xmlio.parse_file(p))

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def stem(self) -> str:
        return self.path.stem
