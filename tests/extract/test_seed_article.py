"""The seed article from ../shared: docs/design.md lists what must come out of it."""

from pathlib import Path

import pytest

from pipeline.extract import JOINER, ActorType, Extraction, QuoteKind, extract


@pytest.fixture(scope="module")
def seed(shared_dir: Path) -> tuple[str, Extraction]:
    text = (shared_dir / "samples" / "seed-article-lavrov.txt").read_text(encoding="utf-8")
    return text, extract(text)


def _speaker_of(seed: tuple[str, Extraction], prefix: str) -> str:
    """The speaker of the statement with a quoted segment starting with prefix."""
    text, result = seed
    matches = [q for q in result.quotes if any(text[s:e].startswith(prefix) for s, e in q.segments)]
    assert matches, f"quote starting {prefix!r} not found"
    return matches[0].speaker


@pytest.mark.parametrize(
    "prefix",
    [
        "President Putin has made it clear",  # «…,» Lavrov told NBC
        "As of now, no meeting is scheduled",  # after "Lavrov told NBC": the same statement's second part
        "After the Anchorage meeting",  # «…,» Lavrov remarked
        "Zelensky rejected everything",  # «…,» Lavrov commented
        "How can we engage with someone",  # chain after an interposed title in quotes
    ],
)
def test_lavrov_quotes(seed: tuple[str, Extraction], prefix: str) -> None:
    assert _speaker_of(seed, prefix) == "Sergei Lavrov"


def test_trump_quotes(seed: tuple[str, Extraction]) -> None:
    text, result = seed
    assert _speaker_of(seed, "within two weeks") == "Donald Trump"
    assert _speaker_of(seed, "After that, we may need") == "Donald Trump"  # "he added"
    partial = next(q for q in result.quotes if any(text[s:e] == "within two weeks" for s, e in q.segments))
    assert partial.kind is QuoteKind.PARTIAL


def test_quoted_name_is_not_a_quote(seed: tuple[str, Extraction]) -> None:
    assert not any("Coalition of the Willing" in q.text for q in seed[1].quotes)
    quoted = [q for q in seed[1].quotes if q.kind is not QuoteKind.INDIRECT]
    assert len(quoted) == 6 and sum(len(q.segments) for q in quoted) == 7  # one quote interrupted by "Lavrov told"


def test_reported_speech(seed: tuple[str, Extraction]) -> None:
    stated = next(q for q in seed[1].quotes if q.text.startswith("there are no current plans"))
    assert stated.kind is QuoteKind.INDIRECT and stated.speaker == "Sergei Lavrov" and stated.cue == "stated"


def test_offsets_point_at_the_text(seed: tuple[str, Extraction]) -> None:
    text, result = seed
    for q in result.quotes:
        parts = [text[s:e] for s, e in q.segments]
        assert text[q.start : q.end] == q.text or q.text == JOINER.join(parts)
        assert all(q.start <= s < e <= q.end for s, e in q.segments)


@pytest.mark.parametrize(
    "name,kind",
    [
        ("Sergei Lavrov", ActorType.PERSON),
        ("Vladimir Putin", ActorType.PERSON),
        ("Volodymyr Zelensky", ActorType.PERSON),
        ("Donald Trump", ActorType.PERSON),
        ("Todd Starnes", ActorType.PERSON),
        ("NATO", ActorType.ORGANIZATION),
        ("Kremlin", ActorType.ORGANIZATION),
        ("White House", ActorType.ORGANIZATION),
    ],
)
def test_actors(seed: tuple[str, Extraction], name: str, kind: ActorType) -> None:
    actors = {a.canonical_name: a for a in seed[1].actors}
    assert name in actors, sorted(actors)
    assert actors[name].type is kind


def test_lavrov_title_and_alias(seed: tuple[str, Extraction]) -> None:
    lavrov = next(a for a in seed[1].actors if a.canonical_name == "Sergei Lavrov")
    assert "Russian Foreign Minister" in lavrov.titles
    assert "Lavrov" in lavrov.aliases
    assert lavrov.mention_count >= 7
