"""Corpus engines, one module per engine behind `Engine` (see `base`): `local` (a process pool) and `ray`."""
import sys

from corpus.registry import discover

from .base import ENGINES, Engine, EngineLost, WorkerSettings, register

discover(sys.modules[__name__])

__all__ = ["ENGINES", "Engine", "EngineLost", "WorkerSettings", "register"]
