"""Marian opus-mt: one pair per model (from the tokenizer config or the name), or `>>xxx<<` target tokens."""
from __future__ import annotations

from typing import Any

from corpus.errors import InputError
from corpus.languages import same_language
from corpus.script import LANGUAGE_NAMES as NAMES

from ..languages import MARIAN, marian_lang, marian_pair_from_name, marian_target_token
from .base import FAMILIES, ModelFamily


@FAMILIES.register("marian")
class Marian(ModelFamily):
    name = "marian"
    title = "Marian (opus-mt)"

    @classmethod
    def recognises(cls, model_type: str, tokenizer: Any) -> bool:
        return model_type == "marian"

    def _codes(self) -> list[str]:
        return list(getattr(self.tokenizer, "supported_language_codes", []))

    def pair(self) -> tuple[str | None, str | None]:
        """(source, target) this model translates, from its tokenizer config, else from its name."""
        tok = self.tokenizer
        src, tgt = marian_lang(getattr(tok, "source_lang", None)), marian_lang(getattr(tok, "target_lang", None))
        if src and tgt:
            return src, tgt
        name_src, name_tgt = marian_pair_from_name(self.names)
        return src or name_src, tgt or name_tgt

    def language_token_ids(self) -> set[int]:
        vocab = self.tokenizer.get_vocab()
        return {vocab[c] for c in self._codes() if c in vocab}

    def check_pair(self, src: str, tgt: str) -> None:
        codes = self._codes()
        pair_src, pair_tgt = self.pair()
        if codes:
            if marian_target_token(tgt, codes) is None:
                raise InputError(self.path, f"this Marian model has no target token for {NAMES[tgt]}"
                                            f" (tried {', '.join(MARIAN[tgt])})")
        elif pair_tgt is None:
            raise InputError(self.path, "cannot tell which language pair this Marian model translates: name the"
                                        " directory opus-mt-SRC-TGT or set source_lang/target_lang in"
                                        " tokenizer_config.json")
        elif not same_language(pair_tgt, tgt):
            raise InputError(self.path, f"this Marian model translates into {NAMES[pair_tgt]} ({pair_tgt}),"
                                        f" not {NAMES[tgt]} ({tgt}); use one model per pair")
        if pair_src is not None and not same_language(pair_src, src):
            raise InputError(self.path, f"this Marian model translates from {NAMES[pair_src]} ({pair_src}),"
                                        f" not {NAMES[src]} ({src})")

    def prepare(self, src: str, tgt: str) -> tuple[str, int | None]:
        token = marian_target_token(tgt, self._codes())
        return (f"{token} " if token else ""), None
