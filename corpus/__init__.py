"""Documents and everything the other packages share: the model, document sets, alignments as data, findings,
signatures, plug-in registries, readers, segmentation and the parallel-corpus exporters.

    docset = corpus.load_set("corpus/astana-2025")
    source = docset.source()                      # a Document: paragraphs as Segments with stable ids
    doc = corpus.read_document("en.txt", "en")    # any document file
"""
from .alignment import Alignment, Link, coverage_problem
from .docset import DocumentSet, FileEntry, load_set, record_files, system_name
from .errors import InputError
from .export import EXPORTERS, Corpus, Exporter, export_formats, write_corpus
from .findings import TermFinding
from .model import Document, Segment, make_document
from .reader import format_paragraphs, read_document
from .registry import Registry, UnknownMember, discover
from .rows import Row, build_rows, row_text
from .segmenter import join_segments, split_sentences
from .signature import Signature, short_hash, tilmash_version
from .textio import atomic_write_text, read_text

__all__ = ["EXPORTERS", "Alignment", "Corpus", "Document", "DocumentSet", "Exporter", "FileEntry", "InputError",
           "Link", "Registry", "Row", "Segment", "Signature", "TermFinding", "UnknownMember", "atomic_write_text",
           "build_rows", "coverage_problem", "discover", "export_formats", "format_paragraphs", "join_segments",
           "load_set", "make_document", "read_document", "read_text", "record_files", "row_text", "short_hash",
           "split_sentences", "system_name", "tilmash_version", "write_corpus"]
