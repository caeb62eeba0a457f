"""The micro-batch pipeline built once per process: every batch through the same graph, files named
per batch, nothing of a failed batch left behind."""

from __future__ import annotations

import inspect
import uuid
from pathlib import Path
from typing import Any, Iterator

import apache_beam as beam
import pytest
from apache_beam.runners.worker import statesampler

from pipeline.beam import batch
from pipeline.beam.batch import BatchPipeline, SinkConfig
from pipeline.beam.records import SourceRecord
from pipeline.schema import RawArticle
from pipeline.sinks.parquet import read_table


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


def test_dofn_specs_are_remembered_per_class_and_state_is_still_seen(tmp_path: Path) -> None:
    from apache_beam.coders import VarIntCoder
    from apache_beam.transforms import userstate

    BatchPipeline(SinkConfig("", "", {}, tmp_path))
    assert getattr(userstate.get_dofn_specs, "_per_class", False)  # the hook Beam's worker calls

    class Counting(beam.DoFn):
        COUNT = userstate.ReadModifyWriteStateSpec("count", VarIntCoder())

        def process(self, element: tuple[str, int], count: Any = beam.DoFn.StateParam(COUNT)) -> Iterator[int]:
            yield element[1]

    class Plain(beam.DoFn):
        def process(self, element: int) -> Iterator[int]:
            yield element

    for _ in range(2):  # the second answer comes from what was remembered
        assert userstate.is_stateful_dofn(Counting()) and not userstate.is_stateful_dofn(Plain())
    # a DoFn made of a callable (Map, FlatMap) inspects that callable: it is not remembered by class
    assert not userstate.is_stateful_dofn(beam.transforms.core.CallableWrapperDoFn(lambda kv: [kv]))
