-- A speaker's statements per day and per outlet, kept as quotes are written, so the speaker page
-- reads a few hundred counts instead of aggregating every quote of a busy speaker (docs/serve.md).
-- Triggers on quotes append signed changes to speaker_count_deltas: appending never waits on
-- another writer, where two job processes updating one busy speaker's counter row would queue on
-- it. A writer folds the changes into speaker_counts from time to time (pipeline/sinks/counts.py);
-- a reader sums both in one statement, so a count is exact at every moment.

CREATE TABLE speaker_counts (
    speaker_actor_id text NOT NULL,
    per              text NOT NULL,  -- 'day' (key: YYYY-MM-DD in UTC, '' when undated) or 'outlet'
    key              text NOT NULL,
    n                bigint NOT NULL,
    PRIMARY KEY (speaker_actor_id, per, key)
);

CREATE TABLE speaker_count_deltas (
    speaker_actor_id text NOT NULL,
    per              text NOT NULL,
    key              text NOT NULL,
    n                bigint NOT NULL
);
CREATE INDEX speaker_count_deltas_speaker ON speaker_count_deltas (speaker_actor_id);

-- The counts a quote adds to: its day and its outlet.
CREATE FUNCTION newsflow_speaker_keys(published_at timestamptz, source_name text)
RETURNS TABLE (per text, key text) LANGUAGE sql STABLE AS $$
    VALUES ('day', coalesce(to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '')), ('outlet', source_name)
$$;

CREATE FUNCTION newsflow_count_speakers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO speaker_count_deltas
        SELECT q.speaker_actor_id, k.per, k.key, count(*)
          FROM new_rows q, newsflow_speaker_keys(q.published_at, q.source_name) k
         WHERE q.speaker_actor_id IS NOT NULL
         GROUP BY 1, 2, 3;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO speaker_count_deltas
        SELECT q.speaker_actor_id, k.per, k.key, -count(*)
          FROM old_rows q, newsflow_speaker_keys(q.published_at, q.source_name) k
         WHERE q.speaker_actor_id IS NOT NULL
         GROUP BY 1, 2, 3;
    ELSE  -- an update moves a quote only when its speaker, day or outlet changed
        INSERT INTO speaker_count_deltas
        SELECT c.speaker_actor_id, k.per, k.key, sum(c.sign)
          FROM (SELECT speaker_actor_id, published_at, source_name, -1 AS sign FROM old_rows
                UNION ALL
                SELECT speaker_actor_id, published_at, source_name, 1 FROM new_rows) c,
               newsflow_speaker_keys(c.published_at, c.source_name) k
         WHERE c.speaker_actor_id IS NOT NULL
         GROUP BY 1, 2, 3
        HAVING sum(c.sign) <> 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION newsflow_forget_speaker_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE speaker_counts, speaker_count_deltas;
    RETURN NULL;
END
$$;

CREATE TRIGGER quotes_count_insert AFTER INSERT ON quotes REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION newsflow_count_speakers();
CREATE TRIGGER quotes_count_update AFTER UPDATE ON quotes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION newsflow_count_speakers();
CREATE TRIGGER quotes_count_delete AFTER DELETE ON quotes REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION newsflow_count_speakers();
CREATE TRIGGER quotes_count_truncate AFTER TRUNCATE ON quotes
    FOR EACH STATEMENT EXECUTE FUNCTION newsflow_forget_speaker_counts();

INSERT INTO speaker_counts
SELECT q.speaker_actor_id, k.per, k.key, count(*)
  FROM quotes q, newsflow_speaker_keys(q.published_at, q.source_name) k
 WHERE q.speaker_actor_id IS NOT NULL
 GROUP BY 1, 2, 3;
