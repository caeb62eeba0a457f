"""A time budget for a block of pure-Python work on the calling thread. Every stage of the
extractor is linear in its input, and this is the net under that: an input nobody foresaw costs
its budget, not the job. A timer thread raises OverBudget in the working thread through
CPython's PyThreadState_SetAsyncExc, which takes effect at the next bytecode boundary; works on any
thread (a Beam worker's, the batch thread), where signal-based alarms work on the main one only."""

from __future__ import annotations

import ctypes
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


def run_within(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    """fn(*args), or BudgetExceeded when it runs longer than `seconds` (no limit when <= 0).

    The interruption is raised once: a second one could land in this function's own clean-up and
    escape it. One that Python swallows (it landed in a weakref callback during a garbage
    collection) lets fn run to its end, which the linear extractor and the character cap bound;
    fn's result is then refused all the same. None escapes late: one still pending when fn ends is
    withdrawn before this returns."""
    if seconds <= 0:
        return fn(*args)
    thread, lock = threading.get_ident(), threading.Lock()
    state = {"fired": False, "finished": False}

    def interrupt() -> None:
        with lock:
            if not state["finished"]:
                state["fired"] = True
                _raise_in(thread, ctypes.py_object(OverBudget))

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    started = time.monotonic()
    try:
        timer.start()
        try:
            result = fn(*args)
        finally:
            with lock:
                state["finished"] = True
                timer.cancel()
                if state["fired"]:
                    _withdraw_in(thread, None)  # raised already, or withdrawn now
        if state["fired"]:  # swallowed, or fired as fn returned: over its budget all the same
            raise OverBudget
        return result
    except OverBudget:
        raise BudgetExceeded(seconds, time.monotonic() - started) from None
