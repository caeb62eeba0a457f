"""CRC-32C of Kafka record batches in C. kafka-python computes it in pure Python unless the
LGPL `crc32c` package is installed: 0.11 ms per kB, run on every batch the job produces and every
batch a consumer verifies (~0.5 ms per 5 kB article in and out). google-crc32c (Apache-2.0) is
the same checksum in C (~1000x faster); kafka-python looks its function up at call time in
kafka.record.default_records, so that is where it goes."""

from __future__ import annotations

import google_crc32c
from kafka.record import default_records


def _crc32c(data: memoryview) -> int:
    # google_crc32c takes read-only bytes; the copy costs ~20 us per MB
    return int(google_crc32c.value(bytes(data)))


def use_native_crc32c() -> bool:
    """Route kafka-python's record-batch checksum to the C implementation, when google-crc32c
    built its extension (it falls back to pure Python too, no faster than kafka-python's)."""
    if google_crc32c.implementation != "c":
        return False
    default_records.calc_crc32c = _crc32c
    return True
