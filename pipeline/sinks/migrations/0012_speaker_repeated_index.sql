-- The speaker page lists a speaker's most repeated statements: with this index it reads their ten
-- most repeated directly, where grouping their latest quotes by text read and sorted thousands of
-- rows for a busy speaker (docs/serve.md). Statements seen once are left out of it.
CREATE INDEX statements_speaker_repeated ON statements (speaker_actor_id, appearance_count DESC, created)
    WHERE merged_into IS NULL AND appearance_count > 1;
