"""`python -m pipeline.cli`: the `newsflow` command."""

from pipeline.cli import entry

entry()
