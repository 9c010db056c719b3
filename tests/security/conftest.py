"""Fixtures of the hostile-input tests: a secret file, its DTD and a loopback HTTP server."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.security.hostile import SECRET, evil_dtd


@dataclass
class Loopback:
    """A tiny HTTP server on 127.0.0.1 that serves an evil DTD and logs every request."""

    port: int
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file outside every input whose bytes must never reach an output."""
    path = tmp_path_factory.mktemp("outside") / "secret.txt"
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    path.with_name("secret.txt.dtd").write_bytes(evil_dtd(str(path)))
    return path


@pytest.fixture(scope="session")
def loopback(secret: Path) -> Iterator[Loopback]:
    served = evil_dtd(str(secret))
    state = Loopback(port=0)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state.requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/xml-dtd")
            self.end_headers()
            self.wfile.write(served)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def no_secret_under(*folders: Path) -> list[Path]:
    """Files under ``folders`` that hold the secret marker (should be none)."""
    marker = SECRET.encode()
    hits = []
    for folder in folders:
        if folder.exists():
            hits += [p for p in folder.rglob("*") if p.is_file() and marker in p.read_bytes()]
    return hits
