"""One bounded batch through the pipeline: records -> Analyse -> output topic + Parquet + dead
letters. The streaming driver and backfill both call run_batch; on Flink/Dataflow the same
Analyse transform sits between ReadFromKafka and WriteToKafka instead (see deploy/README.md)."""

from __future__ import annotations

import contextvars
import functools
import hashlib
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import apache_beam as beam
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.runners.portability.fn_api_runner import FnApiRunner, fn_runner
from apache_beam.runners.portability.fn_api_runner.worker_handlers import WorkerHandlerManager
from apache_beam.runners.worker import statesampler
from apache_beam.transforms import userstate

from pipeline.beam.outputs import Outputs, ParquetFiles, Topics, WriteOutputs
from pipeline.beam.records import SourceRecord
from pipeline.beam.transforms import DEFAULT_EXTRACT_BUDGET_S, DEFAULT_MAX_RECORD_BYTES, Analyse
from pipeline.results import BatchResult
from pipeline.sinks.kafka import WriteToKafkaTopic, close_shared_producers
from pipeline.sinks.parquet import current_batch_name, name_batch
from pipeline.sinks.postgres import close_shared_connections

DEFAULT_BEAM_ARGS = ("--runner=FnApiRunner",)


@dataclass(frozen=True)
class SinkConfig:
    quotes_topic: str
    deadletter_topic: str
    producer_config: dict[str, Any]
    parquet_root: Path
    postgres_url: str | None = None
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES  # larger raw records become dead letters
    extract_budget_s: float = DEFAULT_EXTRACT_BUDGET_S  # slower articles become dead letters
    statements: bool = True  # assign statements across outlets (with postgres_url)
    statements_topic: str = ""  # and publish their states here


def batch_id_for(records: Sequence[SourceRecord]) -> str:
    """Deterministic from the batch's content, so a re-run batch rewrites its own Parquet files.
    Not from offsets: a broker that loses its log tail in a crash hands out the same offsets again
    to different records (seen with Tansu after kill -9), and an offset-named file would then be
    overwritten by other articles."""
    digests = sorted(hashlib.sha256(r.value or b"").digest() for r in records)
    return "b-" + hashlib.sha256(b"".join(digests)).hexdigest()[:24]


_HANDOFF: dict[str, Sequence[SourceRecord]] = {}


class _Take(beam.DoFn):
    """The batch handed over for this run (a DoFn class, not FlatMap: see _remember_dofn_specs)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def process(self, _: bytes) -> Iterator[SourceRecord]:
        yield from _HANDOFF.pop(self.key)


class InProcessRecords(beam.PTransform[Any, Any]):
    """Hands each run's batch to a runner in this process without putting it into the pipeline
    graph (beam.Create serialises and bz2-compresses every element: ~0.6 ms per 5 KB article), so
    one graph serves every batch. Only for runners that execute in this process (FnApiRunner's
    default embedded worker); use beam.Create for anything else."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def expand(self, p: beam.pvalue.PBegin) -> beam.PCollection[Any]:
        records: beam.PCollection[Any] = p | "Impulse" >> beam.Impulse() | "Take" >> beam.ParDo(_Take(self.key))
        return records


def _in_process(beam_args: Sequence[str]) -> bool:
    return "--runner=FnApiRunner" in beam_args and not any(a.startswith("--direct_running_mode") for a in beam_args)


def build(
    p: beam.Pipeline, source: beam.PTransform[Any, Any], sinks: SinkConfig, name: str | Callable[[], str | None]
) -> None:
    """Wire the pipeline: source -> Analyse -> every sink (Parquet files named `name`)."""
    analysed = (p | "Records" >> source) | "Analyse" >> Analyse(sinks.max_record_bytes, sinks.extract_budget_s)
    analysed | "Outputs" >> WriteOutputs(outputs(sinks, name))


def outputs(sinks: SinkConfig, name: str | Callable[[], str | None] | None = None) -> Outputs:
    """The sinks of a SinkConfig; without a dead-letter topic (a backfill without a broker) the
    dead letters go to the Parquet dataset."""

    def writer(topic: str) -> WriteToKafkaTopic:
        return WriteToKafkaTopic(topic, sinks.producer_config)

    return Outputs(
        postgres_url=sinks.postgres_url,
        parquet=ParquetFiles(sinks.parquet_root, name, dead_letters=not sinks.deadletter_topic),
        topics=(
            Topics(sinks.quotes_topic, sinks.deadletter_topic, writer, sinks.statements_topic)
            if sinks.quotes_topic
            else None
        ),
        statements=sinks.statements,
    )


def counter_total(result: Any, name: str) -> int:
    """A newsflow counter summed over the steps and workers of a finished run."""
    found = result.metrics().query(MetricsFilter().with_name(name))["counters"]
    return int(sum(c.committed or 0 for c in found))


def _sample_states_briefly() -> None:
    """Beam's embedded worker samples per-step execution times on a thread that sleeps up to
    200 ms between samples, and ends every bundle by joining it: ~100 ms idle per long bundle,
    5-7% of a job's time under backlog (py-spy). We do not use those timings; sample every 20 ms.
    The default lives in StateSampler.__init__ (apache-beam 2.77); tests/beam/test_batch_pipeline.py
    checks it is still there."""
    defaults = statesampler.StateSampler.__init__.__defaults__
    if defaults == (statesampler.DEFAULT_SAMPLING_PERIOD_MS,):
        statesampler.StateSampler.__init__.__defaults__ = (_SAMPLING_PERIOD_MS,)


_SAMPLING_PERIOD_MS = 20

_SPECS: dict[type, tuple[set[Any], set[Any]]] = {}
_beam_dofn_specs = userstate.get_dofn_specs


def _dofn_specs(dofn: Any) -> tuple[set[Any], set[Any]]:
    """userstate.get_dofn_specs, remembered per class for newsflow's own DoFns."""
    cls = type(dofn)
    if not cls.__module__.startswith("pipeline."):
        return _beam_dofn_specs(dofn)
    if cls not in _SPECS:
        _SPECS[cls] = _beam_dofn_specs(dofn)
    states, timers = _SPECS[cls]
    return set(states), set(timers)


def _remember_dofn_specs() -> None:
    """Every run of the graph unpickles its DoFns anew, and Beam asks each of them ~4 times which
    state and timers it declares: inspect.signature on every method, ~10 ms of a 26 ms one-record
    batch (bench/batch_overhead.py). The answer comes from the class's method signatures, so for
    our own DoFn classes (no instance-level methods) it is computed once per class. Beam's
    CallableWrapperDoFn (Map, FlatMap) is not remembered: its answer depends on the wrapped
    function. The hook point is apache-beam 2.77's; tests/beam/test_batch_pipeline.py checks it."""
    userstate.get_dofn_specs = _dofn_specs


class _KeptWorkers(WorkerHandlerManager):
    """The embedded worker of one BatchPipeline, kept from run to run. FnApiRunner closes its workers
    at the end of every run, and so builds every bundle processor anew: unpickling and wiring the
    graph's operations and calling every DoFn's setup and teardown, ~8 ms of a one-record batch
    (bench/batch_overhead.py). Kept, the worker's own BundleProcessorCache hands the same processor
    to the next run's bundle after resetting it, as a long-lived SDK harness does on Flink or
    Dataflow: DoFns see setup once, then start_bundle/finish_bundle per batch, and a bundle that
    fails has its processor discarded by Beam."""

    def close_all(self) -> None:
        """Called by FnApiRunner at the end of each run: the workers stay."""

    def close(self) -> None:
        super().close_all()


_KEPT: contextvars.ContextVar[_KeptWorkers | None] = contextvars.ContextVar("newsflow_kept_workers", default=None)


def _worker_handler_manager(environments: Any, provision_info: Any) -> WorkerHandlerManager:
    """FnApiRunner.run_stages's constructor of its workers: the kept ones inside a _KeepsGraph run."""
    return _KEPT.get() or WorkerHandlerManager(environments, provision_info)


def _keep_workers() -> None:
    """run_stages builds its WorkerHandlerManager by this module attribute (apache-beam 2.77);
    tests/beam/test_batch_pipeline.py checks it."""
    if fn_runner.WorkerHandlerManager is WorkerHandlerManager:
        setattr(fn_runner, "WorkerHandlerManager", _worker_handler_manager)  # noqa: B010  (a class there)


class _KeepsGraph(FnApiRunner):
    """Remembers the translated graph of its first run, so later runs skip building it, and keeps
    its embedded worker between runs (_KeptWorkers)."""

    graph: Any = None
    workers: _KeptWorkers | None = None

    def run_via_runner_api(self, pipeline_proto: Any, options: PipelineOptions) -> Any:
        if self.graph is None:
            self.graph = pipeline_proto
        return super().run_via_runner_api(pipeline_proto, options)

    def run_stages(self, stage_context: Any, stages: Any) -> Any:
        if self.workers is None:
            self.workers = _KeptWorkers(stage_context.components.environments, self._provision_info)
        token = _KEPT.set(self.workers)
        try:
            return super().run_stages(stage_context, stages)
        except BaseException:
            self.close()  # nothing of a failed run is reused
            raise
        finally:
            _KEPT.reset(token)

    def close(self) -> None:
        """Tears the kept DoFns down (their connections go back to the process's pools)."""
        workers, self.workers = self.workers, None
        if workers is not None:
            workers.close()


class _FixedOptions(PipelineOptions):
    """Options that no one changes after the pipeline is built: each view is made once. FnApiRunner
    asks for a view on every run, and PipelineOptions.view_as parses every flag with a new argparse
    parser each time. Views share the options' values, so a kept view sees every later change."""

    def view_as(self, cls: type[Any]) -> Any:
        views = self.__dict__.setdefault("_newsflow_views", {})
        if cls not in views:
            views[cls] = super().view_as(cls)
        return views[cls]


class BatchPipeline:
    """The micro-batch pipeline of one process. With the in-process runner (the default) it is
    built and translated once and each batch is handed to the same graph: building a Beam
    pipeline costs ~100 ms, more than the extraction of a 10-record batch. Other runners need the
    batch inside the graph (beam.Create), so they get a new pipeline per batch."""

    def __init__(self, sinks: SinkConfig, beam_args: Sequence[str] = DEFAULT_BEAM_ARGS) -> None:
        self.sinks = sinks
        self.beam_args = tuple(beam_args)
        self.key = uuid.uuid4().hex
        self.runner: _KeepsGraph | None = None
        self.options = _FixedOptions(list(self.beam_args))
        if _in_process(self.beam_args):
            _sample_states_briefly()
            _remember_dofn_specs()
            _keep_workers()

    def run(self, records: Sequence[SourceRecord], batch_id: str | None = None) -> BatchResult:
        """Blocks until every sink has finished; raises if any sink failed (nothing may be committed then)."""
        batch_id = batch_id or batch_id_for(records)
        if not _in_process(self.beam_args):
            p = beam.Pipeline(options=PipelineOptions(list(self.beam_args)))
            build(p, beam.Create(list(records), reshuffle=False), self.sinks, batch_id)
            result = p.run()
            result.wait_until_finish()
            return _result(batch_id, records, result)
        _HANDOFF[self.key] = records
        name_batch(self.key, batch_id)
        try:
            if self.runner is None or self.runner.graph is None:
                runner = _KeepsGraph()
                p = beam.Pipeline(runner=runner, options=self.options)
                build(p, InProcessRecords(self.key), self.sinks, functools.partial(current_batch_name, self.key))
                result = p.run()
                self.runner = runner
            else:
                result = self.runner.run_via_runner_api(self.runner.graph, self.options)
            result.wait_until_finish()
        finally:  # a failed run must not leak the batch
            _HANDOFF.pop(self.key, None)
            name_batch(self.key, None)
        return _result(batch_id, records, result)

    def close(self) -> None:
        if self.runner is not None:
            self.runner.close()


def _result(batch_id: str, records: Sequence[SourceRecord], result: Any) -> BatchResult:
    return BatchResult(
        batch_id,
        len(records),
        counter_total(result, "extract_ok"),
        counter_total(result, "decode_dead") + counter_total(result, "extract_dead"),
        counter_total(result, "parquet_rows"),
        counter_total(result, "postgres_rows"),
        counter_total(result, "quotes"),
    )


_PIPELINES: dict[str, BatchPipeline] = {}
_PIPELINES_LOCK = threading.Lock()


def run_batch(
    records: Sequence[SourceRecord],
    sinks: SinkConfig,
    beam_args: Sequence[str] = DEFAULT_BEAM_ARGS,
    batch_id: str | None = None,
) -> BatchResult:
    """One batch through this process's pipeline for these sinks and arguments (built on first use)."""
    key = repr((sinks, tuple(beam_args)))
    with _PIPELINES_LOCK:
        pipeline = _PIPELINES.get(key)
        if pipeline is None:
            pipeline = _PIPELINES[key] = BatchPipeline(sinks, beam_args)
    return pipeline.run(records, batch_id)


def close_pipelines() -> None:
    """Tear down this process's pipelines and their DoFns; call before closing the shared producers
    and connections the DoFns hold (the next run_batch builds a pipeline again)."""
    with _PIPELINES_LOCK:
        pipelines = list(_PIPELINES.values())
        _PIPELINES.clear()
    for pipeline in pipelines:
        pipeline.close()


def close_sinks() -> None:
    """Before the process (or its broker) goes: the pipelines' DoFns first (they hold the producers
    and connections), then those."""
    close_pipelines()
    close_shared_producers()
    close_shared_connections()
