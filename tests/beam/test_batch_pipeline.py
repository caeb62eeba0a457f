"""The micro-batch pipeline built once per process: every batch through the same graph, files named
per batch, nothing of a failed batch left behind."""

from __future__ import annotations

import inspect
import shutil
import uuid
from pathlib import Path
from typing import Any, Iterator

import apache_beam as beam
import pytest
from apache_beam.runners.portability.fn_api_runner import fn_runner
from apache_beam.runners.worker import statesampler
from apache_beam.transforms import userstate

from pipeline.beam import batch
from pipeline.beam.batch import BatchPipeline, SinkConfig
from pipeline.beam.records import SourceRecord
from pipeline.schema import RawArticle
from pipeline.sinks.parquet_read import read_table


def _records(n: int, offset: int = 0) -> list[SourceRecord]:
    out = []
    for i in range(offset, offset + n):
        article = RawArticle(
            article_id=uuid.uuid4().hex,
            url=f"https://x.example/{i}",
            content_text=f"“Plan {i} is ready,” Ann Lee said.",
        )
        out.append(SourceRecord(article.SerializeToString(), None, "raw", 0, i))
    return out


def test_batches_share_one_graph_and_name_their_own_files(tmp_path: Path) -> None:
    pipeline = BatchPipeline(SinkConfig("", "", {}, tmp_path))
    first = pipeline.run(_records(3), batch_id="b-one")
    assert pipeline.runner is not None
    graph = pipeline.runner.graph
    second = pipeline.run(_records(2, offset=3), batch_id="b-two")
    assert pipeline.runner.graph is graph  # not rebuilt
    assert (first.analysed, second.analysed) == (3, 2)
    names = sorted(p.name for p in (tmp_path / "articles").rglob("*.parquet"))
    assert names == ["b-one.parquet", "b-two.parquet"]
    assert read_table(tmp_path, "articles").num_rows == 5


def test_a_failed_batch_leaves_no_hand_off_behind_and_the_next_one_runs(tmp_path: Path) -> None:
    blocked = tmp_path / "parquet"
    blocked.write_text("a file where the dataset directory should be")  # every Parquet write fails
    pipeline = BatchPipeline(SinkConfig("", "", {}, blocked))
    with pytest.raises(Exception):  # noqa: B017 (whatever the runner wraps the OSError in)
        pipeline.run(_records(2))
    assert not batch._HANDOFF
    blocked.unlink()
    assert pipeline.run(_records(2)).analysed == 2


def test_the_state_sampler_default_is_still_where_the_pipeline_shortens_it(tmp_path: Path) -> None:
    BatchPipeline(SinkConfig("", "", {}, tmp_path))
    default = inspect.signature(statesampler.StateSampler.__init__).parameters["sampling_period_ms"].default
    assert default == batch._SAMPLING_PERIOD_MS


class _Counts(beam.DoFn):
    """A stateful DoFn outside newsflow's package: its specs are Beam's, never remembered."""

    COUNT = userstate.ReadModifyWriteStateSpec("count", beam.coders.VarIntCoder())

    def process(self, element: tuple[str, int], count: Any = beam.DoFn.StateParam(COUNT)) -> Iterator[int]:
        yield element[1]


_Counts.__module__ = "tests.beam.stateful"


def test_dofn_specs_are_remembered_for_newsflow_dofns_only(tmp_path: Path) -> None:
    BatchPipeline(SinkConfig("", "", {}, tmp_path))
    # the hook point: Beam's worker asks userstate.get_dofn_specs, through the module attribute
    assert userstate.get_dofn_specs is batch._dofn_specs
    assert "get_dofn_specs" in userstate.is_stateful_dofn.__code__.co_names
    ours = batch._Take("k")
    assert batch._dofn_specs(ours) == batch._beam_dofn_specs(ours) == (set(), set())
    batch._dofn_specs(ours)[0].add("poisoned")  # callers get copies
    assert batch._dofn_specs(batch._Take("other")) == (set(), set())
    states, _ = batch._dofn_specs(_Counts())
    assert states == {_Counts.COUNT}
    assert _Counts not in batch._SPECS
    assert userstate.is_stateful_dofn(_Counts()) and not userstate.is_stateful_dofn(ours)


def _kept_processors(pipeline: BatchPipeline) -> list[Any]:
    assert pipeline.runner is not None and pipeline.runner.workers is not None
    handlers = [h for kept in pipeline.runner.workers._cached_handlers.values() for h in kept]
    return [p for h in handlers for ps in h.bundle_processor_cache.cached_bundle_processors.values() for p in ps]


def test_runs_reuse_the_worker_and_its_bundle_processor(tmp_path: Path) -> None:
    pipeline = BatchPipeline(SinkConfig("", "", {}, tmp_path))
    # the hook point: run_stages builds its workers by fn_runner's module attribute
    assert fn_runner.WorkerHandlerManager is batch._worker_handler_manager
    assert "WorkerHandlerManager" in fn_runner.FnApiRunner.run_stages.__code__.co_names
    pipeline.run(_records(2), batch_id="b-one")
    workers = pipeline.runner.workers if pipeline.runner else None
    (processor,) = _kept_processors(pipeline)
    assert pipeline.run(_records(3, offset=2), batch_id="b-two").analysed == 3
    assert pipeline.runner is not None and pipeline.runner.workers is workers
    assert _kept_processors(pipeline) == [processor]  # reset and handed to the next run, not rebuilt
    assert read_table(tmp_path, "articles").num_rows == 5
    pipeline.close()
    assert pipeline.runner.workers is None


def test_a_failed_run_discards_the_kept_worker(tmp_path: Path) -> None:
    blocked = tmp_path / "parquet"
    pipeline = BatchPipeline(SinkConfig("", "", {}, blocked))
    pipeline.run(_records(1))
    (processor,) = _kept_processors(pipeline)
    shutil.rmtree(blocked)
    blocked.write_text("a file where the dataset directory should be")
    with pytest.raises(Exception):  # noqa: B017
        pipeline.run(_records(1, offset=1))
    assert pipeline.runner is not None and pipeline.runner.workers is None
    blocked.unlink()
    assert pipeline.run(_records(1, offset=2)).analysed == 1
    assert _kept_processors(pipeline) != [processor]


def test_close_pipelines_forgets_them(tmp_path: Path) -> None:
    sinks = SinkConfig("", "", {}, tmp_path)
    batch.run_batch(_records(1), sinks)
    (pipeline,) = [p for p in batch._PIPELINES.values() if p.sinks == sinks]
    batch.close_pipelines()
    assert not batch._PIPELINES and pipeline.runner is not None and pipeline.runner.workers is None


def test_fixed_options_make_each_view_once_and_every_view_sees_a_change() -> None:
    from apache_beam.options.pipeline_options import DebugOptions, DirectOptions

    options = batch._FixedOptions(["--runner=FnApiRunner", "--direct_num_workers=1"])
    debug = options.view_as(DebugOptions)
    assert options.view_as(DebugOptions) is debug
    assert options.view_as(DirectOptions).direct_num_workers == 1
    debug.experiments = ["beam_fn_api"]  # what FnApiRunner.run_pipeline sets on its view
    assert options.view_as(DebugOptions).experiments == ["beam_fn_api"]
    assert options.get_all_options()["experiments"] == ["beam_fn_api"]
