"""Pausing the cyclic garbage collector while a burst of long-lived objects is made.

Making a group of day rows, or the records of a large CSV import, allocates millions of
containers that all stay alive; every few hundred allocations the collector would walk the
young ones again, and every few hundred thousand all of them, to find no garbage: a third of
the CPU time of a company-wide month (measured). Such objects form no reference cycles, so
reference counting frees them all the same. One helper for every such burst, safe when
several threads pause at once.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_collector_lock = threading.Lock()
_pauses = 0  # threads computing a group right now
_resume = False  # whether the collector ran before the first of them paused it
_frozen = False  # whether objects are frozen (by this module) since the last thaw
_freeze = False  # whether a pause of the current run asked for a freeze at its end


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """No cyclic garbage collection inside the block (nor in other threads meanwhile).

    ``freeze``, for objects that outlive the block (a group of day rows waiting to be
    consumed): pausing alone is not enough, since the collector resumes with the whole
    group young and alive and walks it twice more on its way to the old generation. So when
    the last concurrent pause ends, everything alive is frozen (``gc.freeze``: set aside,
    never walked) and the collector resumes for what comes next; ``thaw`` (before the next
    group, and at the end of a read) returns the frozen objects to the old generation, where
    only full collections look at them. The collector belongs to the process, so other
    threads' objects alive at that moment wait for a full collection too (and a thaw also
    returns whatever a pre-fork server froze; ``stampla serve`` freezes nothing); reference
    counting is never affected.
    """
    global _pauses, _resume, _frozen, _freeze
    with _collector_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
        _freeze = _freeze or freeze
    try:
        yield
    finally:
        with _collector_lock:
            _pauses -= 1
            if _pauses == 0:
                if _resume and _freeze:
                    gc.freeze()
                    _frozen = True
                if _resume:
                    gc.enable()
                _freeze = False


def thaw() -> None:
    """Return what ``collector_paused`` froze to the collector's old generation."""
    global _frozen
    with _collector_lock:
        if _frozen:
            gc.unfreeze()
            _frozen = False
