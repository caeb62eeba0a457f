"""A time budget for a block of pure-Python work on the calling thread. Every stage of the
extractor is linear in its input, and this is the net under that: an input nobody foresaw costs
its budget, not the job. One watchdog thread per process raises OverBudget in the working thread
through CPython's PyThreadState_SetAsyncExc, which takes effect at the next bytecode boundary; works on any
thread (a Beam worker's, the batch thread), where signal-based alarms work on the main one only."""

from __future__ import annotations

import ctypes
import os
import threading
import time
from typing import Any, Callable, TypeVar


class OverBudget(BaseException):
    """Raised inside the block when its budget ran out. A BaseException, so that no `except
    Exception` inside the work swallows it; run_within turns it into BudgetExceeded."""


class BudgetExceeded(Exception):
    def __init__(self, budget_s: float, took_s: float) -> None:
        super().__init__(f"stopped after {took_s:.1f}s, over its {budget_s:g}s time budget")
        self.budget_s, self.took_s = budget_s, took_s


_raise_in = ctypes.pythonapi.PyThreadState_SetAsyncExc
_raise_in.argtypes = (ctypes.c_ulong, ctypes.py_object)
# the same function with NULL, which withdraws a pending exception (PYFUNCTYPE: called with the GIL held)
_withdraw_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
)

T = TypeVar("T")


class _InForce(threading.local):
    """The calling thread's budget in force, for checkpoint(); None on a thread that has none (a
    class default: getattr with a default on a thread that never set it raised and swallowed an
    AttributeError at every checkpoint)."""

    budget: _Budget | None = None


_in_force = _InForce()


class _Budget:
    """One budget in force: its thread, its deadline and whether it fired."""

    __slots__ = ("thread", "deadline", "fired")

    def __init__(self, thread: int, deadline: float) -> None:
        self.thread, self.deadline, self.fired = thread, deadline, False


class _Watchdog:
    """One thread per process that interrupts every budget past its deadline: a timer thread
    per article cost more CPU than the budget is worth on an ordinary article."""

    def __init__(self) -> None:
        # The working threads take the bare lock (`with self.lock`, acquired in C), never the
        # condition: Condition.__enter__ is Python code, and an interruption landing in it after
        # the lock is taken would leave the lock held for good, hanging every other budget.
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.budgets: set[_Budget] = set()
        self.pid = 0
        self.wakes_at = float("inf")  # when the watchdog wakes next: a later deadline need not wake it

    def start(self, seconds: float) -> _Budget:
        budget = _Budget(threading.get_ident(), time.monotonic() + seconds)
        with self.lock:
            if self.pid != os.getpid():  # first use, or a forked child: its thread is not there
                self.pid = os.getpid()
                threading.Thread(target=self._run, name="budget-watchdog", daemon=True).start()
            self.budgets.add(budget)
            if budget.deadline < self.wakes_at:
                self.cond.notify()
        return budget

    def finish(self, budget: _Budget) -> None:
        with self.lock:
            if budget.fired:  # first: no call before it, where a pending interruption could land
                _withdraw_in(budget.thread, None)  # raised already, or withdrawn now
            self.budgets.discard(budget)

    def _run(self) -> None:
        with self.cond:
            while True:
                now = time.monotonic()
                for budget in [b for b in self.budgets if b.deadline <= now]:
                    self.budgets.discard(budget)
                    budget.fired = True
                    _raise_in(budget.thread, ctypes.py_object(OverBudget))
                self.wakes_at = min((b.deadline for b in self.budgets), default=float("inf"))
                self.cond.wait(None if self.wakes_at == float("inf") else max(0.0, self.wakes_at - now))


_WATCHDOG = _Watchdog()


def checkpoint() -> None:
    """Stop here if the calling thread's budget has run out. The watchdog's exception lands only
    where the interpreter runs Python code, and the extractor compiled by mypyc (setup.py) runs
    none until it calls some: it calls this between its stages and in its longest loops."""
    budget = _in_force.budget
    if budget is not None and budget.fired:
        raise OverBudget


def run_within(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    """fn(*args), or BudgetExceeded when it runs longer than `seconds` (no limit when <= 0).

    The interruption is raised once: a second one could land in this function's own clean-up and
    escape it. One that Python swallows (it landed in a weakref callback during a garbage
    collection) lets fn run to its end, which the linear extractor and the character cap bound;
    fn's result is then refused all the same. None escapes late: one still pending when fn ends is
    withdrawn before this returns."""
    if seconds <= 0:
        return fn(*args)
    started = time.monotonic()
    outer = _in_force.budget
    try:
        budget = _WATCHDOG.start(seconds)
        try:
            _in_force.budget = budget  # (inside the try: put back whatever lands next)
            result = fn(*args)
        finally:
            _in_force.budget = outer
            _WATCHDOG.finish(budget)
        if budget.fired:  # swallowed, or fired as fn returned: over its budget all the same
            raise OverBudget
        return result
    except OverBudget:
        raise BudgetExceeded(seconds, time.monotonic() - started) from None
