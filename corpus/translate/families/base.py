"""What differs between kinds of seq2seq translation model: how one is recognised and told its languages.

NLLB-200 and M2M100 are many-to-many: the source language is set on the
tokenizer and the target chosen by forcing the first decoder token to the
target's language token. Marian opus-mt models are mostly one pair each, and
the multi-target ones read a `>>xxx<<` token at the start of the source. The
engine (corpus/translate/engine.py) stays the same for all of them and asks its
family only these questions.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, ClassVar

from corpus.errors import InputError
from corpus.registry import Registry
from corpus.script import LANGUAGE_NAMES as NAMES


class ModelFamily(ABC):
    """One kind of translation model, bound to a loaded model's tokenizer.

    `names` is what the user called the model (directory name and config
    path): some families read their language pair from it.
    """

    name: ClassVar[str]  # the registry key, also recorded in meta.toml ("hf (marian)")
    title: ClassVar[str]  # for messages: "NLLB-200"

    def __init__(self, tokenizer: Any, path: Path, names: str) -> None:
        self.tokenizer = tokenizer
        self.path = path
        self.names = names

    @classmethod
    @abstractmethod
    def recognises(cls, model_type: str, tokenizer: Any) -> bool:
        """Whether a model of this config `model_type` with this tokenizer belongs to the family."""

    @abstractmethod
    def language_token_ids(self) -> set[int]:
        """Ids of the tokens that name languages: never text, so never generated as text nor shown."""

    @abstractmethod
    def check_pair(self, src: str, tgt: str) -> None:
        """Raise InputError when the model cannot translate `src` into `tgt`."""

    @abstractmethod
    def prepare(self, src: str, tgt: str) -> tuple[str, int | None]:
        """Select the languages for the next batch: (text prefix of every source, forced BOS id)."""

    def set_source(self, src: str) -> None:
        """Tell the tokenizer the source language before source text is counted or encoded."""


class ManyToMany(ModelFamily):
    """One model for many languages, each named by a language token of the vocabulary."""

    @abstractmethod
    def code(self, lang: str) -> str:
        """The family's code for one of our languages."""

    @abstractmethod
    def lang_token_id(self, lang: str) -> int | None:
        """The id of the language token for `lang`, or None where this model lacks the language."""

    def check_pair(self, src: str, tgt: str) -> None:
        for lang in (src, tgt):
            if self.lang_token_id(lang) is None:
                raise InputError(self.path, f"this {self.title} model lacks the language {NAMES[lang]}"
                                            f" ({self.code(lang)})")

    def set_source(self, src: str) -> None:
        self.tokenizer.src_lang = self.code(src)

    def prepare(self, src: str, tgt: str) -> tuple[str, int | None]:
        self.set_source(src)
        self.tokenizer.tgt_lang = self.code(tgt)
        return "", self.lang_token_id(tgt)


FAMILIES: Registry[type[ModelFamily]] = Registry("MT model family", "tilmash.mt_families")
