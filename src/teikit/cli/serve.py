"""`teikit serve`: build the HTML edition, serve it on 127.0.0.1 and rebuild on change."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

import click

from teikit.cli._common import hidden_notice, verbosity
from teikit.errors import InputError


@click.command("serve")
@click.option("--edition", "edition_path", type=click.Path(path_type=Path),
              default=None, help="The TEI file, or folder of TEI files (a collection), to preview "
                                 "[default: the project's, from teikit.toml].")
@click.option("--register", "registers", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="A separate register read with the edition; repeatable [default: the project's].")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for the preview's build (default: a temporary folder, removed on exit).")
@click.option("--interval", type=click.FloatRange(0.05, 60), default=0.5, show_default=True,
              help="Seconds between checks of the edition's files for changes.")
def command(edition_path: Path | None, port: int, out_dir: Path | None, interval: float,
            registers: tuple[Path, ...]) -> None:
    """Preview the HTML edition in a browser, rebuilt and reloaded on every save.

    Builds the reading edition (as `teikit build html`) into its own folder, serves it on
    http://127.0.0.1:PORT/ only, watches the edition and the XML files beside it, rebuilds
    when one changes, and the open pages reload themselves. A build that fails keeps the
    previous pages and shows the messages in the page. Stop with Ctrl+C (exit 0).

    \b
    Example:
      teikit serve                       # the project's edition on http://127.0.0.1:8000/
      teikit serve --edition letter.xml --port 0
      teikit serve --edition letters/ --register persons.xml
    """
    from teikit.serve import Preview
    from teikit.serve.handler import make_server

    if edition_path is None:  # the project's: its one file, or its folder of several (a collection)
        from teikit.build.parallel import Source

        source = Source.given(None)
        edition_path = Path(source.name) if source.collection else Path(source.files[0])
        registers = registers or tuple(Path(r) for r in source.registers)
    if not edition_path.exists():
        raise InputError("the edition file does not exist", file=edition_path,
                         hint="give an existing TEI file (or folder of them) with --edition")
    log = verbosity()
    if edition_path.is_dir():
        hidden_notice(edition_path)
    preview = Preview(edition_path, out_dir, interval=interval, registers=registers)
    try:
        first = preview.build()
        for d in first:
            log.info(d.render())
        try:
            server = make_server(preview, "127.0.0.1", port)
        except OSError as exc:
            raise InputError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}",
                             hint="choose another --port, or --port 0 for any free one") from exc
        stopping = threading.Event()

        def _stop(signum: int, frame: object) -> None:
            stopping.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)

        def _rebuilt(diags: list) -> None:
            state = preview.state.as_dict()
            status = "failed" if state["error"] else f"build {state['version']}"
            click.echo(f"teikit serve: rebuilt ({status}, {state['seconds']:.2f} s)", err=True)
            for d in diags:
                log.info(d.render())

        watcher = threading.Thread(target=preview.watch, args=(_rebuilt,), daemon=True)
        watcher.start()
        state = preview.state.as_dict()
        if state["error"]:
            click.echo(f"teikit serve: the first build failed:\n{state['error']}", err=True)
        click.echo(f"teikit serve: serving {edition_path} on http://127.0.0.1:{server.server_address[1]}/ "
                   f"(built in {state['seconds']:.2f} s; Ctrl+C stops)", err=True)
        sys.stderr.flush()
        server.serve_forever(poll_interval=0.2)
        server.server_close()
    finally:
        preview.close()
