"""`teikit serve`: a live preview of the HTML reading edition on 127.0.0.1.

:class:`Preview` builds the edition's HTML into a folder of its own (never ``exports/``),
serves it (:mod:`teikit.serve.handler`), watches the edition file and the XML files beside
it (a collection: its folder's TEI files and its registers), and rebuilds when the content of
one changes (a save without changes does not rebuild). Every page the preview serves carries
one small script that polls ``/__teikit/version`` and reloads the page when its content
changed in a new build. A build that fails keeps the previous pages and shows its messages in
a banner.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from teikit import xmlio
from teikit.build import BuildSettings
from teikit.build import html as html_builder
from teikit.build.parallel import Source
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import TeikitError


@dataclass
class BuildState:
    """What the browser polls: the build number, and the last build's errors ('' when clean)."""

    version: int = 0
    error: str = ""
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def as_dict(self) -> dict:
        with self.lock:
            return {"version": self.version, "error": self.error, "seconds": round(self.seconds, 3)}


class Preview:
    """Build, then rebuild on change; the pages are in :attr:`site` (``<out>/html``).

    ``edition`` is a TEI file, or a folder of them (a collection, read as ``teikit build``
    reads it: :meth:`teikit.build.parallel.Source.given`), with ``registers``; a folder is
    listed again at every check, so a letter added to it is built too."""

    def __init__(self, edition: Path, out_dir: Path | None = None, *, interval: float = 0.5,
                 registers: tuple[Path, ...] = ()) -> None:
        self.edition = edition.resolve()
        self.registers = tuple(r.resolve() for r in registers)
        self._own_dir = out_dir is None
        self.out_dir = Path(tempfile.mkdtemp(prefix="teikit-serve-")) if out_dir is None else out_dir
        self.site = self.out_dir / html_builder.FOLDER
        self.interval = interval
        self.state = BuildState()
        self._stop = threading.Event()
        self._stamps: dict[Path, float] = {}
        self._digests: dict[Path, str] = {}

    # -- building ---------------------------------------------------------------------
    def watched(self) -> list[Path]:
        """The edition and the XML files beside it (registers, included files); a collection's
        members (its folder's TEI files, found again each time) and its registers."""
        if self.edition.is_dir():
            from teikit.collection import tei_files

            return sorted({*tei_files(self.edition), *self.registers})
        beside = sorted(p for p in self.edition.parent.glob("*.xml") if p != self.edition)
        return [self.edition, *beside, *(r for r in self.registers if r not in beside and r != self.edition)]

    def _watched(self) -> list[Path]:
        # a folder that cannot be read as an edition (a link out of it): the build says why,
        # and the watch goes on (nothing to compare until it is fixed)
        try:
            return self.watched()
        except TeikitError:
            return []

    def _stamp(self) -> dict[Path, float]:
        stamps: dict[Path, float] = {}
        for path in self._watched():
            try:
                stamps[path] = path.stat().st_mtime_ns
            except OSError:
                stamps[path] = -1
        return stamps

    def build(self) -> list[Diagnostic]:
        """Build once; the version goes up only when new pages are in place."""
        started = time.perf_counter()
        self._stamps, self._digests = self._stamp(), self._digest()
        try:
            edition = Source.given(self.edition, self.registers).load()
            result = html_builder.build(edition, self.out_dir, BuildSettings(exports_dir=self.out_dir))
            diags = result.diagnostics
            built = bool(result.outputs)
        except TeikitError as exc:
            diags = [Diagnostic(exc.file or str(self.edition), exc.line, exc.column, Severity.ERROR,
                                "serve.build-failed", exc.message, exc.hint)]
            built = False
        errors = [d for d in diags if d.severity == Severity.ERROR]
        with self.state.lock:
            if built:
                self.state.version += 1
            self.state.error = "\n".join(d.render() for d in errors) if errors or not built else ""
            if not built and not self.state.error:
                self.state.error = "the build wrote no pages"
            self.state.seconds = time.perf_counter() - started
        return diags

    def changed(self) -> bool:
        """Whether a watched file's content changed (a save without changes, or a touch, is not)."""
        stamps = self._stamp()
        if stamps == self._stamps:
            return False
        digests = self._digest()
        self._stamps = stamps
        return digests != self._digests

    def _digest(self) -> dict[Path, str]:
        out: dict[Path, str] = {}
        for path in self._watched():
            try:
                # as any input: a FIFO beside the edition would block the preview forever, a
                # link to /dev/zero fill its memory
                out[path] = hashlib.sha256(xmlio.read_bytes(path)).hexdigest()
            except TeikitError:
                out[path] = ""
        return out

    def watch(self, on_build=None) -> None:
        """Poll the watched files until :meth:`stop`; rebuild when one changed."""
        while not self._stop.wait(self.interval):
            if self.changed():
                diags = self.build()
                if on_build is not None:
                    on_build(diags)

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        """Stop watching and remove the build folder when the preview made it."""
        self.stop()
        if self._own_dir:
            shutil.rmtree(self.out_dir, ignore_errors=True)
