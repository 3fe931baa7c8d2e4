"""tilmash: the application layer that wires corpus, align, glossaries and eval together."""
__version__ = "0.1.0"
