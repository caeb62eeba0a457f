"""What every command shares: the group (one line and an exit status per failure, docs/cli.md),
logging, the options, and the broker a one-shot command talks to."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from pipeline import app
from pipeline.config import Settings
from pipeline.feeds.config import FeedListError
from pipeline.kafka.client import BrokerUnreachable, probe_broker
from pipeline.kafka.topics import BrokerUnavailable
from pipeline.ops import redact
from pipeline.runtime import StorageError, discover_bootstrap, kafka_endpoint

log = logging.getLogger("newsflow")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@contextlib.contextmanager
def endpoint(settings: Settings, stop: threading.Event, once: bool = False) -> Iterator[Settings]:
    """kafka_endpoint with a broker that does not come as one clear error (or a quiet exit when a
    stop was asked for while waiting); --once waits for the broker at most connect_timeout_s (and
    at most once_timeout_s in all)."""
    wait = min(settings.connect_timeout_s, settings.once_timeout_s) if once else None
    try:
        with kafka_endpoint(settings, stop=stop, timeout_s=wait) as live:
            yield live
    except BrokerUnavailable as exc:
        if stop.is_set():
            log.info("stopped before Kafka was reachable")
            return
        raise click.ClickException(
            f"{exc}; check --bootstrap-servers (NEWSFLOW_CONNECT_TIMEOUT_S sets how long --once waits)"
        ) from exc


def reachable_broker(settings: Settings) -> str:
    """The configured or running embedded broker, answering within NEWSFLOW_CONNECT_TIMEOUT_S."""
    servers = discover_bootstrap(settings)
    if not servers:
        raise click.ClickException(
            "no broker: pass --bootstrap-servers, or start `newsflow run` (embedded broker) first"
        )
    try:
        probe_broker(settings.model_copy(update={"bootstrap_servers": servers}))
    except BrokerUnreachable as exc:
        raise click.ClickException(str(exc)) from exc
    return servers


# Options appear only on the commands they act on.
servers_option = click.option(
    "--bootstrap-servers", help="Kafka servers host:port[,…]; unset = the embedded broker of --data-dir (docs/cli.md)"
)
metrics_option = click.option(
    "--metrics-port", type=int, help="serve Prometheus metrics on NEWSFLOW_METRICS_HOST:PORT  [default: off]"
)
data_dir_option = click.option(
    "--data-dir", type=click.Path(path_type=Path), help="state, Parquet and logs  [default: var]"
)
common = [servers_option, metrics_option, data_dir_option]
kafka_options = [servers_option, data_dir_option]


feed_options = [
    click.option(
        "--feeds",
        "feeds_file",
        type=click.Path(path_type=Path, exists=True),
        help="feed list (TOML)  [default: examples/feeds.toml]",
    ),
    click.option("--poll-interval", type=float, help="starting seconds between polls of a feed [900]; adapts"),
    click.option("--once", is_flag=True, help="poll every feed once (and process what came), then exit"),
]


def decorate(options: list[Callable[..., Any]]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def apply(f: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            f = option(f)
        return f

    return apply


with_common = decorate(common)
with_kafka = decorate(kafka_options)
with_feed_options = decorate(feed_options)


def feed_settings(
    bootstrap_servers: str | None,
    metrics_port: int | None,
    data_dir: Path | None,
    feeds_file: Path | None,
    poll_interval: float | None,
) -> Settings:
    return app.settings(
        bootstrap_servers=bootstrap_servers,
        metrics_port=metrics_port,
        data_dir=data_dir,
        feeds_file=feeds_file,
        poll_interval_s=poll_interval,
    )


class _Group(click.Group):
    """Every failure is one line and an exit status (docs/cli.md); the traceback only with -v."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:  # Ctrl-C where no stop handler is installed (subscribe, status, …)
            raise SystemExit(128 + signal.SIGINT) from None
        except BrokenPipeError:  # `newsflow … | head`: the reader has all it wants; exit as a shell tool does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(128 + signal.SIGPIPE) from None
        except StorageError as exc:
            raise click.ClickException(str(exc)) from exc
        except FeedListError as exc:
            if _verbose(ctx):
                raise
            raise click.UsageError(str(exc)) from exc
        except Exception as exc:
            if _verbose(ctx):
                raise
            raise click.ClickException(f"{type(exc).__name__}: {exc} (run with -v for the traceback)") from exc


def _verbose(ctx: click.Context) -> bool:
    return bool(ctx.params.get("verbose")) or "-v" in sys.argv or "--verbose" in sys.argv


@click.group(cls=_Group)
@click.option("-v", "--verbose", is_flag=True, help="debug logging")
@click.version_option(package_name="newsflow", prog_name="newsflow", message="%(prog)s %(version)s")
def main(verbose: bool) -> None:
    """newsflow: feeds -> Kafka -> Beam (quotes + actors) -> Kafka topic + Parquet."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format=LOG_FORMAT, force=True)
    redact.install(LOG_FORMAT)
    # kafka-python logs every refused connection as an error; outages are reported by our own code
    logging.getLogger("kafka").setLevel(logging.DEBUG if verbose else logging.CRITICAL)
    logging.getLogger("apache_beam").setLevel(logging.WARNING)


_GLOBAL_FLAGS = ("-v", "--verbose")


def entry() -> None:
    """The `newsflow` executable: global flags are accepted after the subcommand too
    (`newsflow run -v` = `newsflow -v run`)."""
    args = sys.argv[1:]
    cut = args.index("--") if "--" in args else len(args)
    flags = [a for a in args[:cut] if a in _GLOBAL_FLAGS]
    main(args=flags + [a for a in args[:cut] if a not in _GLOBAL_FLAGS] + args[cut:], prog_name="newsflow")


if __name__ == "__main__":
    entry()
