-- What a quote's cue reports: "speech" (words said or written) or "stance" (a thought, belief,
-- finding, wish or stance); "" for quotes stored before the field existed.
ALTER TABLE quotes ADD COLUMN cue_class text NOT NULL DEFAULT '';
