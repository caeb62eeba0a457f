"""A local S3 (moto's server) for the portable pipelines' object-store tests."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.kafka.broker import free_port


@pytest.fixture(scope="module")
def s3() -> Iterator[dict[str, str]]:
    """A local S3 (moto's server) with a bucket; the pipeline options that reach it."""
    boto3 = pytest.importorskip("boto3")
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        endpoint = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                boto3.client(
                    "s3",
                    endpoint_url=endpoint,
                    aws_access_key_id="t",
                    aws_secret_access_key="t",
                    region_name="us-east-1",
                ).create_bucket(Bucket="news")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield {"endpoint": endpoint}
    finally:
        server.terminate()
        server.wait()


def s3_client(s3: dict[str, str]) -> Any:
    import boto3

    return boto3.client(
        "s3", endpoint_url=s3["endpoint"], aws_access_key_id="t", aws_secret_access_key="t", region_name="us-east-1"
    )


def s3_options(s3: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pipeline options that reach the store. Worker processes of the local runner do not get
    the pipeline's S3 options (Flink and Dataflow workers do): they find the store as a cluster's
    workers usually do, by environment, so that is set too."""
    for var, value in (
        ("AWS_ENDPOINT_URL", s3["endpoint"]),
        ("AWS_ACCESS_KEY_ID", "t"),
        ("AWS_SECRET_ACCESS_KEY", "t"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
    ):
        monkeypatch.setenv(var, value)
    return [
        f"--s3_endpoint_url={s3['endpoint']}",
        "--s3_access_key_id=t",
        "--s3_secret_access_key=t",
        "--s3_region_name=us-east-1",
    ]


def s3_table(s3: dict[str, str], prefix: str, table: str) -> pa.Table:
    """Every Parquet file of a table under s3://news/<prefix>/, with no temporary files left."""
    client = s3_client(s3)
    listing = client.list_objects_v2(Bucket="news", Prefix=f"{prefix}/{table}/").get("Contents", [])
    keys = [o["Key"] for o in listing]
    assert not [k for k in keys if not k.endswith(".parquet")]  # no temporary files left
    return pa.concat_tables(
        [pq.read_table(io.BytesIO(client.get_object(Bucket="news", Key=k)["Body"].read())) for k in keys]
    )
