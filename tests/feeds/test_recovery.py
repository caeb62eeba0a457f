"""The recovery checkpoint of the embedded broker: it only moves forward, survives a restart,
and a torn or missing file means nothing is known to replay."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from pipeline.feeds.recovery import Checkpoint

T0 = datetime(2026, 12, 5, 8, 0, tzinfo=timezone.utc)


def test_the_checkpoint_moves_forward_only_and_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "recovery-checkpoint"
    checkpoint = Checkpoint(path, every_s=0)
    assert checkpoint.value is None
    checkpoint.advance(T0)
    checkpoint.advance(T0 - timedelta(seconds=5))  # an older time never moves it back
    assert Checkpoint(path).value == T0
    checkpoint.advance(T0 + timedelta(seconds=5))
    assert Checkpoint(path).value == T0 + timedelta(seconds=5)
    assert [p.name for p in tmp_path.iterdir()] == ["recovery-checkpoint"]  # no temporary file left


def test_writes_are_throttled_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "recovery-checkpoint"
    checkpoint = Checkpoint(path, every_s=3600)
    checkpoint.advance(T0, force=True)
    checkpoint.advance(T0 + timedelta(seconds=1))  # within the hour: not written
    assert Checkpoint(path).value == T0


def test_a_torn_file_is_no_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "recovery-checkpoint"
    path.write_text("2026-12-05T08:0")
    assert Checkpoint(path).value is None
