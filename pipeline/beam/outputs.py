"""Every sink of every path in one composite: `source | Analyse | WriteOutputs`. The micro-batch
job, the backfill and the portable pipelines differ only in the `Outputs` they pass: how Parquet
files are named, which topic writer they use, where dead letters go."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import apache_beam as beam
from apache_beam.transforms.trigger import AccumulationMode, AfterCount, AfterWatermark
from apache_beam.transforms.window import FixedWindows
from apache_beam.utils.timestamp import Duration

from pipeline.beam.statements import AssignStatements
from pipeline.beam.transforms import Encode
from pipeline.schema import DeadLetter
from pipeline.sinks.parquet import WriteDeadLetters, WriteParquetDataset
from pipeline.sinks.postgres import WriteToPostgres

TopicWriter = Callable[[str], beam.PTransform[Any, Any]]
FileName = str | Callable[[], str | None] | None


@dataclass(frozen=True)
class ParquetFiles:
    """Where and how the Parquet dataset is written. name: one file per (table, date) of each
    bundle, named so (a micro-batch's name, or the rows' key digest when None); window_s: files
    per window pane of a stream; shards: rows grouped by id hash, the same files whatever the
    bundles (a bounded replay on a cluster)."""

    root: Path | str
    name: FileName = None
    window_s: int = 0
    shards: int = 0
    dead_letters: bool = False  # the dead letters go here too (runs without a dead-letter topic)


@dataclass(frozen=True)
class Topics:
    """The output and dead-letter topics and the writer for each (kafka-python's in-process sink,
    or Beam's cross-language WriteToKafka on a cluster)."""

    quotes: str
    deadletters: str
    writer: TopicWriter
    statements: str = ""  # the statements topic ("": statements are not published)


@dataclass(frozen=True)
class Outputs:
    """statements: assign statements across outlets (their state is in PostgreSQL, so only with
    postgres_url) before the other sinks write."""

    postgres_url: str | None = None
    parquet: ParquetFiles | None = None
    topics: Topics | None = None
    statements: bool = True


class WriteOutputs(beam.PTransform[Any, Any]):
    """(ArticleAnalysis, DeadLetter) -> every configured sink. What PostgreSQL or the output topic
    refuses for good joins the dead letters, which go to the dead-letter topic and/or Parquet."""

    def __init__(self, outputs: Outputs) -> None:
        super().__init__()
        self.outputs = outputs

    def expand(self, pcolls: tuple[beam.PCollection[Any], beam.PCollection[Any]]) -> beam.pvalue.PDone:
        analyses, dead = pcolls
        out = self.outputs
        refused = [dead]
        if out.postgres_url and out.statements:
            analyses, unassigned, statements, states = analyses | "Statements" >> AssignStatements(out.postgres_url)
            refused.append(unassigned)
            refused += self._statements(statements, states)
        # the topic sends are asynchronous, so they are acknowledged while PostgreSQL writes and the
        # topic sinks' flush hardly waits (docs/design.md: the sinks' finish order)
        if out.postgres_url:
            refused.append(analyses | "ToPostgres" >> WriteToPostgres(out.postgres_url))
        if out.parquet is not None:
            analyses | "ToParquet" >> _parquet(out.parquet)
        if out.topics is not None:
            written = analyses | "EncodeAnalyses" >> Encode() | "ToQuotesTopic" >> out.topics.writer(out.topics.quotes)
            if isinstance(written, beam.PCollection):  # a writer that returns its refusals
                refused.append(written)
        if len(refused) > 1:
            dead = tuple(refused) | "AllDeadLetters" >> beam.Flatten().with_output_types(DeadLetter)
        if out.parquet is not None and out.parquet.dead_letters:
            dead | "DeadLettersToParquet" >> WriteDeadLetters(out.parquet.root, out.parquet.name)
        if out.topics is not None:
            dead | "EncodeDeadLetters" >> Encode() | "ToDeadLetterTopic" >> out.topics.writer(out.topics.deadletters)
        return beam.pvalue.PDone(analyses.pipeline)

    def _statements(
        self, statements: beam.PCollection[Any], states: beam.PCollection[Any]
    ) -> list[beam.PCollection[Any]]:
        """Statements, stories and appearances to Parquet, statements to their topic; returns what
        the topic refused."""
        out = self.outputs
        if out.parquet is not None:
            states | "StatesToParquet" >> _parquet(out.parquet, states=True)
        if out.topics is None or not out.topics.statements:
            return []
        topic = out.topics.writer(out.topics.statements)
        written = statements | "EncodeStatements" >> Encode() | "ToStatementsTopic" >> topic
        return [written] if isinstance(written, beam.PCollection) else []


def _parquet(files: ParquetFiles, states: bool = False) -> beam.PTransform[Any, Any]:
    if not files.window_s:
        return WriteParquetDataset(files.root, files.name, shards=files.shards, states=states)
    return _Windowed(files, states)


class _Windowed(beam.PTransform[Any, Any]):
    """A stream's Parquet files: fixed windows, a pane per window and one more per late arrival."""

    def __init__(self, files: ParquetFiles, states: bool = False) -> None:
        super().__init__()
        self.files = files
        self.states = states

    def expand(self, analyses: beam.PCollection[Any]) -> beam.pvalue.PDone:
        windows = beam.WindowInto(
            FixedWindows(self.files.window_s),
            trigger=AfterWatermark(late=AfterCount(1)),
            allowed_lateness=Duration(seconds=6 * 3600),
            accumulation_mode=AccumulationMode.DISCARDING,
        )
        done: beam.pvalue.PDone = (
            analyses
            | "ParquetWindows" >> windows
            | "Write" >> WriteParquetDataset(self.files.root, windowed=True, states=self.states)
        )
        return done
