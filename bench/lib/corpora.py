"""The texts benches run on: the shared eval sets beside the checkout, or the example feeds."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DIR = REPO.parent / "shared" / "eval" / "polnear-dev" / "text"
GERMAN_DIR = REPO.parent / "shared" / "eval" / "german-quotes" / "dev"
# larger sets for streams of articles each seen once (bench/extract_speed.py --unseen)
TRAIN_DIRS = {
    "en": REPO.parent / "shared" / "eval" / "polnear-train" / "text",
    "de": REPO.parent / "shared" / "eval" / "german-quotes" / "train",
}


def example_texts() -> list[str]:
    from datetime import datetime, timezone

    from pipeline.feeds.config import load_feeds
    from pipeline.feeds.fetch import fetch
    from pipeline.feeds.normalise import normalise_entry
    from pipeline.feeds.parse import parse_feed

    texts = []
    for spec in load_feeds(REPO / "examples" / "feeds.toml"):
        parsed = parse_feed(fetch(spec.url).body, spec.url)
        for e in parsed.entries:
            a = normalise_entry(e, spec.url, spec.name, "", datetime.now(timezone.utc))
            texts.append(a.content_text or a.summary)
    return texts


def texts_in(directory: Path, lang: str) -> list[str]:
    """The texts of a directory in name order: the German sets' JSON files (their originalText),
    else plain .txt files."""
    if lang == "de":
        import json

        return [json.loads(p.read_text(encoding="utf-8"))["originalText"] for p in sorted(directory.glob("*.json"))]
    return [p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.txt"))]


def corpus(name: str) -> list[str]:
    """ "polnear": PolNeAR's dev texts (when ../shared is there); anything else: the example feeds."""
    if name == "polnear" and DEFAULT_DIR.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(DEFAULT_DIR.glob("*.txt"))]
    return example_texts()
