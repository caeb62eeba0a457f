"""`newsflow serve`: the read-only web page over the PostgreSQL sink."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import click

from pipeline import app
from pipeline.cli.base import main, with_kafka


def address(host: str, port: int) -> str:
    """The address to open: every interface is reachable on the loopback one; IPv6 in brackets."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}/"


def _workers_skip_the_command_line() -> None:
    """A worker process starts by running the parent's main module again, unless it is a
    package's __main__ (multiprocessing's spawn). Run as the `newsflow` script, that imported the
    whole command line in each worker (Beam and the feed reader included) for a second or two
    before uvicorn handled Ctrl-C there, and the terminal's Ctrl-C, which reaches every process of
    the group, printed a traceback from each. Named as `python -m pipeline.cli` names it, a worker
    imports only the app, with uvicorn's handler in place."""
    main_module = sys.modules["__main__"]
    if getattr(main_module, "__spec__", None) is None:
        main_module.__spec__ = importlib.util.find_spec("pipeline.cli.__main__")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on (0.0.0.0: every interface)")
@click.option("--port", default=8080, show_default=True, type=int, help="port to listen on")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="server processes (one core each at most; docs/serve.md measures 1 and 2)",
)
@with_kafka
def serve(host: str, port: int, workers: int, bootstrap_servers: str | None, data_dir: Path | None) -> None:
    """A read-only web page: latest statements, search (also as CSV and JSON), speakers, articles
    with their statements marked, and the pipeline's health. Reads the PostgreSQL sink
    (NEWSFLOW_POSTGRES_URL, else the local `newsflow` database) in read-only transactions, and the
    broker and --data-dir for the Pipeline page."""
    import uvicorn

    from pipeline.serve.db import reading_url

    settings = app.settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir)
    # each server process builds its app from these (pipeline.serve.web.from_environment)
    os.environ["NEWSFLOW_POSTGRES_URL"] = reading_url(settings)
    if bootstrap_servers:
        os.environ["NEWSFLOW_BOOTSTRAP_SERVERS"] = bootstrap_servers
    if data_dir is not None:
        os.environ["NEWSFLOW_DATA_DIR"] = str(data_dir)
    if workers > 1:
        _workers_skip_the_command_line()
    click.echo(f"newsflow serve: {address(host, port)} (read-only; Ctrl-C stops)")
    uvicorn.run(
        "pipeline.serve.web:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        server_header=False,
    )
