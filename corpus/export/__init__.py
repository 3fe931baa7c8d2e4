"""Parallel-corpus exporters: TMX 1.4b, TSV per pair, JSONL, Moses plain text."""
from .jsonl import export_jsonl
from .moses import export_moses
from .tmx import export_tmx
from .tsv import export_tsv

__all__ = ["export_tmx", "export_tsv", "export_jsonl", "export_moses"]
