from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "corpus" / "astana-2025"


@pytest.fixture(scope="session")
def set_dir() -> Path:
    return SET_DIR


@pytest.fixture
def set_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled set that a test may damage."""
    target = tmp_path / "set"
    shutil.copytree(SET_DIR, target)
    return target
