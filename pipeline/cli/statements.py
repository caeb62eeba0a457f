"""`newsflow statements`: what was said across outlets, from the PostgreSQL sink."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline import app
from pipeline.cli.base import data_dir_option, main
from pipeline.plural import plural
from pipeline.schema import Statement, json_line


def _line(s: Statement) -> str:
    words = s.text if len(s.text) <= 110 else s.text[:107] + "…"
    when = s.last_seen.seen_at.ToDatetime().strftime("%Y-%m-%d %H:%M") if s.last_seen.HasField("seen_at") else "-"
    return (
        f"{s.statement_id}  {plural(s.appearance_count, 'appearance')} in {plural(s.outlet_count, 'outlet')}, "
        f"last {when}  {s.speaker_name or '(speaker unknown)'}: “{words}”"
    )


@main.group(invoke_without_command=True)
@data_dir_option
@click.option(
    "--since", default="7d", show_default=True, help="last seen since: a duration (30m, 2h, 7d) or an ISO date"
)
@click.option("--speaker", default="", help="only statements whose speaker's name contains this (any case)")
@click.option("--top", "n", default=20, show_default=True, type=click.IntRange(1, 10_000), help="how many")
@click.option("--json", "as_json", is_flag=True, help="one Statement record per line as JSON")
@click.pass_context
def statements(ctx: click.Context, data_dir: Path | None, since: str, speaker: str, n: int, as_json: bool) -> None:
    """The statements seen across articles and outlets, most repeated first: the same words by the
    same speaker, whatever the outlet, the quote marks or the cut. Reads the PostgreSQL sink
    (NEWSFLOW_POSTGRES_URL, else the local `newsflow` database); `statements show ID` prints one."""
    if ctx.invoked_subcommand is not None:
        return
    import psycopg

    from pipeline.ops.deadletters import parse_since
    from pipeline.serve.db import reading_url
    from pipeline.statements.read import top

    try:
        start = parse_since(since)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    settings = app.settings(data_dir=data_dir)
    with psycopg.connect(reading_url(settings)) as conn:
        found = top(conn, start, speaker, n)
    for s in found:
        click.echo(json_line(s) if as_json else _line(s))
    if not as_json:
        click.echo(
            f"{plural(len(found), 'statement')} last seen since {start:%Y-%m-%d %H:%M} UTC"
            + (f", speaker ~ {speaker!r}" if speaker else "")
        )


@statements.command()
@data_dir_option
@click.argument("statement_id")
@click.option("--json", "as_json", is_flag=True, help="the Statement record as one JSON line")
def show(data_dir: Path | None, statement_id: str, as_json: bool) -> None:
    """One statement (an id merged into another shows that one): its words, speaker and every
    appearance with time, outlet and link."""
    import psycopg

    from pipeline.serve.db import reading_url
    from pipeline.statements.read import show as read

    settings = app.settings(data_dir=data_dir)
    with psycopg.connect(reading_url(settings)) as conn:
        shown = read(conn, statement_id)
    if shown is None:
        raise click.ClickException(f"no statement {statement_id}")
    state, seen, merged = shown.statement, shown.appearances, shown.merged
    if as_json:
        click.echo(json_line(state))
        return
    if state.statement_id != statement_id:
        click.echo(f"{statement_id} was merged into {state.statement_id}")
    click.echo(_line(state))
    click.echo(f"“{state.text}”")
    for a in seen:
        when = f"{a.seen_at:%Y-%m-%d %H:%M}" if a.seen_at else "-"
        click.echo(f"  {when}  {a.outlet or '-'}  {a.url}  ({a.speaker_mention or 'no speaker named'})")
    if merged:
        click.echo(f"merged into it: {', '.join(merged)}")
