-- The speaker page reads the titles and other names of an actor's latest articles: with them in the
-- actor's index it reads the index alone, not a heap page per article (docs/serve.md).
CREATE INDEX article_actors_actor_names ON article_actors (actor_id) INCLUDE (titles, aliases);
DROP INDEX article_actors_actor;
