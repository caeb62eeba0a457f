"""What a backfill did, for its last line: the local and the portable backfill report alike."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Summary:
    documents: int = 0
    skipped_documents: int = 0
    entries: int = 0
    articles: int = 0
    duplicates: int = 0
    quotes: int = 0
    dead_letters: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (
            f"backfill: {self.documents} documents ({self.skipped_documents} already done), {self.entries} "
            f"entries, {self.articles} new articles ({self.duplicates} duplicates skipped), {self.quotes} "
            f"quotes, {self.dead_letters} dead letters in {self.seconds:.1f}s ({rate:.0f} articles/s)"
        )
