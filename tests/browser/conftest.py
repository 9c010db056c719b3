"""Browser fixtures: serve a built site on localhost, drive Debian's Chromium with Playwright.

Every page opened through the ``open_page`` fixture records console errors, page errors
and any request to a host other than localhost (which is blocked); the test fails at
teardown if there were any.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def mini_site() -> Iterator[str]:
    """The mini edition built once and served on localhost for every browser test."""
    from tests.xslt.support import MINI, built

    folder, _diags, _copy = built(MINI)
    server, base = serve(folder)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def edition_site() -> Iterator[tuple[str, Path]]:
    """The real edition (tei/bazhanov.xml) built once and served: (base URL, html folder)."""
    from teikit import paths
    from tests.xslt.support import built

    assert paths.EDITION.is_file(), f"{paths.EDITION} is missing: run teikit ingest"
    folder, _diags, _copy = built(paths.EDITION)
    server, base = serve(folder)
    yield base, folder
    server.shutdown()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where browser tests keep their screenshots (exports/ is not in git): look at them."""
    from teikit import paths

    folder = paths.EXPORTS_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup.sh (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


class Recorder:
    """What a page did that it should not: console errors, exceptions, outside requests."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def attach(self, context, page) -> None:
        def route(r):
            host = urlparse(r.request.url).hostname
            if host in ("127.0.0.1", "localhost"):
                r.continue_()
            else:
                self.problems.append(f"request to another host: {r.request.url}")
                r.abort()

        # (a site read from disk asks for file: URLs, which no server answers: not routed)
        context.route(lambda url: not url.startswith("file:"), route)
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))


@pytest.fixture
def open_page(browser) -> Iterator:
    """open_page(base_url, path) -> a Playwright page; problems fail the test at teardown."""
    recorder = Recorder()
    contexts = []

    def opener(base: str, path: str, **kwargs):
        context = browser.new_context(**kwargs)
        contexts.append(context)
        page = context.new_page()
        recorder.attach(context, page)
        page.goto(base + path)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert recorder.problems == []
