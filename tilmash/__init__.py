"""tilmash: the application layer that wires corpus, align, glossaries and eval together.

`Session` (tilmash.session) is the one analysis of a document set every command
shares; `run`, `export_set`, `score_set` and `make_report` are the functions
behind `tilmash run`, `export`, `score` and `report`.
"""
from corpus.signature import tilmash_version

__version__ = tilmash_version()  # from the package metadata; pyproject.toml is the one place it is written
