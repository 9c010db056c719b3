"""`teikit hook check|validate FILES…`: the pre-commit hooks' entry points.

pre-commit passes every staged ``*.xml``; the hook keeps the TEI files, says on stderr
which other XML files it skipped (so nothing is skipped silently), and runs ``teikit
check`` or ``teikit validate`` on the TEI files with any options given, with that
command's output and exit code. No TEI file among them: exit 0.
"""

from __future__ import annotations

import click

from teikit.errors import EXIT_OK


@click.command("hook", context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.argument("which", type=click.Choice(["check", "validate"]))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def command(ctx: click.Context, which: str, args: tuple[str, ...]) -> None:
    """Run check or validate on the TEI files among FILES (for pre-commit).

    Options (words starting with "-") go to the command with their values; the other
    arguments are files, of which those that are not TEI are skipped with a note.

    \b
    Example (what .pre-commit-hooks.yaml runs):
      teikit hook check --ignore unused edition.xml pom.xml
    """
    from teikit.hooks import partition

    group = ctx.find_root().command
    target = group.get_command(ctx, which) if isinstance(group, click.Group) else None
    options, files = _split(args, _takes_value(target))
    tei, other = partition(files)
    if other:
        click.echo(f"teikit hook {which}: skipped {len(other)} XML file(s) that are not TEI: "
                   + ", ".join(str(p) for p in other), err=True)
    if not tei:
        ctx.exit(EXIT_OK)
    group.main([*_root_options(ctx), which, *options, *map(str, tei)], prog_name="teikit")


def _takes_value(command: click.Command | None) -> set[str]:
    """The option names of ``command`` that are followed by a value (not flags or counts)."""
    names: set[str] = set()
    for param in command.params if command is not None else []:
        if isinstance(param, click.Option) and not param.is_flag and not param.count:
            names.update(param.opts)
            names.update(param.secondary_opts)
    return names


def _split(args: tuple[str, ...], valued: set[str]) -> tuple[list[str], list[str]]:
    """(options with their values, files), reading options as the command defines them."""
    options: list[str] = []
    files: list[str] = []
    words = list(args)
    while words:
        word = words.pop(0)
        if word == "--":
            files += words
            break
        if word.startswith("-") and word != "-":
            options.append(word)
            if word in valued and words:
                options.append(words.pop(0))
        else:
            files.append(word)
    return options, files


def _root_options(ctx: click.Context) -> list[str]:
    # -q/-v given to `teikit` itself are already applied; pass them on to the inner run.
    level = getattr(ctx.find_root().obj, "level", 0)
    return ["-q"] if level < 0 else ["-v"] * level
