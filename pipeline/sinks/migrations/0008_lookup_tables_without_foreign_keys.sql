-- statement_shingles and story_bands are look-up indexes: about 200 and 32 rows per article,
-- written under the assignment lock. Their foreign keys ran a trigger and a key-share lock per row,
-- half of each insert's cost (docs/design.md, Statements). The assigner writes them only for
-- statements and story articles it made or read in the same transaction, and neither is ever
-- deleted.
ALTER TABLE statement_shingles DROP CONSTRAINT IF EXISTS statement_shingles_statement_fkey;
ALTER TABLE story_bands DROP CONSTRAINT IF EXISTS story_bands_article_id_fkey;
