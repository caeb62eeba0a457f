"""The job's status file: written after each batch by every job process sharing a data directory."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from pipeline.ops.metrics import BatchRecorder, read_status
from pipeline.results import BatchResult


def _result(records: int) -> BatchResult:
    return BatchResult("b", records=records, analysed=records, dead_letters=0, parquet_rows=0)


def test_writers_sharing_the_file_never_fail_and_leave_it_whole(tmp_path: Path) -> None:
    status_file = tmp_path / "var" / "job-status.json"
    errors: list[BaseException] = []

    def write(recorder: BatchRecorder, records: int) -> None:
        try:
            for _ in range(300):
                recorder(_result(records), 0.01)
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever a writer raised
            errors.append(exc)

    writers = [threading.Thread(target=write, args=(BatchRecorder(status_file), n)) for n in (1, 2)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    assert errors == []
    status = read_status(status_file)
    assert status is not None and status.batches == 300 and status.records in (300, 600)
    assert [p.name for p in status_file.parent.iterdir()] == ["job-status.json"]  # no temporary files left


def test_a_status_file_that_cannot_be_written_does_not_stop_the_job(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    recorder = BatchRecorder(blocked / "job-status.json")
    recorder(_result(3), 0.01)
    assert recorder.status.records == 3
    assert "status file" in caplog.text


def test_a_status_file_from_before_the_pid_field_still_reads(tmp_path: Path) -> None:
    old = tmp_path / "job-status.json"
    fields = {"batches": 2, "records": 5, "analysed": 5, "dead_letters": 0, "last_batch_at": 1.0}
    old.write_text(json.dumps(fields))
    status = read_status(old)
    assert status is not None and status.records == 5 and status.pid == 0
