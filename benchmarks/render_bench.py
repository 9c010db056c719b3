"""How soon a reader sees the largest pages of a built site in Chromium (Debian's, as the
browser tests drive it through Playwright).

For the ``--top`` largest HTML pages of a site (the memoir's when no folder is given: it is
built into a temporary folder first), opened ``--runs`` times each in a fresh tab from a
loopback server (and with ``--file`` from disk, file://), prints the page's size, its
elements, and the medians of: the first contentful paint (the first text the reader sees),
DOMContentLoaded, the load event, and the time the deferred scripts took after the page was
parsed (``load`` minus ``DOMContentLoaded``). ``--phone`` uses a 390x844 touch viewport with a
4x slower CPU (DevTools' throttling), as a middling phone reads. Figures, never a timed test.

    .venv/bin/python benchmarks/render_bench.py
    .venv/bin/python benchmarks/render_bench.py --top 3 --runs 7 --phone
    .venv/bin/python benchmarks/render_bench.py /work/corpora/s14-reader-out/letters/html --file
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

MEASURE = """() => new Promise(resolve => {
  // after the load event, and after the first contentful paint (which a long page may
  // paint only after its load event): whichever comes last
  const loaded = new Promise(ok => document.readyState === 'complete' ? ok() : addEventListener('load', ok));
  const painted = new Promise(ok => new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('first-contentful-paint').length) { observer.disconnect(); ok(); }
  }).observe({type: 'paint', buffered: true}));
  Promise.all([loaded, painted]).then(() => setTimeout(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    resolve({fcp: fcp.startTime, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
             elements: document.getElementsByTagName('*').length});
  }, 0));
})"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def _memoir_site() -> Path:
    sys.path.insert(0, str(ROOT / "src"))
    from teikit import paths
    from teikit.build import BuildSettings
    from teikit.build import html as html_builder
    from teikit.edition import Edition

    out = Path(tempfile.mkdtemp(prefix="teikit-render-bench-"))
    html_builder.build(Edition.load(paths.EDITION), out, BuildSettings(exports_dir=out))
    return out / "html"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path,
                        help="a built site's folder (default: the memoir, built)")
    parser.add_argument("--top", type=int, default=5, help="how many of the largest pages (5)")
    parser.add_argument("--runs", type=int, default=5, help="openings of each page (5)")
    parser.add_argument("--phone", action="store_true", help="a phone's viewport and a 4x slower CPU")
    parser.add_argument("--file", action="store_true", help="also open the pages from disk (file://)")
    options = parser.parse_args()
    site = options.site.resolve() if options.site else _memoir_site()
    try:
        return _measure(site, options)
    finally:
        if not options.site:
            shutil.rmtree(site.parent, ignore_errors=True)


def _measure(site: Path, options: argparse.Namespace) -> int:
    pages = sorted(site.glob("*.html"), key=lambda p: p.stat().st_size, reverse=True)[:options.top]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    bases = {"http": f"http://127.0.0.1:{server.server_address[1]}/"}
    if options.file:
        bases["file"] = site.as_uri() + "/"

    from playwright.sync_api import sync_playwright

    phone = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
    view = phone if options.phone else {"viewport": {"width": 1280, "height": 900}}
    kind = "phone, CPU 4x slower" if options.phone else "desktop"
    print(f"site {site} ({kind}; medians of {options.runs})")
    print(f"{'page':<28}{'via':>5}{'KB':>8}{'elements':>10}{'FCP ms':>9}{'DCL ms':>9}{'load ms':>9}"
          f"{'scripts ms':>11}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(**view)
        for page_file in pages:
            for via, base in bases.items():
                runs = []
                for _ in range(options.runs):
                    tab = context.new_page()
                    if options.phone:
                        cdp = context.new_cdp_session(tab)
                        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    tab.goto(base + page_file.name, wait_until="load")
                    runs.append(tab.evaluate(MEASURE))
                    tab.close()
                med = {k: statistics.median(r[k] for r in runs)
                       for k in ("fcp", "dcl", "load", "elements")}
                size = page_file.stat().st_size / 1024
                print(f"{page_file.name:<28}{via:>5}{size:>8.0f}{med['elements']:>10.0f}{med['fcp']:>9.0f}"
                      f"{med['dcl']:>9.0f}{med['load']:>9.0f}{med['load'] - med['dcl']:>11.0f}")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
