"""M2M100 (and its WMT21 variant): `__kk__`-style language tokens listed by the tokenizer."""
from __future__ import annotations

from typing import Any

from ..languages import M2M100
from .base import FAMILIES, ManyToMany


@FAMILIES.register("m2m100")
class M2m100(ManyToMany):
    name = "m2m100"
    title = "M2M100"

    @classmethod
    def recognises(cls, model_type: str, tokenizer: Any) -> bool:
        # a table of ISO 639-1 codes (NLLB's codes are eng_Latn-style tokens of the vocabulary)
        return M2M100["en"] in getattr(tokenizer, "lang_code_to_id", {})

    def code(self, lang: str) -> str:
        return M2M100[lang]

    def lang_token_id(self, lang: str) -> int | None:
        found: int | None = self.tokenizer.lang_code_to_id.get(self.code(lang))
        return found

    def language_token_ids(self) -> set[int]:
        return set(self.tokenizer.lang_code_to_id.values())
