"""Long calls release the GIL: another Python thread runs meanwhile."""

import sys
import threading
import time

import ura


def ticks_during(call):
    """How many times another Python thread went round its loop while
    `call` ran. The thread sleeps a millisecond a round, so it needs the
    GIL back each round; a call that held the GIL throughout would leave
    it at 0. The switch interval is raised so that the thread cannot
    preempt this one just before the call: outside calls that release it,
    the GIL changes hands only where this thread waits."""
    ticks = [0]
    stop, started = threading.Event(), threading.Event()

    def spin():
        started.set()
        while not stop.is_set():
            ticks[0] += 1
            time.sleep(0.001)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(10.0)
    thread = threading.Thread(target=spin)
    try:
        thread.start()
        started.wait()
        before = ticks[0]
        call()
        during = ticks[0] - before
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)
    return during


def test_split_of_a_million_sentences_does_not_hold_the_gil():
    # 1,000,000 short sentences (7 MB).
    text = "Ab cd. " * 1_000_000
    out = []
    during = ticks_during(lambda: out.append(ura.split(text, "en")))
    assert len(out[0]) == 1_000_000
    assert during >= 10, during


def test_align_and_align_many_do_not_hold_the_gil():
    # 20,000 sentences a side: as large as keeps the test at a few
    # seconds (a 1M-sentence alignment takes minutes).
    src = [f"Sentence number {k} is here." for k in range(20_000)]
    tgt = [f"Fjalia numër {k} është këtu." for k in range(20_000)]
    out = []
    assert ticks_during(lambda: out.append(ura.align(src, tgt, "en", "sq"))) >= 10
    assert len(out[0].beads) == 20_000
    pairs = [(src[k : k + 500], tgt[k : k + 500]) for k in range(0, 20_000, 500)]
    assert ticks_during(lambda: out.append(ura.align_many(pairs, src_lang="en", tgt_lang="sq"))) >= 10
    assert [len(a.beads) for a in out[1]] == [500] * 40
