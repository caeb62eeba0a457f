"""Beam transforms and runners. Transforms are ordinary PTransforms/DoFns so the same code runs on
the local FnApiRunner (micro-batches, backfill) and on Flink, Spark or Dataflow."""
