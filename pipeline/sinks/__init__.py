"""Sinks: where analyses and dead letters go. Each is a Beam PTransform, so a batch is done when
the pipeline is done, and only then are source offsets committed."""
