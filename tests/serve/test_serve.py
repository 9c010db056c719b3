"""`teikit serve` as a user runs it: a subprocess on a free loopback port, a page fetched,
the edition edited, the new page served, a broken save survived, a clean stop."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

MINI = Path(__file__).parents[1] / "fixtures" / "mini-edition.xml"
SERVE = [sys.executable, "-m", "teikit", "serve"]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _version(base: str) -> dict:
    return json.loads(_get(f"{base}/__teikit/version")[1])


def _wait_for(predicate, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the preview")


@pytest.fixture
def served(tmp_path):
    edition = tmp_path / "edition.xml"
    shutil.copy(MINI, edition)
    proc = subprocess.Popen(
        [*SERVE, "--edition", str(edition), "--port", "0", "--interval", "0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        deadline = time.monotonic() + 60
        while "serving" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()
            assert line or proc.poll() is None, "teikit serve exited before serving"
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        yield edition, f"http://127.0.0.1:{port}", proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_edit_rebuild_reload_and_stop(served):
    edition, base, proc = served
    status, page = _get(f"{base}/ch01.html")
    assert status == 200 and "Beginnings" in page and "Beginnings Revised" not in page
    assert '<script src="/__teikit/reload.js" defer="defer"></script></body>' in page
    assert "location.reload()" in _get(f"{base}/__teikit/reload.js")[1]
    first = _version(base)
    assert first["error"] == ""

    # Saving without a change (a touch) does not rebuild.
    edition.write_bytes(edition.read_bytes())
    time.sleep(1.5)  # many polls of the watcher (every 0.1 s)
    assert _version(base)["version"] == first["version"]

    # A change inside one chapter: its page's digest changes, another chapter's does not,
    # so only the browser showing that chapter reloads.
    def digests() -> dict[str, str]:
        return {p: json.loads(_get(f"{base}/__teikit/version?page={p}")[1])["page"]
                for p in ("/ch01.html", "/ch02.html")}

    before = digests()
    assert all(len(d) == 64 for d in before.values())
    edition.write_text(edition.read_text(encoding="utf-8").replace("School. University.",
                                                                   "School. University. Army."),
                       encoding="utf-8")
    first = _wait_for(lambda: (v := _version(base))["version"] > first["version"] and v)
    after = digests()
    assert after["/ch01.html"] != before["/ch01.html"]
    assert after["/ch02.html"] == before["/ch02.html"]
    assert "School. University. Army." in _get(f"{base}/ch01.html")[1]

    edition.write_text(edition.read_text(encoding="utf-8").replace("<head>Beginnings</head>",
                                                                   "<head>Beginnings Revised</head>"),
                       encoding="utf-8")
    state = _wait_for(lambda: (v := _version(base))["version"] > first["version"] and v)
    assert state["error"] == ""
    assert "Beginnings Revised" in _get(f"{base}/ch01.html")[1]

    # A broken save keeps the last good pages and says why, with file and line.
    good = edition.read_text(encoding="utf-8")
    edition.write_text(good.replace("</TEI>", "<unclosed"), encoding="utf-8")
    failed = _wait_for(lambda: (v := _version(base))["error"] and v)
    assert f"{edition}:" in failed["error"] and "not well-formed" in failed["error"]
    assert failed["version"] == state["version"]
    assert "Beginnings Revised" in _get(f"{base}/ch01.html")[1]
    edition.write_text(good, encoding="utf-8")
    _wait_for(lambda: (v := _version(base))["version"] > state["version"] and not v["error"])

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0
    assert "Traceback" not in proc.stderr.read()


def test_every_response_carries_the_safe_headers_and_the_pages_policy(served):
    """The Content-Security-Policy header is the pages' own <meta> policy plus what only a
    header can say (no framing); nothing is sniffed; no referrer leaves."""
    _edition, base, _ = served
    from teikit.serve.handler import CONTENT_SECURITY_POLICY

    paths = ("/ch01.html", "/assets/teikit.js", "/__teikit/reload.js", "/__teikit/version", "/missing.html")
    for path in paths:
        try:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                headers, body = response.headers, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            headers, body = exc.headers, ""
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "no-referrer", path
        policy = headers["Content-Security-Policy"]
        assert policy == CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'", path
        if path == "/ch01.html":
            meta = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}"/>'
            assert meta.replace("'", "&#39;") in body or meta in body
        if path.endswith(".js"):  # with nosniff, a script served as anything else would not run
            kind = headers["Content-Type"].split(";")[0]
            assert kind in ("text/javascript", "application/javascript"), path


def test_only_the_build_folder_is_served(served):
    edition, base, _ = served
    for path in ("/../edition.xml", "/%2e%2e/edition.xml", "/..%2fedition.xml"):
        status, body = _get(base + path)
        assert status == 404, path
        assert "<TEI" not in body


def test_encoded_dots_backslashes_and_nul_reach_nothing_outside_and_raise_nothing(served):
    edition, base, proc = served
    for path in ("/%2e%2e/%2e%2e/etc/passwd", "/..%5c..%5cedition.xml", "/html/..%252f..%252fedition.xml",
                 "//etc/passwd", "/%c0%ae%c0%ae/edition.xml", "/index.html%00.txt", "/%00"):
        status, body = _get(base + path)
        assert status in (400, 404), path
        assert "<TEI" not in body and "root:" not in body
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0
    assert "Traceback" not in proc.stderr.read()  # /%00 raised in the handler


def test_a_page_asked_under_another_host_name_is_refused(served):
    """DNS rebinding: a page of evil.example whose name leads to 127.0.0.1 reads nothing."""
    _, base, _ = served
    for host, status in (("evil.example", 421), ("evil.example:8000", 421), ("127.0.0.1.evil.example", 421),
                         ("localhost:1", 200), ("127.0.0.1", 200), ("[::1]:80", 200)):
        request = urllib.request.Request(base + "/index.html", headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                got, body = response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            got, body = exc.code, exc.read().decode("utf-8", "replace")
        assert got == status, (host, got)
        assert (status == 200) == ("<html" in body.lower()), host


def test_a_fifo_or_a_device_beside_the_edition_does_not_stop_the_preview(tmp_path):
    """serve watches the *.xml beside the edition: a FIFO there blocked it before it served."""
    import os

    edition = tmp_path / "edition.xml"
    shutil.copy(MINI, edition)
    os.mkfifo(tmp_path / "pipe.xml")
    (tmp_path / "zero.xml").symlink_to("/dev/zero")
    proc = subprocess.Popen([*SERVE, "--edition", str(edition), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        import threading

        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.append(proc.stderr.readline()), daemon=True)
        reader.start()
        reader.join(60)  # the preview blocked for ever on the FIFO: a bounded wait, then fail
        assert lines and "serving" in lines[0], lines
        line = lines[0]
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        assert _get(f"http://127.0.0.1:{port}/index.html")[0] == 200
    finally:
        proc.kill()
        proc.wait()


def test_a_missing_edition_is_a_usage_error(tmp_path):
    run = subprocess.run([sys.executable, "-m", "teikit", "serve", "--edition", str(tmp_path / "none.xml")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "none.xml" in run.stderr and "Traceback" not in run.stderr


def test_an_edition_broken_from_the_start_is_served_once_repaired(tmp_path):
    edition = tmp_path / "edition.xml"
    good = MINI.read_text(encoding="utf-8")
    edition.write_text(good.replace("</TEI>", ""), encoding="utf-8")
    proc = subprocess.Popen(
        [*SERVE, "--edition", str(edition), "--port", "0", "--interval", "0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        while "serving" not in line:
            line = proc.stderr.readline()
            assert line, "teikit serve exited before serving"
        base = "http://127.0.0.1:" + line.split("http://127.0.0.1:")[1].split("/")[0]
        status, page = _get(f"{base}/")
        assert status == 503 and "/__teikit/reload.js" in page
        assert "not well-formed" in _version(base)["error"]
        edition.write_text(good, encoding="utf-8")
        _wait_for(lambda: _get(f"{base}/")[0] == 200)
        assert _version(base) == {**_version(base), "version": 1, "error": ""}
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0


def test_a_folder_of_letters_is_previewed_as_one_collection(tmp_path):
    """`teikit serve --edition DIR --register FILE` previews the collection `build` makes;
    an edited letter is rebuilt, and a letter added to the folder joins the site."""
    letters = tmp_path / "letters"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "letters", letters)
    register = tmp_path / "persons.xml"
    (letters / "persons.xml").rename(register)
    proc = subprocess.Popen(
        [*SERVE, "--edition", str(letters), "--register", str(register), "--port", "0", "--interval", "0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        while "serving" not in line:
            line = proc.stderr.readline()
            assert line or proc.poll() is None, "teikit serve exited before serving"
        base = "http://127.0.0.1:" + line.split("http://127.0.0.1:")[1].split("/")[0]
        status, index = _get(f"{base}/letters.html")
        assert status == 200 and index.count("<tr data-date") == 4
        first = _version(base)
        added = letters / "1811-01-01-copy.xml"
        added.write_text((letters / "1807-03-02-lafoye.xml").read_text(encoding="utf-8")
                         .replace('xml:id="l2"', 'xml:id="l5"'), encoding="utf-8")
        _wait_for(lambda: (v := _version(base))["version"] > first["version"] and v)
        assert _get(f"{base}/letters.html")[1].count("<tr data-date") == 5
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
