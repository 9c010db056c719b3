"""`teikit init`: scaffold a new edition project (teikit.toml + tei/)."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.cli._common import verbosity


@click.command("init")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--tei", "tei", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="A TEI file of the edition, copied into FOLDER/tei/ (repeatable).")
def command(folder: Path, tei: tuple[Path, ...]) -> None:
    """Make a new edition project in FOLDER (new or empty): teikit.toml and tei/.

    Without --tei a starter TEI document is written. Then `cd FOLDER && teikit build`
    builds it. Exit status: 0 made, 2 the folder is not empty or a file cannot be used.

    \b
    Example:
      teikit init my-letters --tei letter-001.xml --tei letter-002.xml
      cd my-letters && teikit build
    """
    from teikit.scaffold import init

    made = init(folder, tei)
    for path in [made.project_file, *made.tei]:
        click.echo(str(path))
    verbosity().info(f"teikit init: project in {folder}; next: cd {folder} && teikit build")
