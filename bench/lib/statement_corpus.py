"""Articles from several outlets, analysed as the job analyses them, for the statement benches:
PolNeAR train and dev (7 US outlets, 2015-2016, outlet and date in each file name) and the German
Wikinews train set. Texts are read from ../shared/eval and never copied into the repository."""

from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bench.lib import german_quotes
from pipeline.analysis import analyse_article
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.schema import ArticleAnalysis, RawArticle

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
SETS = {
    "polnear-train": EVAL / "polnear-train" / "text",
    "polnear-dev": EVAL / "polnear-dev" / "text",
    "german-train": EVAL / "german-quotes" / "train",
}
_NAME = re.compile(r"^(?P<outlet>[a-z]+)_(?P<date>\d{4}-\d{2}-\d{2})_")


@dataclass(frozen=True)
class Article:
    corpus: str
    name: str
    text: str
    outlet: str
    published: datetime | None
    language: str

    @property
    def article_id(self) -> str:
        return hashlib.sha256(f"{self.corpus}/{self.name}".encode()).hexdigest()[:32]

    def raw(self) -> RawArticle:
        raw = RawArticle(
            article_id=self.article_id,
            url=f"https://{self.outlet}.example/{self.name}",
            title=self.name,
            content_text=self.text,
            source_name=self.outlet,
            language=self.language,
        )
        if self.published is not None:
            raw.published_at.FromDatetime(self.published.replace(tzinfo=None))
        return raw


def articles(corpus: str) -> list[Article]:
    directory = SETS[corpus]
    if not directory.is_dir():
        return []
    if corpus.startswith("german"):
        return [Article(corpus, d.path.name, d.text, "wikinews", None, "de") for d in german_quotes.load(directory)]
    out = []
    for path in sorted(directory.glob("*.txt")):
        m = _NAME.match(path.stem)
        outlet = m.group("outlet") if m else "unknown"
        date = datetime.strptime(m.group("date"), "%Y-%m-%d").replace(tzinfo=timezone.utc) if m else None
        out.append(Article(corpus, path.name, path.read_text(encoding="utf-8"), outlet, date, "en"))
    return out


def analysed(corpora: list[str], cache: Path | None = None) -> list[tuple[Article, ArticleAnalysis]]:
    """Every article of the corpora with its analysis, kept in `cache` for this extractor version."""
    key = hashlib.sha256(f"{EXTRACTOR_VERSION}|{corpora}".encode()).hexdigest()[:12]
    path = cache / f"statement-corpus-{key}.pickle" if cache else None
    if path is not None and path.exists():
        rows: list[tuple[Article, bytes]] = pickle.loads(path.read_bytes())
        return [(a, ArticleAnalysis.FromString(b)) for a, b in rows]
    out = [(a, analyse_article(a.raw())) for c in corpora for a in articles(c)]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps([(a, x.SerializeToString()) for a, x in out]))
    return out
