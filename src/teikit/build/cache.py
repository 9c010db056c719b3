"""Skip a build whose inputs have not changed: a content-hash key of everything that makes
the outputs, kept beside them in ``exports/.teikit-cache.json``.

The key hashes teikit's version, its code and XSLT (every file under xslt/), the customization
stylesheets, the formats and options asked for, and the bytes of every TEI file and register
(content, not modification time: a file touched or saved unchanged changes nothing). When
the key equals the one recorded by the last successful build and every output it made is
still there, the build is skipped, the outputs are kept as they are, and what that build
said (warnings, notes) is said again.

An edited document rebuilds the whole site: every page carries collection-wide navigation
(contents, neighbours, registers), so no page of an unchanged document is known to be
unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from teikit import __version__, outputs, paths
from teikit.diagnostics import Diagnostic, Severity

CACHE = ".teikit-cache.json"


def _hash_file(digest: hashlib._Hash, path: Path) -> None:
    digest.update(str(path).encode("utf-8") + b"\0")
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    digest.update(b"\0")


def key(files: Iterable[str | Path], options: dict[str, object]) -> str:
    """The build's key: teikit and its XSLT, ``options`` (JSON-able), and ``files``' bytes."""
    digest = hashlib.sha256()
    digest.update(f"teikit {__version__}\0".encode())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode("utf-8"))
    # teikit's own code and stylesheets: a changed checkout (or a new install) builds again
    own = [*paths.XSLT_DIR.rglob("*"), *paths.PACKAGE_DIR.rglob("*.py")]
    for path in sorted(p for p in own if p.is_file()):
        _hash_file(digest, path)
    for name in files:
        _hash_file(digest, Path(name))
    return digest.hexdigest()


def unchanged(exports: Path, build_key: str) -> list[Diagnostic] | None:
    """The diagnostics of the last successful build into ``exports`` (said again), if it had
    ``build_key`` and the outputs it recorded are all still there; else None."""
    try:
        recorded = json.loads((exports / CACHE).read_text("utf-8"))
        made = recorded["outputs"]
        if recorded["key"] != build_key or not made or not all((exports / n).exists() for n in made):
            return None
        return [Diagnostic(**dict(d, severity=Severity(d["severity"]))) for d in recorded["diagnostics"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record(exports: Path, build_key: str, made: Iterable[str], diagnostics: list[Diagnostic],
           built: dict[str, str] | None = None) -> None:
    """Remember a successful build: its key, the outputs it made, what it said.

    ``built`` ({format: input hash}, what the build record got) is checked, holding the
    folder's lock, against the build record: when another process's build of other input
    moved its outputs in after this one's (two editions built into one folder at once), the
    outputs are no longer this build's, and nothing is remembered (the next build builds)."""
    said = [dict(asdict(d), severity=d.severity.value) for d in diagnostics]
    text = json.dumps({"key": build_key, "outputs": sorted(made), "diagnostics": said}, indent=2,
                      ensure_ascii=False) + "\n"
    with outputs.folder_lock(exports):
        now = outputs.read_record(exports)
        if built and any(now.get(name) != value for name, value in built.items()):
            forget(exports)
            return
        outputs.write_file_now(exports / CACHE, text.encode("utf-8"))


def forget(exports: Path) -> None:
    """Drop the record (before a build that may fail half-way or change the outputs)."""
    (exports / CACHE).unlink(missing_ok=True)
