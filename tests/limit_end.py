"""What a time limit leaves behind when it fires at an awkward moment: at each call or return of
its block's end, as it is being set, and what a timed-out thread limit leaves for a traced thread.
Each probe runs in a fresh interpreter (tests/test_batch.py)."""
from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time

import somnotes.ingest.worker as worker


def limit_ended_at(event: int) -> tuple | None:
    """Run a block under a limit of 30 s (SIGALRM's in the main thread, the watchdog's in another)
    that ends at once, the limit firing at the `event`-th call or return after its body (Python's
    profile events: where a signal's handler runs, or an exception set pending in a thread lands)
    as long as the limit may still fire there: the timer armed; the watchdog's stop not taken. What
    the limit left behind: (an armed timer, the limit's handler installed, a watchdog not told to
    stop); None where the block's end has fewer events."""
    main = threading.current_thread() is threading.main_thread()
    before = signal.getsignal(signal.SIGALRM) if main else None
    limit = worker.alarm_time_limit(30) if main else worker.thread_time_limit(30)
    seen, stop, watchdog_lock = 0, None, None

    def may_fire() -> bool:
        if main:
            return signal.getitimer(signal.ITIMER_REAL)[0] > 0
        # the watchdog decides to raise under the stop's lock, until the stop is set: one it
        # decided before the block's end took that lock (even after the block marked itself
        # ended) lands at the thread's next call
        return not (stop.is_set() or watchdog_lock.locked())

    could_fire = True  # at the event before: a decision taken then lands at this one

    def hook(frame, what, arg):
        nonlocal seen, could_fire
        seen += 1
        fires, could_fire = may_fire() or (not main and could_fire), may_fire()
        if not fires:
            # nothing can fire any more: the rest runs unprofiled
            sys.setprofile(None)
        elif seen == event:
            sys.setprofile(None)
            if main:
                signal.raise_signal(signal.SIGALRM)  # its handler runs before this returns
            else:
                # the FileTimeout the watchdog set pending, landing here (raised from the profile
                # hook, not set pending by it: the same quirk)
                raise worker.FileTimeout()

    with contextlib.suppress(worker.FileTimeout):
        with limit:
            if not main:  # the watchdog's stop and its lock
                stop, watchdog_lock = (limit.gen.gi_frame.f_locals[name] for name in ("done", "lock"))
            sys.setprofile(hook)
    sys.setprofile(None)
    # as in a reader, nothing holds the limit once its block is left: a limit whose end never
    # began (a FileTimeout landed as its __exit__ was called) is closed now, and its end runs
    del limit
    if seen < event:
        return None
    armed = main and signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0)
    handler = main and signal.getsignal(signal.SIGALRM) is not before
    if main:  # put things back for the next event
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
    watching = not main and not stop.is_set()
    if watching:
        stop.set()
    return armed, handler, watching


def limit_end_leftovers() -> list:
    """For every event of a block's end, what its limit left behind, where it left anything."""
    leftovers = []
    for event in range(1, 200):
        left = limit_ended_at(event)
        if left is None:
            return leftovers
        if any(left):
            leftovers.append((event, *left))
    raise AssertionError("a block's end of 200 events or more")


def run_where(where: str, probe):
    """`probe()` in the main thread (`where` "main ...") or in a thread of its own; what that
    thread raised, if it raised, as text (the tests compare the result with what is expected)."""
    if where.startswith("main"):
        return probe()
    result: list = []

    def run():
        try:
            result.append(probe())
        except BaseException as exc:  # the probe's thread raised: say what
            result.append(f"the probe's thread raised {exc!r}")

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result[0]


TRACED_CALLS = 100
TRACED_WAIT_S = 10


def traced_thread_runs_after_a_timeout() -> bool:
    """A thread limit that times out, then a thread of its own run under a Python-level tracer
    (as hypothesis runs its examples): does that thread run to its end? (Why it might not: the
    comment at the end of worker.thread_time_limit.)"""
    timed = []

    def timed_out():
        try:
            with worker.thread_time_limit(0.01):
                while True:
                    time.sleep(0.001)
        except worker.FileTimeout:
            timed.append(True)

    def traced():
        sys.settrace(lambda *args: None)
        for _ in range(TRACED_CALLS):
            len(())
            (lambda: None)()
        sys.settrace(None)

    for target in (timed_out, traced):
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        thread.join(TRACED_WAIT_S)
        if thread.is_alive():
            return False
    return timed == [True]


SHORT_LIMITS = 20
SHORT_LIMIT_S = 1e-6  # far shorter than arming SIGALRM's timer or starting a watchdog takes
AFTER_S = 0.5  # five times REFIRE_S: a limit left running raises into this


def short_limits_left_behind() -> dict:
    """SHORT_LIMITS blocks under a limit that fires as it is being set (inside setitimer's or
    Thread.start()'s call), then AFTER_S of other work: how many FileTimeouts that work met, and
    whether a limit still runs (the timer armed or the limit's handler installed; a watchdog)."""
    main = threading.current_thread() is threading.main_thread()
    before = signal.getsignal(signal.SIGALRM) if main else None
    limit = worker.alarm_time_limit if main else worker.thread_time_limit
    for _ in range(SHORT_LIMITS):
        with contextlib.suppress(worker.FileTimeout):
            with limit(SHORT_LIMIT_S):
                pass
    stray = 0
    end = time.monotonic() + AFTER_S
    while time.monotonic() < end:
        try:
            time.sleep(0.01)
        except worker.FileTimeout:
            stray += 1
    if main:
        running = signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0) or signal.getsignal(signal.SIGALRM) is not before
    else:
        running = any(t.name == "somnotes-file-timeout" for t in threading.enumerate())
    return {"stray timeouts": stray, "a limit still running": running}
