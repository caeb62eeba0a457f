"""newsflow: feed readers -> Kafka -> Beam (quotes + actors) -> sinks."""

__version__ = "0.1.0"
