"""The preview's HTTP side: static pages from the build folder, plus the reload hook.

Only the build folder is served (``http.server``'s own path handling keeps requests
inside it). HTML pages get ``<script src="/__teikit/reload.js">`` before ``</body>``; the
script polls ``/__teikit/version?page=<its path>`` (JSON: build number, errors, and the
SHA-256 of that page as now built) each second, reloads the page only when its own content
changed, and shows a failed build's messages in a banner.
"""

from __future__ import annotations

import hashlib
import json
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from teikit.serve import Preview

VERSION_PATH = "/__teikit/version"
SCRIPT_PATH = "/__teikit/reload.js"
_TAG = f'<script src="{SCRIPT_PATH}" defer="defer"></script>'.encode()
RELOAD_JS = """\
(function () {
  "use strict";
  var seen = null;
  function banner(text) {
    var box = document.getElementById("teikit-serve-error");
    if (!text) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "teikit-serve-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;padding:1em;" +
        "z-index:9999;max-height:40vh;overflow:auto;background:#7a0000;color:#fff;" +
        "font:14px/1.4 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "teikit serve: the last build failed; showing the previous pages\\n\\n" + text;
  }
  var page = "__VERSION__?page=" + encodeURIComponent(location.pathname);
  function poll() {
    fetch(page, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (state) {
        // Reload only when this page's own content changed in the new build.
        if (seen !== null && state.page !== seen) { location.reload(); return; }
        seen = state.page;
        banner(state.error);
      })
      .catch(function () { /* the server stopped or restarts: keep polling */ })
      .then(function () { setTimeout(poll, 1000); });
  }
  poll();
}());
""".replace("__VERSION__", VERSION_PATH)


# The pages' own Content-Security-Policy (their <meta>, xslt/html/page.xsl's
# tk:content-security-policy; a test compares the two), with what only a header can say: no
# other site may show the preview in a frame.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                           "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
                           "object-src 'none'")
SAFE_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"),
    # a data file is never read as a script or a page because of what it holds
    ("X-Content-Type-Options", "nosniff"),
    # a link out (a licence, a map) does not tell the other site which page it was on
    ("Referrer-Policy", "no-referrer"),
)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Static files of the build folder, with the reload script in every HTML page."""

    preview: Preview

    def __init__(self, *args, preview: Preview, **kwargs) -> None:
        self.preview = preview
        super().__init__(*args, directory=str(preview.site), **kwargs)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass  # a request log on stderr would bury the build messages

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        for name, value in SAFE_HEADERS:
            self.send_header(name, value)
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?", 1)[0]
        if not _local_host(self.headers.get("Host", "")):
            # DNS rebinding: a web page of evil.example whose name now leads to 127.0.0.1
            # would otherwise read the preview (and its build messages) from the reader's browser
            self._send(b"teikit serve answers only http://127.0.0.1 and http://localhost\n",
                       "text/plain; charset=utf-8", HTTPStatus.MISDIRECTED_REQUEST)
        elif path == VERSION_PATH:
            state = self.preview.state.as_dict()
            asked = parse_qs(urlsplit(self.path).query).get("page")
            if asked:
                state["page"] = self._digest(asked[0])
            self._send(json.dumps(state).encode(), "application/json")
        elif path == SCRIPT_PATH:
            self._send(RELOAD_JS.encode(), "text/javascript; charset=utf-8")
        elif not self.preview.site.is_dir():
            # No build has succeeded yet: a page that shows why and reloads once one has.
            empty = b"<!DOCTYPE html><html><head><title>teikit serve</title></head><body>" \
                    b"<p>No pages yet: the edition has not been built.</p></body></html>"
            self._send(self._add_script(empty), "text/html; charset=utf-8", HTTPStatus.SERVICE_UNAVAILABLE)
        elif (page := self._html(path)) is not None:
            self._send(self._inject(page), "text/html; charset=utf-8")
        else:
            super().do_GET()

    def send_head(self):
        # a NUL in the path (/%00) made open() raise in the handler: a traceback on the
        # preview's terminal and the connection dropped unanswered
        if "\x00" in unquote(self.path.split("?", 1)[0].split("#", 1)[0]):
            self.send_error(HTTPStatus.BAD_REQUEST, "a null character in the path")
            return None
        return super().send_head()

    def _digest(self, path: str) -> str:
        """SHA-256 of the page the browser shows ("" when it is not there)."""
        page = self._html(path)
        return hashlib.sha256(page.read_bytes()).hexdigest() if page is not None else ""

    def _html(self, path: str) -> Path | None:
        local = Path(self.translate_path(path))
        if local.is_dir():
            local = local / "index.html"
        return local if local.suffix in (".html", ".xhtml") and local.is_file() else None

    @classmethod
    def _inject(cls, page: Path) -> bytes:
        return cls._add_script(page.read_bytes())

    @staticmethod
    def _add_script(data: bytes) -> bytes:
        at = data.rfind(b"</body>")
        return data[:at] + _TAG + data[at:] if at >= 0 else data + _TAG

    def _send(self, body: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _local_host(host: str) -> bool:
    """Whether a request's Host header names this machine (any port): the loopback
    addresses and ``localhost``; an absent header (HTTP/1.0) too."""
    name = host.strip().lower()
    name = name[1:name.index("]")] if name.startswith("[") and "]" in name else name.rsplit(":", 1)[0]
    return name in ("", "127.0.0.1", "localhost", "::1") or name.endswith(".localhost")


def make_server(preview: Preview, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server for ``preview`` bound to ``host:port`` (port 0: a free one)."""
    server = ThreadingHTTPServer((host, port), partial(PreviewHandler, preview=preview))
    server.daemon_threads = True
    return server
