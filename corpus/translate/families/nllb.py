"""NLLB-200: language tokens such as `kaz_Cyrl` in a BPE vocabulary, on M2M100 weights."""
from __future__ import annotations

import re
from typing import Any

from ..languages import NLLB
from .base import FAMILIES, ManyToMany

_CODE = re.compile(r"[a-z]{3}_[A-Z][a-z]{3}")


@FAMILIES.register("nllb")
class Nllb(ManyToMany):
    name = "nllb"
    title = "NLLB-200"

    @classmethod
    def recognises(cls, model_type: str, tokenizer: Any) -> bool:
        # its config says m2m_100 like M2M100's; the vocabulary's language codes tell them apart
        vocab = tokenizer.get_vocab()
        return "eng_Latn" in vocab and "rus_Cyrl" in vocab

    def code(self, lang: str) -> str:
        return NLLB[lang]

    def lang_token_id(self, lang: str) -> int | None:
        found = self.tokenizer.convert_tokens_to_ids(self.code(lang))
        return None if found is None or found == self.tokenizer.unk_token_id else found

    def language_token_ids(self) -> set[int]:
        return {i for token, i in self.tokenizer.get_vocab().items() if _CODE.fullmatch(token)}
