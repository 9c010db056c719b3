"""Contract: every command of the CLI is in docs/cli.md's table, and every long option of
every command (and subcommand) is named somewhere in docs/ or the README, so that a
newcomer reading the docs meets each of them."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from teikit.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> dict[str, click.Command]:
    return {name: importlib.import_module(module).command for name, module in cli.lazy_commands.items()}


def _options(command: click.Command, path: str) -> list[tuple[str, str]]:
    found = [(path, opt) for p in command.params if isinstance(p, click.Option)
             for opt in p.opts if opt.startswith("--")]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            found += _options(sub, f"{path} {sub.name}")
    return found


def test_every_command_is_in_the_commands_table():
    table = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in _commands() if f"| `teikit {name}" not in table]
    assert not missing, f"commands missing from docs/cli.md's table: {missing}"


def test_every_option_is_documented():
    docs = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
    docs += (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f"teikit {path} {opt}" for name, command in _commands().items()
               for path, opt in _options(command, name) if opt not in docs]
    assert not missing, f"options named nowhere in docs/: {missing}"
