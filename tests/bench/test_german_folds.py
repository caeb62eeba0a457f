"""The German folds: stable, a partition, and merged reports add up."""

from bench.german_folds import fold_of
from bench.lib.quote_scoring import Gold, Predicted, Report, chars


def test_an_article_keeps_its_fold_and_every_fold_is_used() -> None:
    names = [f"{n} - Artikel {n} (2008-01-01)" for n in range(200)]
    assert [fold_of(n, 5) for n in names] == [fold_of(n, 5) for n in names]
    assert {fold_of(n, 5) for n in names} == set(range(5))


def test_merged_reports_count_like_one() -> None:
    gold = [Gold(chars(0, 10), True, chars(12, 15), "Roth")]
    right, wrong = [Predicted(chars(0, 10), True, chars(12, 15))], [Predicted(chars(20, 30), True)]
    one, two, whole = Report(), Report(), Report()
    one.add(gold, right)
    two.add(gold, wrong)
    whole.add(gold, right)
    whole.add(gold, wrong)
    one.merge(two)
    assert one.f1("direct + speaker") == whole.f1("direct + speaker") == 0.5
