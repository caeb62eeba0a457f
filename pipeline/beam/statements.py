"""ArticleAnalysis -> the same analyses with each quote's statement_id, the latest state of every
statement and story they changed, and the appearances stored (for the statements topic and
Parquet). The state is PostgreSQL's (pipeline/statements/store.py), one transaction per chunk of a
bundle."""

from __future__ import annotations

import logging
from typing import Any, Iterator, Union

import apache_beam as beam
import psycopg
from apache_beam import pvalue
from apache_beam.metrics import Metrics
from apache_beam.utils.windowed_value import WindowedValue

from pipeline.deadletter import dead_letter
from pipeline.schema import Appearance, ArticleAnalysis, DeadLetter, Statement, Story
from pipeline.sinks.postgres import POOL, RECORD_ERRORS
from pipeline.statements.store import StatementStore

log = logging.getLogger(__name__)
STATEMENTS = "statements"
STATES = "states"  # statements, stories and appearances, for Parquet
DEAD = "dead"
CHUNK = 50  # analyses per transaction


class _Assign(beam.DoFn):
    """Chunks of a bundle assigned in turn; each analysis keeps its own timestamp and window. A
    chunk PostgreSQL refuses for what a record holds is assigned article by article, and the one
    refused goes on without statement ids, with a dead letter that says so; an outage raises (the
    batch is retried)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.assigned = Metrics.counter("newsflow", "statements_assigned")
        self.refused = Metrics.counter("newsflow", "statements_dead")

    def setup(self) -> None:
        self.conn: psycopg.Connection | None = None

    def start_bundle(self) -> None:
        self.pending: list[WindowedValue] = []

    def process(
        self, element: ArticleAnalysis, timestamp: Any = beam.DoFn.TimestampParam, window: Any = beam.DoFn.WindowParam
    ) -> Iterator[Any]:
        self.pending.append(WindowedValue(element, timestamp, (window,)))
        if len(self.pending) >= CHUNK:
            yield from self._flush()

    def finish_bundle(self) -> Iterator[Any]:
        yield from self._flush()

    def _flush(self) -> Iterator[Any]:
        chunk, self.pending = self.pending, []
        if chunk:
            yield from self._assign(chunk)

    def _assign(self, chunk: list[WindowedValue]) -> Iterator[Any]:
        if self.conn is None or self.conn.closed or self.conn.broken:
            self.conn = POOL.take(self.url)
        try:
            assigned = StatementStore(self.conn).assign([wv.value for wv in chunk])
        except RECORD_ERRORS as exc:
            if len(chunk) > 1:
                for wv in chunk:
                    yield from self._assign([wv])
                return
            self.refused.inc()
            wv = chunk[0]
            log.warning("statements refused for article %s: %s", wv.value.article_id, exc)
            letter = dead_letter(STATEMENTS, f"{type(exc).__name__}: {exc}", wv.value.SerializeToString())
            yield pvalue.TaggedOutput(DEAD, wv.with_value(letter))
            yield wv
            return
        except psycopg.OperationalError:
            self.conn.close()  # a fresh connection on the retry of this batch
            raise
        self.assigned.inc(len(assigned.ids))
        for wv in chunk:
            out = ArticleAnalysis()
            out.CopyFrom(wv.value)
            assigned.apply(out)
            yield wv.with_value(out)
        last = chunk[-1]
        for statement in assigned.statements:
            yield pvalue.TaggedOutput(STATEMENTS, last.with_value(statement))
        # one output for every state Parquet stores (a Flatten of this DoFn's own outputs fails
        # on the local runner's fused stages)
        for state in (*assigned.statements, *assigned.story_states, *assigned.appearances):
            yield pvalue.TaggedOutput(STATES, last.with_value(state))

    def teardown(self) -> None:
        if self.conn is not None:
            POOL.give(self.url, self.conn)
            self.conn = None


class AssignStatements(beam.PTransform[Any, Any]):
    """ArticleAnalysis -> (ArticleAnalysis with statement ids, DeadLetter, Statement for the
    statements topic, and every state for Parquet: Statement, Story, Appearance)."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def expand(self, analyses: beam.PCollection[Any]) -> tuple[beam.PCollection[Any], ...]:
        assign = beam.ParDo(_Assign(self.url)).with_outputs(STATEMENTS, STATES, DEAD, main="analyses")
        out = analyses | "Assign" >> assign
        assigned, dead, statements, states = out.analyses, out[DEAD], out[STATEMENTS], out[STATES]
        assigned.element_type, dead.element_type, statements.element_type = ArticleAnalysis, DeadLetter, Statement
        states.element_type = Union[Statement, Story, Appearance]
        return assigned, dead, statements, states
