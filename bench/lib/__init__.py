"""What the benchmark scripts share: corpora, scoring, a running stack, hostile servers and texts,
fault rigs. Tests may import it too; nothing here is a script."""
