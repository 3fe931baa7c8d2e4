"""Machine translation of documents: engines, constrained decoding, the translation cache."""
from .cache import TranslationCache
from .constraints import TermSpec
from .document import Translation, TranslationStats, translate_document
from .engine import DecodeSettings, Engine, HFEngine, load_engine

__all__ = ["DecodeSettings", "Engine", "HFEngine", "TermSpec", "Translation", "TranslationCache",
           "TranslationStats", "load_engine", "translate_document"]
