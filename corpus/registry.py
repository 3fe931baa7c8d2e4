"""Named plug-in families: quality checks, exporters, embedders, aligners, file formats, MT engines.

A family is a `Registry`: members register under a name, the command line
offers and validates exactly the registered names, and a user extends a
family without editing tilmash, either by importing a module that registers
a member or through a Python entry point in the family's group
(`[project.entry-points."tilmash.checks"]`). `discover` imports every module
of a package, so that adding a member to a family is adding one file.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from types import ModuleType
from typing import Generic, TypeVar

T = TypeVar("T")


class UnknownMember(ValueError):
    """A name no member of the family has: the message lists the names that exist."""


class Registry(Generic[T]):
    def __init__(self, family: str, entry_point_group: str | None = None) -> None:
        self.family = family
        self.group = entry_point_group
        self._members: dict[str, T] = {}
        self._loaded_entry_points = entry_point_group is None

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator form of `add`, for a class or function defined in the member's module."""
        def decorate(member: T) -> T:
            self.add(name, member)
            return member
        return decorate

    def add(self, name: str, member: T) -> None:
        existing = self._members.get(name)
        if existing is not None and existing is not member:
            raise ValueError(f"two {self.family} members are both called {name!r}")
        self._members[name] = member

    def _load_entry_points(self) -> None:
        if self._loaded_entry_points:
            return
        self._loaded_entry_points = True
        for point in entry_points(group=self.group or ""):
            if point.name not in self._members:
                self.add(point.name, point.load())

    def get(self, name: str) -> T:
        self._load_entry_points()
        try:
            return self._members[name]
        except KeyError:
            raise UnknownMember(f"unknown {self.family} {name!r}; choose from {', '.join(self.names())}") from None

    def names(self) -> list[str]:
        """Registered names in registration order (the order the family's modules define)."""
        self._load_entry_points()
        return list(self._members)

    def items(self) -> list[tuple[str, T]]:
        self._load_entry_points()
        return list(self._members.items())

    def __contains__(self, name: object) -> bool:
        self._load_entry_points()
        return name in self._members

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())


def discover(package: ModuleType) -> list[ModuleType]:
    """Import every module of `package` (not its sub-packages' contents), in name order, so that each
    registers its members; returns them."""
    return [importlib.import_module(f"{package.__name__}.{info.name}")
            for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name)
            if not info.name.startswith("_")]
