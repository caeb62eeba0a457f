-- A story's state is written to Parquet as it changes (pipeline/sinks/rows.py, the stories table):
-- two job processes may write one story's states in either order, and readers keep the highest
-- revision, as for statements.
ALTER TABLE stories ADD COLUMN revision bigint NOT NULL DEFAULT 0;
