"""Start-up stays cheap: the CLI imports a subcommand's modules only when it runs."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("saxonche", "jsonschema", "pygls", "bagit", "teikit.build", "teikit.check", "teikit.validate",
         "teikit.deposit", "teikit.cite", "teikit.ingest", "teikit.lsp", "lxml.etree")


def _imported(code: str) -> set[str]:
    probe = f"import sys; {code}; import json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_importing_the_cli_imports_no_builder_saxon_or_schema_library():
    loaded = _imported("import teikit.cli")
    assert not [m for m in loaded if m.startswith(HEAVY)], sorted(m for m in loaded if m.startswith(HEAVY))


def test_version_does_not_even_import_click():
    code = "sys.argv = ['teikit', '--version']; from teikit._entry import main; main()"
    assert "click" not in _imported(code)


def test_check_loads_only_what_check_needs():
    code = ("sys.argv = ['teikit', 'check', '--help']\n"
            "from teikit.cli import cli\n"
            "try:\n cli(prog_name='teikit')\nexcept SystemExit: pass").replace("\n", "; ", 1)
    loaded = _imported(f"exec({code!r})")
    assert "teikit.cli.check" in loaded
    assert not [m for m in loaded if m.startswith(("saxonche", "teikit.build", "pygls", "teikit.lsp"))]
