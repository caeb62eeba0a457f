"""What a backfill did, for its last line: the local and the portable backfill report alike."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.plural import plural as count


@dataclass
class Summary:
    documents: int = 0  # read in this run
    skipped_documents: int = 0  # finished by an earlier run
    unreadable: int = 0  # of `documents`: not a feed, damaged or too large (each a dead letter)
    entries: int = 0
    articles: int = 0
    duplicates: int = 0
    quotes: int = 0
    dead_letters: int = 0
    seconds: float = 0.0

    @property
    def nothing_usable(self) -> bool:
        """No feed document in the paths, in this run or an earlier one: the paths are wrong."""
        return self.skipped_documents == 0 and self.documents == self.unreadable

    def line(self) -> str:
        if self.documents == 0 and self.skipped_documents:
            return f"backfill: nothing new: {count(self.skipped_documents, 'document')} done by earlier runs"
        rate = f", {self.articles / self.seconds:.1f} articles/s" if self.articles and self.seconds else ""
        earlier = f" ({self.skipped_documents:,} done by earlier runs)" if self.skipped_documents else ""
        unreadable = f", {self.unreadable:,} not readable as a feed" if self.unreadable else ""
        return (
            f"backfill: {count(self.documents, 'document')}{earlier}{unreadable}; {count(self.entries, 'entry')}, "
            f"{count(self.articles, 'new article')} ({self.duplicates:,} seen before), {count(self.quotes, 'quote')}, "
            f"{count(self.dead_letters, 'dead letter')} in {self.seconds:.1f}s{rate}"
        )
