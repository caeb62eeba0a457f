"""The quote harness cannot be won by degenerate output, and does reward the right output."""

from __future__ import annotations

import pytest

from bench.lib.quote_scoring import HEADLINE, Gold, Predicted, Report, chars
from pipeline.extract.text import paragraphs

ARTICLE = (
    "The harbour authority closed the north pier on Monday after inspectors found cracks in two pylons.\n\n"
    "“We cannot take any risks with public safety,” said Maria Okafor, the authority’s chief engineer. "
    "She added that repairs would start within a month.\n\n"
    "Local fishermen were less patient. Tomas Berg, who has moored his boat at the pier for 20 years, "
    "said the closure was “a disaster for the whole village” and called for a temporary jetty.\n\n"
    "According to the council, the pier carries 40,000 visitors a year. "
    "“The money is there,” Okafor told reporters. “What we need is time.”"
)


def _span(text: str, start_after: int = 0) -> tuple[int, int]:
    i = ARTICLE.index(text, start_after)
    return i, i + len(text)


def _gold(content: str, speaker: str, cue: str, direct: bool, after: int = 0) -> Gold:
    c = _span(content, after)
    s = _span(speaker, after) if speaker else (0, 0)
    k = _span(cue, c[0] - 40 if c[0] > 40 else 0) if cue else (0, 0)
    return Gold(chars(*c), direct, chars(*s), speaker, cue=chars(*k))


GOLD = [
    _gold("We cannot take any risks with public safety", "Maria Okafor", "said", True),
    _gold("that repairs would start within a month", "She", "added", False),
    _gold(
        "the closure was “a disaster for the whole village”",
        "Tomas Berg, who has moored his boat at the pier for 20 years",
        "said",
        True,
    ),
    _gold("the pier carries 40,000 visitors a year", "the council", "According to", False),
    _gold("The money is there", "Okafor", "told", True),
    _gold("What we need is time", "Okafor", "told", True),
]


def _score(preds: list[Predicted]) -> Report:
    report = Report()
    report.add(GOLD, preds)
    return report


def _pred(content: str, speaker: str, direct: bool, name: str = "") -> Predicted:
    s = _span(speaker) if speaker else (0, 0)
    return Predicted(chars(*_span(content)), direct, chars(*s), (name,) if name else ())


@pytest.mark.parametrize(
    "spans",
    [
        [(0, len(ARTICLE))],  # the whole text, as one quote
        paragraphs(ARTICLE),  # every paragraph a quote
    ],
    ids=["whole-text", "paragraphs"],
)
def test_degenerate_predictions_score_below_a_tenth(spans: list[tuple[int, int]]) -> None:
    """Each span is also given itself as speaker mention and as speaker name."""
    preds = [Predicted(chars(s, e), True, chars(s, e), (ARTICLE[s:e],)) for s, e in spans]
    report = _score(preds)
    assert all(report.f1(label) < 0.10 for label in HEADLINE), {k: round(report.f1(k), 3) for k in HEADLINE}


def test_the_right_statements_score_one() -> None:
    preds = [
        _pred("We cannot take any risks with public safety", "Maria Okafor", True, "Maria Okafor"),
        _pred("repairs would start within a month", "She", False, "Maria Okafor"),
        _pred("the closure was “a disaster for the whole village”", "Tomas Berg", True, "Tomas Berg"),
        _pred("the pier carries 40,000 visitors a year", "the council", False),
        _pred("The money is there", "Okafor", True, "Maria Okafor"),
        _pred("What we need is time", "", True, "Maria Okafor"),  # no mention, but the right person by name
    ]
    report = _score(preds)
    assert [round(report.f1(label), 3) for label in HEADLINE] == [1.0, 1.0, 1.0, 1.0]


def test_wrong_speakers_and_fragments_are_not_counted() -> None:
    preds = [
        _pred("We cannot take any risks with public safety", "Tomas Berg", True, "Tomas Berg"),  # wrong person
        _pred("a disaster", "Tomas Berg", True, "Tomas Berg"),  # a fragment of the statement
    ]
    report = _score(preds)
    direct = report.scores["direct spans"]
    assert direct.tp_gold == 1 and report.scores["direct + speaker"].tp_gold == 0
    assert report.scores["lenient direct spans"].tp_gold == 2  # the lenient line would have counted the fragment


def test_one_prediction_matches_one_gold_only() -> None:
    twice = [_pred("The money is there", "Okafor", True, "Okafor")] * 2
    assert _score(twice).scores["direct spans"].tp_pred == 1


def test_the_german_scheme_reads_each_part_of_an_interrupted_quote_as_a_quote() -> None:
    from bench.lib.predictions import predicted
    from pipeline.extract import Extraction, Quote, QuoteKind

    text = "„Wir sind bereit“, sagte sie. „Der Plan steht.“\n\n„Und er gilt.“"
    a, b, c = (text.index(s) for s in ("Wir", "Der", "Und"))
    interrupted = Quote("…", a, text.index("steht") + 6, QuoteKind.DIRECT, segments=((a, a + 15), (b, b + 15)))
    across_paragraphs = Quote("…", b, c + 12, QuoteKind.DIRECT, segments=((b, b + 15), (c, c + 12)))
    split = predicted(Extraction((interrupted,)), nested=True, text=text)
    assert [p.content for p in split] == [chars(a, a + 15), chars(b, b + 15)]
    assert len(predicted(Extraction((interrupted,)), text=text)) == 1  # PolNeAR's scheme: one statement
    assert len(predicted(Extraction((across_paragraphs,)), nested=True, text=text)) == 1


def test_an_indirect_statement_interrupted_by_its_attribution_is_scored_by_its_parts() -> None:
    from bench.lib.predictions import predicted
    from pipeline.extract import Extraction, Quote, QuoteKind

    text = "The plan, the mayor said on Monday, will fail within a year."
    head, tail = (0, 8), (text.index("will"), len(text) - 1)
    parts = Quote("…", 0, tail[1], QuoteKind.INDIRECT, segments=(head, tail))
    [p] = predicted(Extraction((parts,)), text=text)
    assert p.content == chars(*head) | chars(*tail)  # not "the mayor said on Monday"
    whole = Quote("…", 0, tail[1], QuoteKind.INDIRECT)
    gold = Gold(chars(*head) | chars(*tail), False, chars(9, 18), "the mayor", cue=chars(19, 23))
    for quote, matches in ((parts, 1), (whole, 0)):
        report = Report()
        report.add([gold], predicted(Extraction((quote,)), text=text))
        assert report.scores["all attributions"].tp_gold == matches  # the whole span swallows the attribution


def test_genres_dev_speakers_match_by_last_word_either_way_round() -> None:
    from bench.lib.quote_scoring import same_name

    assert same_name("Maria Okafor", ("Okafor",))  # the prediction's last word is the gold's
    assert same_name("Okafor", ("Maria Okafor",))  # the gold's last word is the prediction's
    assert same_name("Harbour Authority", ("the Harbour Authority", "authority"))
    assert not same_name("Maria Okafor", ("Tomas Berg",))
    assert not same_name("", ("Maria Okafor",))  # an unnamed gold speaker is never right
    assert not same_name("Okafor", (ARTICLE,))  # a whole text is no name


def test_genres_dev_is_read_as_annotated_and_cannot_be_won_by_degenerate_output(shared_dir) -> None:  # type: ignore[no-untyped-def]
    """Every annotation is found in its text (the set's totals: 492 attributions). The whole text
    as one quote spoken by its whole text reaches .10 on no headline metric; every paragraph as a
    quote reaches it on no speaker metric (its spans do match: an interview answer is a whole
    paragraph, which is why the speaker metrics are genres-dev's headline)."""
    from bench.eval_genres import load

    texts = load(shared_dir / "eval" / "genres-dev")
    assert len(texts) == 30 and sum(len(t.golds) for t in texts) == 492
    whole, each = Report(), Report()
    for t in texts:
        everything = chars(0, len(t.text))
        whole.add(t.golds, [Predicted(everything, True, everything, (t.text,))])
        each.add(t.golds, [Predicted(chars(s, e), True, chars(s, e), ()) for s, e in paragraphs(t.text)])
    for label in HEADLINE:
        assert whole.f1(label) < 0.10, label
    assert each.f1("direct + speaker") < 0.10 and each.f1("all + speaker") < 0.10
