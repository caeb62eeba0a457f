"""pipeline.budget.run_within: work over its time budget is stopped wherever it runs, work within
it returns its result, and the interruption never surfaces after run_within returned."""

from __future__ import annotations

import threading

import pytest

from pipeline.budget import BudgetExceeded, checkpoint, run_within


def _spin(seconds: float) -> str:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "done"


def test_work_within_its_budget_returns_its_result() -> None:
    assert run_within(5.0, _spin, 0.01) == "done"
    assert run_within(0, _spin, 0.01) == "done"  # no budget


def _on_a_thread(budget_s: float, spin_s: float, wait_s: float) -> tuple[threading.Thread, list[BaseException]]:
    """run_within(budget_s, _spin, spin_s) on a thread of its own, waited for up to wait_s: the
    thread, and what it raised."""
    raised: list[BaseException] = []

    def worker() -> None:
        try:
            run_within(budget_s, _spin, spin_s)
        except BaseException as exc:  # noqa: BLE001 - whatever it is, the test reports it
            raised.append(exc)

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    thread.join(wait_s)
    return thread, raised


def test_work_over_its_budget_is_stopped_on_any_thread() -> None:
    thread, errors = _on_a_thread(0.1, 30, 10)
    assert not thread.is_alive() and len(errors) == 1 and isinstance(errors[0], BudgetExceeded)
    assert "over its 0.1s time budget" in str(errors[0])


def test_an_interruption_the_work_swallows_still_refuses_its_result() -> None:
    """As when the interruption lands in a weakref callback during a garbage collection."""

    def swallowing() -> str:
        try:
            _spin(0.5)
        except BaseException:  # noqa: BLE001 - the swallowing is the point
            pass
        return "should not count"

    with pytest.raises(BudgetExceeded):
        run_within(0.05, swallowing)


def test_a_budget_never_fires_after_its_work_returned() -> None:
    """Thousands of runs ending right at their budget: the interruption is either inside the run
    (BudgetExceeded) or withdrawn, never raised later in the caller."""
    for _ in range(2000):
        try:
            run_within(0.0003, sum, range(3000))
        except BudgetExceeded:
            pass
        sum(range(3000))  # an exception raised late would surface here


def test_a_checkpoint_stops_work_that_the_interruption_did_not_reach() -> None:
    """Compiled code runs no bytecode for the interruption to land in; here the work swallows it,
    which leaves the same state: the budget fired, the work goes on. Its next checkpoint stops it."""
    import time

    reached: list[str] = []

    def deaf() -> str:
        try:
            _spin(0.3)
        except BaseException:  # noqa: BLE001 - stands in for code the interruption cannot reach
            pass
        checkpoint()
        reached.append("past the checkpoint")
        _spin(5)
        return "late"

    started = time.monotonic()
    with pytest.raises(BudgetExceeded):
        run_within(0.05, deaf)
    assert not reached and time.monotonic() - started < 2


def test_a_checkpoint_outside_a_budget_or_after_it_does_nothing() -> None:
    checkpoint()
    assert run_within(5.0, lambda: (checkpoint(), "done")[1]) == "done"
    with pytest.raises(BudgetExceeded):
        run_within(0.01, _spin, 0.3)
    checkpoint()  # the fired budget is no longer in force on this thread


def test_budgets_that_fire_as_their_work_returns_leave_the_watchdog_working_for_every_thread() -> None:
    """An interruption pending when the work returns used to land inside the clean-up, just after
    it took the watchdog's lock: the lock stayed held, the watchdog stopped, and the next budget on
    any other thread hung. Two threads end thousands of runs right at their budgets, and nothing
    escapes them; then a budget on a third thread must still start, and fire."""

    escaped: list[BaseException] = []

    def near_the_deadline() -> None:
        try:
            for _ in range(2000):
                try:
                    run_within(0.0003, sum, range(3000))
                except BudgetExceeded:
                    pass
            checkpoint()  # no budget is in force now, a fired one least of all
        except BaseException as exc:  # noqa: BLE001 - whatever escaped, the test reports it
            escaped.append(exc)

    racers = [threading.Thread(target=near_the_deadline, daemon=True) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(60)
    _, outcome = _on_a_thread(0.05, 5, 3)
    assert not any(r.is_alive() for r in racers) and len(outcome) == 1, (
        "a budget hung: the watchdog's lock was left held"
    )
    assert isinstance(outcome[0], BudgetExceeded)
    assert not escaped, escaped
