-- What readers of the database (`newsflow serve`) need: the text every offset indexes, and per quote
-- the language, time and outlet of its article, so that search, a speaker's statements and an
-- outlet's are answered from the quotes' own indexes instead of a join sorted afterwards.
ALTER TABLE articles ADD COLUMN text text NOT NULL DEFAULT '';
CREATE INDEX articles_processed_at ON articles (processed_at DESC);

-- The text search configuration of a language's stemmer (ISO 639-1), 'simple' for the others.
CREATE FUNCTION newsflow_text_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE language
        WHEN 'en' THEN 'english'::regconfig
        WHEN 'de' THEN 'german'::regconfig
        WHEN 'fr' THEN 'french'::regconfig
        WHEN 'ru' THEN 'russian'::regconfig
        ELSE 'simple'::regconfig
    END;

-- language: the one whose rules ran (detected, else the primary tag declared: 'en-US' is 'en'); published_at: the article's, else
-- the time it was processed (records of the job always have one).
ALTER TABLE quotes
    ADD COLUMN language     text NOT NULL DEFAULT '',
    ADD COLUMN published_at timestamptz,
    ADD COLUMN source_name  text NOT NULL DEFAULT '';
UPDATE quotes q
   SET language = coalesce(nullif(a.detected_language, ''), lower(split_part(replace(a.language, '_', '-'), '-', 1))),
       published_at = coalesce(a.published_at, a.processed_at),
       source_name = a.source_name
  FROM articles a
 WHERE a.article_id = q.article_id;
ALTER TABLE quotes
    ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector(newsflow_text_config(language), text)) STORED;
CREATE INDEX quotes_search ON quotes USING gin (search);
CREATE INDEX quotes_published ON quotes (published_at DESC NULLS LAST, quote_id DESC);
-- the order every list is shown in, within one speaker, outlet or language (a speaker's outlets
-- and days are counted from this index alone)
CREATE INDEX quotes_speaker_published ON quotes (speaker_actor_id, published_at DESC NULLS LAST, quote_id DESC)
    INCLUDE (source_name) WHERE speaker_actor_id IS NOT NULL;
CREATE INDEX quotes_outlet_published ON quotes (source_name, published_at DESC NULLS LAST, quote_id DESC);
CREATE INDEX quotes_language_published ON quotes (language, published_at DESC NULLS LAST, quote_id DESC);
DROP INDEX quotes_speaker;
