"""An output directory that appears whole or not at all.

Everything a command writes goes to a hidden sibling directory first; only
when every file is written is it renamed into place. A crash, a bad input
discovered halfway or a full disk leaves the previous output untouched. An
existing target is only ever replaced when it is an earlier output (it holds
the marker file) or empty: never a directory of someone's data.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus.errors import InputError
from corpus.textio import current_umask


def check_replaceable(target: Path, marker: str, protected: list[Path]) -> None:
    """Refuse a target that is a file, is or holds a protected path (the inputs), or is not an earlier output."""
    resolved = target.resolve()
    for path in protected:
        path = path.resolve()
        if resolved == path or resolved in path.parents:
            raise InputError(target, f"refusing to replace a directory that holds the input {path}")
    if target.exists():
        if not target.is_dir():
            raise InputError(target, "exists and is not a directory")
        if any(target.iterdir()) and not (target / marker).is_file():
            raise InputError(target, f"refusing to replace a directory that is not an earlier output (no {marker})")


@contextmanager
def staged_directory(target: str | Path) -> Iterator[Path]:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    staging.chmod(0o777 & ~current_umask())
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
