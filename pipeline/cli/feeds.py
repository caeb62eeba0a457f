"""`feeds`: the feed list, to and from OPML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pipeline import app
from pipeline.cli.base import main
from pipeline.feeds.config import load_feeds, resolve_feed_list
from pipeline.plural import plural


@main.group()
def feeds() -> None:
    """The feed list: import from and export to OPML (what every feed reader exchanges)."""


@feeds.command("import")
@click.argument("opml_file", type=click.File("rb"))
@click.option(
    "--feeds",
    "feeds_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="the TOML feed list to add to, created if missing  [default: NEWSFLOW_FEEDS_FILE, else "
    "examples/feeds.toml: the list `newsflow run` reads]",
)
def feeds_import(opml_file: Any, feeds_file: Path | None) -> None:
    """Add the subscriptions of an OPML file to a feed list; feeds already there are skipped, and a
    URL listed twice keeps its first name."""
    from pipeline.feeds.opml import OpmlError, add_to_feed_list, parse_opml

    try:
        found = parse_opml(opml_file.read())
    except OpmlError as exc:
        raise click.UsageError(f"{opml_file.name}: {exc}") from exc
    if not found:
        raise click.ClickException(f"{opml_file.name}: no <outline xmlUrl=…> subscriptions in it")
    run_reads = resolve_feed_list(app.settings().feeds_file)
    target = feeds_file or run_reads
    done = add_to_feed_list(target, found)
    repeated = f"; {done.repeated} listed twice in {opml_file.name}" if done.repeated else ""
    reads = (
        "newsflow run reads it" if target.resolve() == run_reads.resolve() else f"then: newsflow run --feeds {target}"
    )
    click.echo(f"{plural(done.added, 'feed')} added to {target} ({done.known} already there{repeated}); {reads}")


@feeds.command("export")
@click.option(
    "--feeds",
    "feeds_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="feed list (TOML)  [default: examples/feeds.toml]",
)
def feeds_export(feeds_file: Path | None) -> None:
    """Print the feed list as OPML (for a feed reader's import)."""
    from pipeline.feeds.opml import to_opml

    click.echo(to_opml(load_feeds(feeds_file or app.settings().feeds_file)), nl=False)
