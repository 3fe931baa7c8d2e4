"""Term bases (model, TSV and TBX I/O), term matching, terminology checks and enforcement."""
from .model import Concept, TermBase, Terms
from .tbx import read_tbx, write_tbx
from .tsv import read_tsv, write_tsv


def read_termbase(path) -> TermBase:
    """TSV or TBX, by extension."""
    return read_tbx(path) if str(path).lower().endswith((".tbx", ".xml")) else read_tsv(path)


__all__ = ["Concept", "TermBase", "Terms", "read_tsv", "write_tsv", "read_tbx", "write_tbx", "read_termbase"]
