"""`local`: a pool of worker processes on this machine, each with its own model and a share of the cores.

With one worker the groups are aligned in the building process itself (no pool to start, nothing to copy).
Workers are spawned, not forked: the building process has already loaded the embedder (its id keys the
checkpoints), and a fork of a process whose OpenMP threads are running can hang.

A worker process that dies (the kernel's OOM killer, a crash in a native reader, a stray SIGKILL) takes every
batch in flight with it, and a pool that lost a process cannot be used again. The pool is then started anew and
the groups that were in flight are run again one at a time, alone in the pool: a group that kills its worker
while alone is the one that did it and fails alone, with that in the manifest, while the others carry on. Only
when workers die on several groups in a row (the machine, not the input) does the run stop.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import connection
from typing import Any

from ..pipeline import GroupOutcome, GroupTask, GroupWorker
from .base import Engine, Suspects, WorkerSettings, register

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
    job: Callable[[list[GroupTask]], list[GroupOutcome]] = staticmethod(_run)  # what a pool process runs per batch

    def start(self) -> dict[str, Any]:
        cores = os.cpu_count() or 1
        self.count = max(1, self.workers or cores)
        self._threads = max(1, cores // self.count)
        self._pool: ProcessPoolExecutor | None = None
        if self.count == 1:
            self._inline: GroupWorker | None = GroupWorker(self.settings.method, self.settings.embedder,
                                                           self.settings.levels)
        else:
            self._inline = None
            self._pool = self._new_pool()
        return {"engine": self.name, "workers": self.count,
                "threads_per_worker": self._threads if self.count > 1 else cores}

    def _new_pool(self) -> ProcessPoolExecutor:
        self._seen: dict[int, Any] = {}  # pid -> the pool's process objects
        return ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start, initargs=(self.settings, self._threads))

    def map(self, batches: Iterable[list[GroupTask]]) -> Iterator[list[GroupOutcome]]:
        if self._inline is not None:
            for each in batches:
                yield self._inline.run(each)
            return
        queue = iter(batches)
        unsent: deque[list[GroupTask]] = deque()  # refused by a pool that had just broken: never started
        pending: dict[Future, list[GroupTask]] = {}
        suspects = Suspects("worker process")
        while True:
            alone = bool(suspects)
            broken = False
            while not broken and len(pending) < (1 if alone else 2 * self.count):
                batch = [suspects.queue.popleft()] if alone else unsent.popleft() if unsent else next(queue, [])
                if not batch:
                    break
                try:
                    pending[self._submit(batch)] = batch
                except BrokenProcessPool:
                    if alone:
                        suspects.queue.appendleft(batch[0])
                    else:
                        unsent.appendleft(batch)
                    broken = True
            if not pending and not broken:
                return
            if not broken:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    del pending[future]
                    suspects.survived(alone)
                    yield outcomes
            if not broken:
                continue
            how = self._restart()
            lost = [task for batch in pending.values() for task in batch]
            pending.clear()
            failed = suspects.died(lost, how, alone)
            if failed:
                yield failed

    def _submit(self, batch: list[GroupTask]) -> Future:
        assert self._pool is not None
        future = self._pool.submit(self.job, batch)
        # the pool forgets a dead process as it breaks: keep them all, to say how one died
        self._seen.update(getattr(self._pool, "_processes", None) or {})
        return future

    def _restart(self) -> str:
        """A new pool for a broken one; says how its process died, as far as the pool knows."""
        assert self._pool is not None
        processes = list(self._seen.values())
        # The processes that had ended when the pool broke are the dead ones. A survivor may be blocked writing
        # its result to a pipe nobody reads any more, while the pool waits for it to exit (CPython 3.11): its work
        # is lost with the pool's anyway, so end it. Exit statuses are read only once the pool has joined every
        # process: the pool's own thread may be reaping the dead one at this very moment, and until it is done
        # the status reads as unknown here.
        ended = set(connection.wait([p.sentinel for p in processes], timeout=0))
        dead = [p for p in processes if p.sentinel in ended]
        for process in processes:
            if process.sentinel not in ended:
                process.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)
        for process in dead:
            process.join()  # reaped by the pool already, as a rule: then at once
        codes = [p.exitcode for p in dead if p.exitcode]
        self._pool = self._new_pool()
        if not codes:
            return "no exit status"
        code = codes[0]
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit status {code}"

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
