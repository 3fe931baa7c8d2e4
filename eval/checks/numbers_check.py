"""Numbers: every number of the source must be in the translation, whatever the notation (eval.numbers)."""
from __future__ import annotations

from .. import numbers
from .base import Check, Flag, LinkInput, LinkQuality, enumerated, register


@register
class Numbers(Check):
    name = "numbers"
    detects = "numbers, dates and identifiers of the source missing in the translation, or added by it"
    order = 30

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        missing, added = numbers.compare(numbers.extract(item.src, self.pair.src_lang),
                                         numbers.extract(item.tgt, self.pair.tgt_lang))
        quality.values["numbers_missing"] = float(len(missing))
        quality.values["numbers_added"] = float(len(added))
        if missing:
            quality.flags.append(Flag("numbers", "error", f"{enumerated(missing)} in the source"
                                                          f" {'is' if len(missing) == 1 else 'are'} missing in the"
                                                          " translation"))
        if added:
            quality.flags.append(Flag("numbers", "warn", f"{enumerated(added)} in the translation"
                                                         f" {'is' if len(added) == 1 else 'are'} not in the source"))
