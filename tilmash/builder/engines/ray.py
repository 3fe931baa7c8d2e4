"""`ray`: the same workers as Ray actors, on a cluster that may span many machines.

Each actor is a `GroupWorker`: the model loads once per actor, and every batch an actor is given reuses it
(the embedding cache is each node's own SQLite file). Where the cluster has GPUs each actor takes its share
of them, and an embedder that can use CUDA does. `--address auto` or `ray://HOST:PORT` joins a running
cluster; without an address a local cluster of `--workers` CPUs is started for the run and stopped after it.
Document paths are the building machine's: on a cluster of several machines they must be on a file system
every node mounts at the same place (as Ray's own readers expect).

Batches go to idle actors, two in flight per actor, and their outcomes come back to the building process,
which writes every checkpoint and the corpus: a node or the whole cluster going away costs at most the
batches in flight. Ray's own errors (an actor or node lost, the connection to the cluster gone) stop the run
with one message; a rerun resumes from the finished groups.

Ray is an optional extra (`pip install tilmash[ray]`); nothing imports it before this engine starts.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from ..pipeline import GroupOutcome, GroupTask, GroupWorker
from .base import Engine, EngineLost, register

IN_FLIGHT = 2  # batches per actor: one running, one waiting, so an actor never idles between batches
WAIT_SECONDS = 10.0  # how often a wait for results checks that the cluster is still there


@register
class RayEngine(Engine):
    name = "ray"
    description = "Ray actors on a local or remote Ray cluster"

    def start(self) -> dict[str, Any]:
        try:
            import ray
        except ImportError:
            raise EngineLost("the ray engine needs Ray: pip install 'tilmash[ray]'") from None
        self._ray = ray
        env = {name: os.environ[name] for name in ("TILMASH_CACHE_DIR",) if name in os.environ}
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": "WARNING",
                                   "runtime_env": {"env_vars": env} if env else None}
        self._started_cluster = self.address is None
        try:
            if self.address is None:
                ray.init(num_cpus=self.workers or os.cpu_count() or 1, **options)
            else:
                ray.init(address=self.address, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise EngineLost(f"cannot join the Ray cluster at {self.address}: {exc}") from None
        resources = ray.cluster_resources()
        cpus, gpus = int(resources.get("CPU", 1)), float(resources.get("GPU", 0))
        count = max(1, self.workers or cpus)
        share = gpus / count if gpus else 0
        actor = ray.remote(num_cpus=1, num_gpus=share, max_restarts=0)(GroupWorker)
        settings = self.settings
        self._actors = [actor.remote(settings.method, settings.embedder, settings.levels, 1) for _ in range(count)]
        return {"engine": self.name, "workers": count, "address": self.address or "local cluster",
                "cluster_cpus": cpus, "cluster_gpus": gpus, "gpus_per_worker": share}

    def map(self, batches: Iterable[list[GroupTask]]) -> Iterator[list[GroupOutcome]]:
        ray = self._ray
        queue: Iterator[list[GroupTask] | None] = iter(batches)
        running: dict[Any, Any] = {}  # object ref -> actor
        load = {id(actor): 0 for actor in self._actors}
        try:
            while True:
                for actor in self._actors:
                    while load[id(actor)] < IN_FLIGHT:
                        batch = next(queue, None)
                        if batch is None:
                            break
                        running[actor.run.remote(batch)] = actor  # type: ignore[attr-defined]
                        load[id(actor)] += 1
                if not running:
                    return
                ready, _ = ray.wait(list(running), num_returns=1, timeout=WAIT_SECONDS)
                if not ready:
                    self._check_alive()
                    continue
                for ref in ready:
                    actor = running.pop(ref)
                    load[id(actor)] -= 1
                    yield ray.get(ref)
        except ray.exceptions.RayError as exc:
            raise EngineLost(self._lost(exc)) from None
        except OSError as exc:  # the core worker's socket to a dead cluster: a bare OSError, not ConnectionError
            raise EngineLost(self._lost(exc)) from None

    def _check_alive(self) -> None:
        """A cluster whose nodes are all gone answers no wait; notice it instead of waiting for ever."""
        alive = [node for node in self._ray.nodes() if node.get("Alive")]
        if not alive:
            raise EngineLost(self._lost("no node of the cluster is alive"))

    def _lost(self, reason: object) -> str:
        first = str(reason).strip().splitlines()[0] if str(reason).strip() else type(reason).__name__
        return (f"the Ray cluster ({self.address or 'local'}) went away mid-run: {first}; finished groups are kept:"
                " run the same command again to resume")

    def close(self) -> None:
        ray = getattr(self, "_ray", None)
        if ray is not None and ray.is_initialized():
            try:
                ray.shutdown()
            except (OSError, ray.exceptions.RayError):
                pass  # a cluster that went away has nothing left to release; the error that says so is raised
