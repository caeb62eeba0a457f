"""The C checksum kafka-python is routed to is the CRC-32C of its pure-Python one, on any bytes
and on the memoryview slices the record code passes; batches built with it verify."""

from __future__ import annotations

import google_crc32c
import pytest
from hypothesis import given
from hypothesis import strategies as st
from kafka.record import default_records
from kafka.record._crc32c import crc as pure_python_crc32c
from kafka.record.default_records import DefaultRecordBatch, DefaultRecordBatchBuilder

import pipeline.kafka.client  # noqa: F401  (installs the checksum, as every client does)
from pipeline.kafka.checksum import _crc32c

native = pytest.mark.skipif(google_crc32c.implementation != "c", reason="google-crc32c without its C extension")


@native
def test_clients_use_the_c_checksum() -> None:
    assert default_records.calc_crc32c is _crc32c


@given(st.binary(max_size=4096), st.integers(0, 64))
def test_same_checksum_as_kafka_python(data: bytes, offset: int) -> None:
    view = memoryview(bytearray(data))[min(offset, len(data)) :]
    assert _crc32c(view) == pure_python_crc32c(view)


def test_batches_built_with_it_verify() -> None:
    builder = DefaultRecordBatchBuilder(
        magic=2,
        compression_type=0,
        is_transactional=False,
        producer_id=-1,
        producer_epoch=-1,
        base_sequence=-1,
        batch_size=1 << 20,
    )
    for i in range(50):
        builder.append(i, timestamp=1_700_000_000_000 + i, key=b"k%d" % i, value=b"v" * (i * 37), headers=[])
    buffer = bytes(builder.build())
    batch = DefaultRecordBatch(buffer)
    assert batch.validate_crc()
    assert batch.crc == pure_python_crc32c(memoryview(buffer)[DefaultRecordBatch.ATTRIBUTES_OFFSET :])
    assert [r.value for r in batch] == [b"v" * (i * 37) for i in range(50)]
