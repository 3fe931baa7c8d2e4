"""The workbench's one background thread: it runs the checks a save leaves pending.

A save answers before the similarity check (the embedding model takes far
longer than the rest of a save, and more so with several reviewers at once),
so that check runs here, one batch at a time, with every edit waiting in the
batch. The thread is woken by each save and once when it starts, which picks
up what a crash left pending. A wake waits for the saves to settle (`settle`
seconds without another, at most `patience`), so a burst of saves is checked
in one batch instead of the model competing with every request for the CPU;
for the same reason the thread runs at a lower scheduling priority where the
system allows. Should a batch fail, the checks stay pending in the store and
the next wake tries them again.
"""
from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from collections.abc import Callable


class Worker:
    """Calls `run_batch` (which returns how many jobs it took) until it returns 0, on every wake."""

    def __init__(self, run_batch: Callable[[], int], settle: float = 0.1, patience: float = 1.0) -> None:
        self.run_batch = run_batch
        self.settle, self.patience = settle, patience
        self._wake = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._stopping = False
            self._thread = threading.Thread(target=self._loop, name="tilmash-review-checks", daemon=True)
            self._thread.start()
            self.wake()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30) -> None:
        """Finish the batch under way and end the thread; what is still pending waits for the next start."""
        if self._thread is not None:
            self._stopping = True
            self._wake.set()
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        try:  # Linux: a thread's own nice value; the model's OpenMP threads it starts inherit it
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (AttributeError, OSError):
            pass
        while not self._stopping:
            self._wake.wait()
            until = time.monotonic() + self.patience
            while not self._stopping:
                self._wake.clear()
                left = until - time.monotonic()
                if left <= 0 or not self._wake.wait(min(self.settle, left)):
                    break
            try:
                while not self._stopping and self.run_batch():
                    pass
            except Exception:  # keep serving: the checks stay pending and are retried on the next wake
                print("tilmash review: background check failed; will retry on the next save\n"
                      + traceback.format_exc(), file=sys.stderr)
