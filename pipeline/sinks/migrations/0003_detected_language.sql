-- The language detected from the article text, beside the one the feed declared.
ALTER TABLE articles ADD COLUMN detected_language text NOT NULL DEFAULT '';
