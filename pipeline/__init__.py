"""newsflow: feed readers -> Kafka -> Beam (quotes + actors) -> sinks."""

import logging
import os

# One BLAS thread: language detection's one small matrix product per article is all the BLAS work
# a newsflow process does, and a second thread per job process, woken for each product, only
# contends with the other job processes for the cores (docs/design.md). An explicit setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# Beam warns at import about optional GCP client libraries this project does not use; every entry
# point (the CLI, the portable pipelines run with python -m) imports this package first.
logging.getLogger().addFilter(lambda record: "apitools not found" not in record.getMessage())

__version__ = "0.1.0"
