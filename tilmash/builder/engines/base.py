"""Where the groups are aligned: a family of engines (`local`, `ray`) behind one interface and a registry.

An engine is given batches of groups and hands back each batch's outcomes as it finishes; the builder alone
writes checkpoints and the corpus, so engines differ only in where `GroupWorker.run` executes, and every engine
gives the same files. An engine keeps a bounded number of batches in flight, so neither memory nor a lost
cluster ever costs more than those.
"""
from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from corpus.registry import Registry

from ..pipeline import GroupOutcome, GroupTask


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker needs to be made: the alignment method, embedder spec and levels."""
    method: str
    embedder: str
    levels: tuple[str, ...]


DEATHS_IN_A_ROW = 3  # groups that each killed their worker, one after another, before the run stops


class EngineLost(RuntimeError):
    """The engine cannot go on (a worker process died, the cluster went away): the run stops, its finished
    groups are kept, and a rerun resumes."""


class Suspects:
    """The groups that were in flight when a worker died, each to be run again alone. A group that kills its worker
    while alone is the one that did it and fails alone; deaths on several such groups in a row are the machine's
    fault, not an input's, and stop the run. Shared by the engines so that they say the same things."""

    def __init__(self, worker: str) -> None:
        self.worker = worker  # "worker process", "Ray worker process"
        self.queue: deque[GroupTask] = deque()
        self.deaths = 0  # suspects in a row that killed their worker

    def __bool__(self) -> bool:
        return bool(self.queue)

    def died(self, tasks: list[GroupTask], how: str, alone: bool) -> list[GroupOutcome]:
        """A worker died running `tasks`: requeued one by one, or, for a suspect run alone, its failed outcome."""
        if not alone or not tasks:
            self.queue.extend(tasks)
            print(f"corpus: a {self.worker} died ({how}); its {len(tasks)} groups in flight are run again, one at"
                  " a time", file=sys.stderr)
            return []
        self.deaths += 1
        if self.deaths >= DEATHS_IN_A_ROW:
            raise EngineLost(f"{self.worker}es died ({how}) on {self.deaths} groups in a row; finished groups are"
                             " kept: see that the machine has the memory they need, then run the same command"
                             " again to resume")
        print(f"corpus: {tasks[0].spec.id} killed its {self.worker} ({how}) again: it fails alone", file=sys.stderr)
        return [GroupOutcome(task.index, task.key, "failed",
                             error=f"the {self.worker} died ({how}) while aligning this group") for task in tasks]

    def survived(self, alone: bool) -> None:
        if alone:
            self.deaths = 0


class Engine:
    name: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, settings: WorkerSettings, workers: int | None = None, address: str | None = None) -> None:
        self.settings, self.workers, self.address = settings, workers, address

    def start(self) -> dict[str, Any]:
        """Start the workers; returns what the manifest records about them (engine, workers, devices)."""
        raise NotImplementedError

    def map(self, batches: Iterable[list[GroupTask]]) -> Iterator[list[GroupOutcome]]:
        """Each batch's outcomes, as batches finish (not necessarily in order)."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop what `start` started."""


ENGINES: Registry[type[Engine]] = Registry("corpus engine", "tilmash.corpus_engines")


def register(cls: type[Engine]) -> type[Engine]:
    ENGINES.add(cls.name, cls)
    return cls
