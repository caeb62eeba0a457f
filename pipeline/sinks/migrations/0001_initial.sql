-- newsflow storage schema, version 1. Every row is keyed by a deterministic id, so replays upsert.
CREATE TABLE articles (
    article_id        text PRIMARY KEY,
    url               text NOT NULL DEFAULT '',
    title             text NOT NULL DEFAULT '',
    source_name       text NOT NULL DEFAULT '',
    language          text NOT NULL DEFAULT '',
    published_at      timestamptz,
    processed_at      timestamptz,
    extractor_version text NOT NULL DEFAULT ''
);
CREATE INDEX articles_published_at ON articles (published_at);

CREATE TABLE actors (
    actor_id       text PRIMARY KEY,
    canonical_name text NOT NULL,
    type           text NOT NULL
);
CREATE INDEX actors_name ON actors (lower(canonical_name));

-- An actor as it appears in one article: titles, aliases and mentions differ per article.
CREATE TABLE article_actors (
    article_id    text NOT NULL REFERENCES articles ON DELETE CASCADE,
    actor_id      text NOT NULL REFERENCES actors,
    titles        text[] NOT NULL DEFAULT '{}',
    aliases       text[] NOT NULL DEFAULT '{}',
    mention_count integer NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX article_actors_actor ON article_actors (actor_id);

CREATE TABLE quotes (
    quote_id        text PRIMARY KEY,
    article_id      text NOT NULL REFERENCES articles ON DELETE CASCADE,
    text            text NOT NULL,
    kind            text NOT NULL,
    speaker_mention text NOT NULL DEFAULT '',
    cue             text NOT NULL DEFAULT '',
    start_offset    integer NOT NULL,
    end_offset      integer NOT NULL,
    confidence      real NOT NULL DEFAULT 0
);
CREATE INDEX quotes_article ON quotes (article_id);

-- Quote -> speaker link; absent when the speaker is not a known actor.
CREATE TABLE quote_speakers (
    quote_id text PRIMARY KEY REFERENCES quotes ON DELETE CASCADE,
    actor_id text NOT NULL REFERENCES actors
);
CREATE INDEX quote_speakers_actor ON quote_speakers (actor_id);
