"""CPython's cyclic garbage collector, set for a long-lived worker that extracts articles.

Extraction allocates many short-lived objects. With the default thresholds the young generation is
collected every 700 net allocations, and a job process also keeps ~150,000 long-lived objects
(Beam, pyarrow, the word lists, the language model, the pipeline graph) that every full collection
scans again (what that cost: docs/design.md).
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000  # allocations between young-generation collections (CPython's default: 700)


def tune_collector() -> None:
    """Collect the young generation less often: almost everything extraction allocates is freed by
    reference counting before a collection would find it, so frequent collections mostly scan and
    promote objects that are about to die. Cyclic garbage waits at most 10,000 allocations."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def freeze_startup_heap() -> None:
    """After warm-up: what is alive now lives as long as the process, so it leaves the collector's
    generations (gc.freeze) and full collections stop scanning it."""
    gc.collect()
    gc.freeze()
