"""`newsflow` command line: one module per group of commands; flags override NEWSFLOW_* env vars
(pipeline.config.Settings). The work itself is done by pipeline.app and the packages below it."""

from pipeline.cli import data, feeds, live, serve, statements, topics  # noqa: F401  (each registers its commands)
from pipeline.cli.base import entry, main

__all__ = ["entry", "main"]
