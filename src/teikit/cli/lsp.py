"""`teikit lsp`: the TEI language server for editors, over stdio."""

from __future__ import annotations

import click


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Speak LSP on stdin/stdout (the default and only transport).")
def command(stdio: bool) -> None:
    """Run the TEI language server (LSP over stdio) for VS Code, Neovim, Emacs, oXygen.

    \b
    Editors start it themselves; see docs/editors.md for their settings. It gives
    diagnostics from `teikit check` while you type, completion of @ref/@target/@key/
    @corresp values from the edition's xml:ids, hover cards, go to definition, find
    references and rename of an xml:id.
    """
    from teikit.lsp.server import serve_stdio  # pygls loads only for this command

    serve_stdio()
