"""The CLI group: help, version, usage errors, and the installed console script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit import __version__
from teikit.cli import cli

COMMANDS = ["ingest", "validate", "check", "build", "cite", "deposit"]


def test_help_lists_every_command_and_exit_codes():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
    assert "Exit codes" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert f"teikit {name}" in result.output


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_unknown_option_is_a_usage_error():
    result = CliRunner().invoke(cli, ["build", "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.output


def _console_script() -> Path:
    script = Path(sys.executable).parent / "teikit"
    if not script.exists():
        pytest.fail(f"the console script is not installed next to {sys.executable}; run scripts/setup.sh")
    return script


def test_installed_console_script_runs_as_a_subprocess():
    proc = subprocess.run([str(_console_script()), "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert __version__ in proc.stdout


def test_python_dash_m_and_usage_error_exit_code():
    proc = subprocess.run(
        [sys.executable, "-m", "teikit", "no-such-command"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert "Usage:" in proc.stderr


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_a_stopped_build_says_so_and_keeps_the_previous_outputs(tmp_path, signame):
    import hashlib
    import signal
    import time

    edition = Path(__file__).parents[2] / "tei" / "bazhanov.xml"
    if not edition.is_file():
        pytest.skip("the bundled edition is part of the checkout")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "teikit", "build", "html", "csv", "--edition", str(edition),
           "--out", str(out), "--jobs", "1"]
    subprocess.run(cmd, check=True, capture_output=True)

    def state() -> dict[str, str]:
        return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.rglob("*")) if p.is_file()}

    before = state()
    proc = subprocess.Popen([*cmd, "--force"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # past the start (0.3 s): reading the edition or writing the site (5 s)
    proc.send_signal(getattr(signal, signame))
    assert proc.wait(timeout=60) == 128 + getattr(signal, signame)
    err = proc.stderr.read()
    assert f"stopped ({'SIGTERM' if signame == 'SIGTERM' else 'Ctrl+C'})" in err and "Traceback" not in err
    assert state() == before
