"""The one garbage-collector pause: off inside, back on after, frozen only when asked."""

from __future__ import annotations

import gc
import threading

from stampla.service import collector


def test_the_collector_is_off_inside_and_on_again_after():
    assert gc.isenabled()
    with collector.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_pauses_resume_only_when_the_last_ends():
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other() -> None:
        first_in.wait()
        with collector.collector_paused():
            pass
        seen.append(gc.isenabled())  # the first pause still holds
        second_done.set()

    thread = threading.Thread(target=other)
    thread.start()
    with collector.collector_paused():
        first_in.set()
        second_done.wait()
    thread.join()
    assert seen == [False]
    assert gc.isenabled()


def test_a_freezing_pause_freezes_what_is_alive_until_thawed():
    kept = [[n] for n in range(1000)]
    with collector.collector_paused(freeze=True):
        pass
    assert gc.get_freeze_count() >= len(kept)
    collector.thaw()
    assert gc.get_freeze_count() == 0
    with collector.collector_paused():
        pass
    assert gc.get_freeze_count() == 0  # a plain pause freezes nothing
