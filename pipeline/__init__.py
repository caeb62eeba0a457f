"""newsflow: feed readers -> Kafka -> Beam (quotes + actors) -> sinks."""

import logging

# Beam warns at import about optional GCP client libraries this project does not use; every entry
# point (the CLI, the portable pipelines run with python -m) imports this package first.
logging.getLogger().addFilter(lambda record: "apitools not found" not in record.getMessage())

__version__ = "0.1.0"
