"""The wheel is a toolkit on its own: installed outside any checkout, it validates, checks and
builds a TEI file by another project, and `teikit init` makes a project that builds.

The wheel is built from this checkout (setuptools, no network: --no-build-isolation) and
installed without dependencies into a fresh venv in a temporary folder; the dependencies
come from the test venv through a path entry (not its .pth files, so the checkout's
editable teikit is never what runs: the test asserts where teikit is imported from).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "tei-samples"
SAMPLE = SAMPLES / "firstfolio_romeo_and_juliet_F-rom.xml"  # valid against tei_all


def _run(cmd: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
          "-w", str(work / "dist"), str(ROOT)], cwd=work)
    wheel = next((work / "dist").glob("teikit-*.whl"))
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=work)
    python = venv / "bin" / "python"
    purelib = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        cwd=work).stdout.strip())
    (purelib / "teikit-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index",
          str(wheel)], cwd=work)
    return venv


def test_the_wheel_carries_xslt_schemas_and_tei_all(installed):
    import zipfile

    wheel = next(installed.parent.joinpath("dist").glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for member in ("teikit/_data/xslt/html/html.xsl", "teikit/_data/xslt/epub/epub.xsl",
                   "teikit/_data/schemas/teikit.rng", "teikit/_data/.cache/tei/tei_all.rng",
                   "teikit/_data/xslt/html/assets/teikit.js", "teikit/check/data/pointers.json"):
        assert member in names, member


def test_the_installed_teikit_is_not_the_checkout(installed, tmp_path):
    python = str(installed / "bin" / "python")
    out = _run([python, "-c", "import teikit; print(teikit.__file__)"], cwd=tmp_path)
    assert str(installed) in out.stdout and str(ROOT) not in out.stdout


@pytest.mark.shared
def test_validate_check_build_from_any_folder(installed, tmp_path):
    if not SAMPLE.is_file():
        pytest.skip(f"../shared is absent ({SAMPLE}); this test reads a TEI sample from it")
    teikit = str(installed / "bin" / "teikit")
    _run([teikit, "validate", "--schema", "tei_all", str(SAMPLE)], cwd=tmp_path)
    checked = _run([teikit, "check", str(SAMPLE)], cwd=tmp_path, check=False)
    assert checked.returncode in (0, 1) and "Traceback" not in checked.stderr  # 1: the sample's own links
    _run([teikit, "build", "--edition", str(SAMPLE), "--out", "out"], cwd=tmp_path)
    assert (tmp_path / "out" / "html" / "index.html").is_file()
    assert (tmp_path / "out" / f"{SAMPLE.stem}.epub").is_file()


@pytest.mark.shared
def test_init_then_build_in_the_new_project(installed, tmp_path):
    if not SAMPLE.is_file():
        pytest.skip(f"../shared is absent ({SAMPLE}); this test reads a TEI sample from it")
    teikit = str(installed / "bin" / "teikit")
    _run([teikit, "init", "ED", "--tei", str(SAMPLE)], cwd=tmp_path)
    _run([teikit, "build"], cwd=tmp_path / "ED")
    _run([teikit, "cite"], cwd=tmp_path / "ED" / "tei")  # the project is found from a subfolder
    assert (tmp_path / "ED" / "exports" / "html" / "index.html").is_file()
    assert (tmp_path / "ED" / "exports" / "citations").is_dir()
