"""Progress of a build on stderr: groups done of all, rows, rate and time left.

A line every few seconds whether or not stderr is a terminal (a log file of a day-long run shows it is alive);
on a terminal each line replaces the last. `--quiet` turns it off.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Progress:
    def __init__(self, total: int, enabled: bool = True, interval: float = 5.0, stream: TextIO | None = None) -> None:
        self.total, self.enabled, self.interval = total, enabled, interval
        self.stream = stream or sys.stderr
        self.done = self.failed = self.rows = 0
        self.start = self.last = time.monotonic()
        self.tty = self.enabled and self.stream.isatty()

    def update(self, done: int = 0, failed: int = 0, rows: int = 0) -> None:
        self.done += done
        self.failed += failed
        self.rows += rows
        now = time.monotonic()
        if self.enabled and now - self.last >= self.interval:
            self.last = now
            self._emit(now)

    def line(self, now: float) -> str:
        finished = self.done + self.failed
        elapsed = max(now - self.start, 1e-9)
        rate = finished / elapsed
        left = f", ETA {_duration((self.total - finished) / rate)}" if rate > 0 and finished < self.total else ""
        failed = f" ({self.failed} failed)" if self.failed else ""
        return (f"corpus: {finished}/{self.total} groups{failed}, {self.rows:,} rows, {rate:.2f} groups/s"
                f"{left}, {_duration(elapsed)} elapsed")

    def _emit(self, now: float) -> None:
        text = self.line(now)
        self.stream.write(f"\r{text}\x1b[K" if self.tty else text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.total:
            self._emit(time.monotonic())
            if self.tty:
                self.stream.write("\n")

    def say(self, text: str) -> None:
        if self.enabled:
            self.stream.write(("\n" if self.tty else "") + text + "\n")
            self.stream.flush()
