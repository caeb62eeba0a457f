"""`newsflow serve`: the read-only web page over the PostgreSQL sink."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline import app
from pipeline.cli.base import main, with_kafka


def address(host: str, port: int) -> str:
    """The address to open: every interface is reachable on the loopback one; IPv6 in brackets."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}/"


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on (0.0.0.0: every interface)")
@click.option("--port", default=8080, show_default=True, type=int, help="port to listen on")
@with_kafka
def serve(host: str, port: int, bootstrap_servers: str | None, data_dir: Path | None) -> None:
    """A read-only web page: latest statements, search (also as CSV and JSON), speakers, articles
    with their statements marked, and the pipeline's health. Reads the PostgreSQL sink
    (NEWSFLOW_POSTGRES_URL, else the local `newsflow` database) in read-only transactions, and the
    broker and --data-dir for the Pipeline page."""
    import uvicorn

    from pipeline.serve.db import ReadOnlyPool, reading_url
    from pipeline.serve.health import HealthReader
    from pipeline.serve.web import create_app

    settings = app.settings(bootstrap_servers=bootstrap_servers, data_dir=data_dir)
    pool = ReadOnlyPool(reading_url(settings))
    health = HealthReader(settings)
    click.echo(f"newsflow serve: {address(host, port)} (read-only; Ctrl-C stops)")
    try:
        uvicorn.run(create_app(pool, health), host=host, port=port, log_level="warning", server_header=False)
    finally:
        health.close()
        pool.close()
