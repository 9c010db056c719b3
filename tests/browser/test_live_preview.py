"""`teikit serve` in Chromium: an open page reloads itself when its chapter is edited, a page
whose content did not change stays as it is, and a broken save shows a banner."""

from __future__ import annotations

import shutil
import signal
import subprocess

import pytest

from tests.serve.test_serve import MINI, SERVE, _version, _wait_for

pytestmark = pytest.mark.browser


@pytest.fixture
def preview(tmp_path):
    edition = tmp_path / "edition.xml"
    shutil.copy(MINI, edition)
    proc = subprocess.Popen([*SERVE, "--edition", str(edition), "--port", "0", "--interval", "0.1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = ""
    while "serving" not in line:
        line = proc.stderr.readline()
        assert line, "teikit serve exited before serving"
    base = "http://127.0.0.1:" + line.split("http://127.0.0.1:")[1].split("/")[0]
    yield edition, base
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0


def test_the_edited_page_reloads_itself_and_the_others_stay(preview, open_page):
    edition, base = preview
    chapter = open_page(base, "/ch01.html")
    other = open_page(base, "/ch02.html")
    chapter.evaluate("window.__before_edit = true")
    other.evaluate("window.__before_edit = true")
    chapter.wait_for_timeout(1500)  # both scripts have polled once and know their page
    version = _version(base)["version"]

    edition.write_text(edition.read_text(encoding="utf-8").replace("School. University.",
                                                                   "School. University. Army."),
                       encoding="utf-8")
    _wait_for(lambda: _version(base)["version"] > version)
    chapter.get_by_text("School. University. Army.").wait_for(timeout=20000)
    assert chapter.evaluate("window.__before_edit === undefined")  # it was reloaded
    other.wait_for_timeout(2500)  # several polls after the build
    assert other.evaluate("window.__before_edit === true")  # its content did not change

    edition.write_text(edition.read_text(encoding="utf-8").replace("</TEI>", "<oops"), encoding="utf-8")
    banner = chapter.locator("#teikit-serve-error")
    banner.wait_for(timeout=20000)
    assert "the last build failed" in banner.inner_text() and "not well-formed" in banner.inner_text()
    assert chapter.get_by_text("School. University. Army.").is_visible()  # the last good page stays
