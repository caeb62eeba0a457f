"""The job's garbage-collector settings: young collections less often, the startup heap frozen."""

from __future__ import annotations

import gc
from typing import Iterator

import pytest

from pipeline.ops.collector import YOUNG_THRESHOLD, freeze_startup_heap, tune_collector


@pytest.fixture
def restored_collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_tune_collector_changes_only_the_young_threshold(restored_collector: None) -> None:
    gc.set_threshold(700, 11, 12)
    tune_collector()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 11, 12)


def test_the_startup_heap_is_frozen_and_later_cycles_are_still_collected(restored_collector: None) -> None:
    gc.unfreeze()
    kept = [[] for _ in range(100)]
    freeze_startup_heap()
    assert gc.get_freeze_count() >= len(kept)

    class Node:
        def __init__(self) -> None:
            self.me = self

    Node()  # a cycle made after the freeze
    assert gc.collect() > 0
