"""Where the groups are aligned: a family of engines (`local`, `ray`) behind one interface and a registry.

An engine is given batches of groups and hands back each batch's outcomes as it finishes; the builder alone
writes checkpoints and the corpus, so engines differ only in where `GroupWorker.run` executes, and every engine
gives the same files. An engine keeps a bounded number of batches in flight, so neither memory nor a lost
cluster ever costs more than those.
"""
from __future__ import annotations

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
