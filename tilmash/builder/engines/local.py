"""`local`: a pool of worker processes on this machine, each with its own model and a share of the cores.

With one worker the groups are aligned in the building process itself (no pool to start, nothing to copy).
Workers are spawned, not forked: the building process has already loaded the embedder (its id keys the
checkpoints), and a fork of a process whose OpenMP threads are running can hang.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..pipeline import GroupOutcome, GroupTask, GroupWorker
from .base import Engine, EngineLost, WorkerSettings, register

_worker: GroupWorker | None = None  # the pool process's own worker, made once by `_start`


def _start(settings: WorkerSettings, threads: int) -> None:
    global _worker
    _worker = GroupWorker(settings.method, settings.embedder, settings.levels, threads)


def _run(batch: list[GroupTask]) -> list[GroupOutcome]:
    assert _worker is not None
    return _worker.run(batch)


@register
class LocalEngine(Engine):
    name = "local"
    description = "a process pool on this machine"

    def start(self) -> dict[str, Any]:
        cores = os.cpu_count() or 1
        self.count = max(1, self.workers or cores)
        threads = max(1, cores // self.count)
        if self.count == 1:
            self._inline: GroupWorker | None = GroupWorker(self.settings.method, self.settings.embedder,
                                                           self.settings.levels)
            self._pool: ProcessPoolExecutor | None = None
        else:
            self._inline = None
            self._pool = ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_start, initargs=(self.settings, threads))
        return {"engine": self.name, "workers": self.count, "threads_per_worker": threads if self.count > 1 else cores}

    def map(self, batches: Iterable[list[GroupTask]]) -> Iterator[list[GroupOutcome]]:
        if self._inline is not None:
            for batch in batches:
                yield self._inline.run(batch)
            return
        assert self._pool is not None
        pending: set[Future] = set()
        queue: Iterator[list[GroupTask] | None] = iter(batches)
        try:
            while True:
                while len(pending) < 2 * self.count:
                    waiting = next(queue, None)
                    if waiting is None:
                        break
                    pending.add(self._pool.submit(_run, waiting))
                if not pending:
                    return
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        except BrokenProcessPool as exc:
            raise EngineLost(f"a worker process died ({exc}); finished groups are kept: run the same command"
                             " again to resume") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
