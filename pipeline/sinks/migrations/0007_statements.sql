-- Statements across outlets (pipeline/statements): one row per thing said, every appearance of it,
-- the shingles it is found by, and the people seen speaking (for linking surnames).
CREATE TABLE statements (
    statement_id     text PRIMARY KEY,
    created          bigserial UNIQUE,  -- the order statements were made in: a merge keeps the oldest
    text             text NOT NULL,     -- the longest form seen
    word_count       integer NOT NULL,
    speaker_actor_id text,
    speaker_name     text NOT NULL DEFAULT '',
    speaker_surname  text NOT NULL DEFAULT '',
    speaker_full     boolean NOT NULL DEFAULT false,  -- the speaker is named by more than a surname
    language         text NOT NULL DEFAULT '',
    merged_into      text REFERENCES statements,      -- always the surviving statement, never a chain
    revision         bigint NOT NULL DEFAULT 1,
    appearance_count integer NOT NULL DEFAULT 0,
    outlet_count     integer NOT NULL DEFAULT 0,
    first_quote_id   text,
    first_seen       timestamptz,
    last_quote_id    text,
    last_seen        timestamptz
);
CREATE INDEX statements_merged ON statements (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX statements_speaker ON statements (speaker_actor_id, last_seen DESC) WHERE merged_into IS NULL;
CREATE INDEX statements_last_seen ON statements (last_seen DESC) WHERE merged_into IS NULL;

-- one row per quote: the statement it was assigned (never changed), where and when it appeared
CREATE TABLE statement_appearances (
    quote_id     text PRIMARY KEY,
    statement_id text NOT NULL REFERENCES statements,
    article_id   text NOT NULL,
    outlet       text NOT NULL DEFAULT '',
    url          text NOT NULL DEFAULT '',
    seen_at      timestamptz,
    text         text NOT NULL,
    word_count   integer NOT NULL,
    speaker_mention text NOT NULL DEFAULT ''
);
CREATE INDEX statement_appearances_statement ON statement_appearances (statement_id, seen_at);
CREATE INDEX statement_appearances_article ON statement_appearances (article_id);

-- runs of words and short pieces (pipeline.statements.words.shingles), by hash, to the statement's
-- number (an 8-byte key, not the 32-character id: this is the largest table)
CREATE TABLE statement_shingles (
    shingle   bigint NOT NULL,
    statement bigint NOT NULL REFERENCES statements (created),
    words     smallint NOT NULL,  -- of the shortest form of the statement that holds this run
    PRIMARY KEY (shingle, statement)
);

-- the outlets each statement appeared in (of the surviving statement): outlet_count without
-- reading the appearances again
CREATE TABLE statement_outlets (
    statement_id text NOT NULL REFERENCES statements,
    outlet       text NOT NULL,
    PRIMARY KEY (statement_id, outlet)
);

-- persons named in full who spoke, by surname: a surname alone is linked to the only one
CREATE TABLE statement_speakers (
    surname        text NOT NULL,
    actor_id       text NOT NULL,
    canonical_name text NOT NULL,
    first_seen     timestamptz NOT NULL,
    last_seen      timestamptz NOT NULL,
    PRIMARY KEY (surname, actor_id)
);

ALTER TABLE quotes ADD COLUMN statement_id text NOT NULL DEFAULT '';

-- stories: near-duplicate articles (pipeline/statements/stories.py), one row per article with its
-- MinHash signature, and the band keys that find candidates
CREATE TABLE stories (
    story_id       text PRIMARY KEY,
    created        bigserial UNIQUE,
    merged_into    text REFERENCES stories,
    title          text NOT NULL DEFAULT '',
    article_count  integer NOT NULL DEFAULT 0,
    outlet_count   integer NOT NULL DEFAULT 0,
    first_seen     timestamptz,
    last_seen      timestamptz
);
CREATE INDEX stories_merged ON stories (merged_into) WHERE merged_into IS NOT NULL;
CREATE TABLE story_articles (
    article_id text PRIMARY KEY,
    story_id   text NOT NULL REFERENCES stories,
    outlet     text NOT NULL DEFAULT '',
    url        text NOT NULL DEFAULT '',
    seen_at    timestamptz,
    signature  bytea NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id);
CREATE TABLE story_outlets (
    story_id text NOT NULL REFERENCES stories,
    outlet   text NOT NULL,
    PRIMARY KEY (story_id, outlet)
);
CREATE TABLE story_bands (
    band       bigint NOT NULL,
    article_id text NOT NULL REFERENCES story_articles,
    PRIMARY KEY (band, article_id)
);
ALTER TABLE articles ADD COLUMN story_id text NOT NULL DEFAULT '';
