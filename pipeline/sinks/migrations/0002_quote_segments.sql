-- Statement-level quotes: the quoted segments inside a statement, and where speaker and cue stand.
-- Ranges are [start, end) in Unicode code points of the article text, as in the protobuf contract.
ALTER TABLE quotes
    ADD COLUMN segments     int4range[] NOT NULL DEFAULT '{}',
    ADD COLUMN speaker_span int4range,
    ADD COLUMN cue_span     int4range;
