"""The actor harness: one-to-one matching on names and aliases; degenerate output cannot win."""

from __future__ import annotations

from bench.lib.actor_scoring import ActorReport, Entity, match, norm

GOLD = [
    Entity("Donald J. Trump", "person", ("Trump", "Mr. Trump"), ("Republican nominee",)),
    Entity("Federal Bureau of Investigation", "organization", ("FBI",)),
    Entity("Ohio", "place"),
]


def test_norm_ignores_case_punctuation_and_possessive() -> None:
    assert norm("Trump’s") == norm("trump") == "trump"
    assert norm("U.S.") == norm("u s")


def test_alias_matches_once_and_a_split_actor_counts_once() -> None:
    pred = [Entity("Trump", "person"), Entity("Mr. Trump", "person")]
    assert len(match(pred, GOLD)) == 1


def test_right_output_scores_perfectly() -> None:
    report = ActorReport()
    report.add(
        [
            Entity("Donald Trump", "person", ("Trump",), ("Republican nominee",)),
            Entity("FBI", "organization"),
            Entity("Ohio", "place"),
        ],
        GOLD,
    )
    f = report.figures()
    assert f["F1"] == 1.0 and f["type accuracy"] == 1.0 and f["title R"] == 1.0 and f["title P"] == 1.0


def test_every_capitalised_word_as_an_actor_scores_low() -> None:
    text = "Donald Trump told Ohio voters on Monday That The FBI Was Wrong About Everything In The Report"
    pred = [Entity(w, "person") for w in text.split() if w[0].isupper()]
    report = ActorReport()
    report.add(pred, GOLD)
    f = report.figures()
    assert f["P"] < 0.25 and f["person F1"] < 0.5 and f["type accuracy"] < 0.5


def test_wrong_type_counts_untyped_but_not_typed() -> None:
    report = ActorReport()
    report.add([Entity("Ohio", "organization")], GOLD)
    f = report.figures()
    assert f["R"] == 1 / 3 and f["place R"] == 0.0 and f["type accuracy"] == 0.0
