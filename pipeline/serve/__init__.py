"""`newsflow serve`: a read-only web page over the PostgreSQL sink (who said what, where, when) and
the pipeline's health. Server-rendered: no script or style leaves the machine (docs/serve.md)."""
