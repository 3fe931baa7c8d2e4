"""The corpus appears as one unit: shards, pair files, stats.md and manifest.json, all old or all new.

Everything is written into OUT_DIR/.work/next/ first. Then a journal listing what is in it is written
atomically (the commit point), and each entry is moved into place, the old one moved aside first. A run killed
before the journal leaves the old corpus whole (the staging directory is removed at the next start); one
killed after it has its moves finished at the next start, so the output is never a mixture of two builds.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from corpus.textio import atomic_write_bytes

from .store import WORK


class Commit:
    def __init__(self, out_dir: Path, owned: tuple[str, ...]) -> None:
        self.out_dir = out_dir
        self.owned = owned  # what a build may have written at the top: an earlier one not in this build goes
        self.work = out_dir / WORK
        self.stage = self.work / "next"
        self.old = self.work / "old"
        self.journal = self.work / "commit.json"

    def begin(self) -> Path:
        """A fresh staging directory, after finishing or discarding what an interrupted run left."""
        self.recover()
        shutil.rmtree(self.stage, ignore_errors=True)
        self.stage.mkdir(parents=True)
        return self.stage

    def finish(self) -> None:
        entries = sorted(p.name for p in self.stage.iterdir())
        atomic_write_bytes(self.journal, (json.dumps(entries) + "\n").encode("utf-8"))
        self.recover()

    def abort(self) -> None:
        """Drop what was staged when a write failed before the commit point (the old corpus stays as it was);
        after it, the next start finishes the moves instead."""
        if not self.journal.is_file():
            shutil.rmtree(self.stage, ignore_errors=True)

    def recover(self) -> None:
        """Complete a committed move (idempotent); without a journal, drop the uncommitted staging."""
        if self.journal.is_file():
            entries = json.loads(self.journal.read_text(encoding="utf-8"))
            self.old.mkdir(parents=True, exist_ok=True)
            for name in self.owned:
                target = self.out_dir / name
                if name not in entries and target.exists():
                    shutil.rmtree(self.old / name, ignore_errors=True)
                    os.replace(target, self.old / name)
            for name in entries:
                staged, target = self.stage / name, self.out_dir / name
                if not staged.exists():
                    continue  # moved already
                if target.exists():
                    shutil.rmtree(self.old / name, ignore_errors=True)
                    os.replace(target, self.old / name)
                os.replace(staged, target)
            self.journal.unlink()
        shutil.rmtree(self.stage, ignore_errors=True)
        shutil.rmtree(self.old, ignore_errors=True)
