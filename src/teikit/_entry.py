"""The console script's entry point: `teikit --version` answers before click is imported."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from teikit import __version__

        print(f"teikit, version {__version__}")
        return
    from teikit.cli import main as cli_main

    cli_main()
