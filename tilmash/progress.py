"""Progress bars on stderr (the one implementation lives in `corpus.progress`, where every package can use it)."""
from corpus.progress import progress

__all__ = ["progress"]
