"""`ray`: the same workers as Ray actors, on a cluster that may span many machines.

Each actor is a `GroupWorker`: the model loads once per actor, and every batch an actor is given reuses it
(the embedding cache is each node's own SQLite file). Where the cluster has GPUs each actor takes its share
of them, and an embedder that can use CUDA does. `--address auto` or `ray://HOST:PORT` joins a running
cluster; without an address a local cluster of `--workers` CPUs is started for the run and stopped after it.
Document paths are the building machine's: on a cluster of several machines they must be on a file system
every node mounts at the same place (as Ray's own readers expect).

Batches go to idle actors, two in flight per actor, and their outcomes come back to the building process,
which writes every checkpoint and the corpus: a node or the whole cluster going away costs at most the
batches in flight. An actor that dies while the cluster lives (a crash in a native reader, the OOM killer) is
replaced, and the groups it had in flight run again one at a time on an actor with nothing else to do: a group
that kills its actor then fails alone, and only deaths on several groups in a row stop the run, as on the
local engine. Ray's other errors (the cluster gone, the connection to it lost) stop the run with one message;
a rerun resumes from the finished groups.

Ray is an optional extra (`pip install tilmash[ray]`); nothing imports it before this engine starts.
"""
from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterable, Iterator
from typing import Any

from ..pipeline import GroupOutcome, GroupTask, GroupWorker
from .base import Engine, EngineLost, Suspects, register

IN_FLIGHT = 2  # batches per actor: one running, one waiting, so an actor never idles between batches
WAIT_SECONDS = 10.0  # how often a wait for results checks that the cluster is still there


@register
class RayEngine(Engine):
    name = "ray"
    description = "Ray actors on a local or remote Ray cluster"
    worker: type = GroupWorker  # what each actor is

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
        self._gcs = ray.get_runtime_context().gcs_address
        resources = ray.cluster_resources()
        cpus, gpus = int(resources.get("CPU", 1)), float(resources.get("GPU", 0))
        count = max(1, self.workers or cpus)
        share = gpus / count if gpus else 0
        self._actor: Any = ray.remote(num_cpus=1, num_gpus=share, max_restarts=0)(self.worker)
        self._actors = [self._new_actor() for _ in range(count)]
        return {"engine": self.name, "workers": count, "address": self.address or "local cluster",
                "cluster_cpus": cpus, "cluster_gpus": gpus, "gpus_per_worker": share}

    def _new_actor(self) -> Any:
        settings = self.settings
        return self._actor.remote(settings.method, settings.embedder, settings.levels, 1)

    def map(self, batches: Iterable[list[GroupTask]]) -> Iterator[list[GroupOutcome]]:
        ray = self._ray
        queue: Iterator[list[GroupTask] | None] = iter(batches)
        running: dict[Any, tuple[Any, list[GroupTask]]] = {}  # object ref -> its actor and batch
        load = {id(actor): 0 for actor in self._actors}
        suspects = Suspects("Ray worker process")
        alone: set[int] = set()  # actors running one suspect, given nothing else
        try:
            while True:
                for actor in self._actors:
                    while load[id(actor)] < IN_FLIGHT and id(actor) not in alone:
                        suspect = bool(suspects)
                        if suspect and load[id(actor)]:
                            break  # a suspect waits for an actor with nothing else in flight
                        batch = [suspects.queue.popleft()] if suspect else next(queue, None)
                        if batch is None:
                            break
                        if suspect:
                            alone.add(id(actor))
                        running[actor.run.remote(batch)] = (actor, batch)
                        load[id(actor)] += 1
                if not running:
                    return
                ready, _ = ray.wait(list(running), num_returns=1, timeout=WAIT_SECONDS)
                if not ready:
                    self._check_alive()
                    continue
                for ref in ready:
                    actor, batch = running.pop(ref)
                    load[id(actor)] -= 1
                    was_alone = id(actor) in alone
                    alone.discard(id(actor))
                    try:
                        outcomes = ray.get(ref)
                    except ray.exceptions.RayActorError as exc:
                        self._check_alive(exc)  # the whole cluster gone is not one group's fault
                        self._replace(actor, load)
                        failed = suspects.died(batch, _how_it_died(exc), was_alone)
                        if failed:
                            yield failed
                        continue
                    suspects.survived(was_alone)
                    yield outcomes
        except ray.exceptions.RayError as exc:
            raise EngineLost(self._lost(exc)) from None
        except OSError as exc:  # the core worker's socket to a dead cluster: a bare OSError, not ConnectionError
            raise EngineLost(self._lost(exc)) from None

    def _head_reachable(self) -> bool:
        """Whether the cluster's head still listens on its port."""
        host, _, port = self._gcs.rpartition(":")
        try:
            with socket.create_connection((host, int(port)), timeout=2.0):
                return True
        except (OSError, ValueError):
            return False

    def _replace(self, dead: Any, load: dict[int, int]) -> None:
        """A fresh actor in the dead one's place, once: its other batches in flight fail too and land here."""
        for n, actor in enumerate(self._actors):
            if actor is dead:
                self._ray.kill(dead, no_restart=True)
                self._actors[n] = self._new_actor()
                load[id(self._actors[n])] = 0

    def _check_alive(self, reason: object = "no node of the cluster is alive") -> None:
        """Stop the run when the cluster is gone: its head no longer listens (asked of its socket, since a Ray call
        to a dead head blocks for a minute and then ends this process), or none of its nodes is alive (a cluster
        whose nodes are all gone answers no wait)."""
        if not self._head_reachable() or not any(node.get("Alive") for node in self._ray.nodes()):
            raise EngineLost(self._lost(reason))

    def _lost(self, reason: object) -> str:
        return (f"the Ray cluster ({self.address or 'local'}) went away mid-run: {_first_line(reason)}; finished"
                " groups are kept: run the same command again to resume")

    def close(self) -> None:
        ray = getattr(self, "_ray", None)
        if ray is not None and ray.is_initialized():
            try:
                ray.shutdown()
            except (OSError, ray.exceptions.RayError):
                pass  # a cluster that went away has nothing left to release; the error that says so is raised


def _first_line(reason: object) -> str:
    """What a Ray error says first (its text runs to a page of advice), or its type."""
    text = str(reason).strip()
    return text.splitlines()[0] if text else type(reason).__name__


def _how_it_died(exc: Exception) -> str:
    """What Ray says of a dead actor's worker, in a few words: its exit type and the first sentence of its detail."""
    text = str(exc)
    kind, detail = re.search(r"exit type: (\w+)", text), re.search(r"exit detail: ([^.]*)", text)
    if kind is None:
        return _first_line(exc)
    return f"exit type {kind.group(1)}" + (f": {detail.group(1).strip()}" if detail else "")
