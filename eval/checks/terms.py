"""Terms: the glossary findings of a link (computed by glossaries, passed in) as flags."""
from __future__ import annotations

from .base import Check, Flag, LinkInput, LinkQuality, register


@register
class Terms(Check):
    name = "terms"
    detects = ("a term rendered with a forbidden variant (error), a deprecated or superseded one, not as the term"
               " base says, or inconsistently")
    order = 90

    def check(self, item: LinkInput, quality: LinkQuality) -> None:
        problems = [f for f in item.findings if f.kind != "ok"]
        quality.values["term_problems"] = float(len(problems))
        for f in problems:
            if f.kind == "forbidden":
                reason, severity = (f"term “{f.source_text}” is rendered with the forbidden"
                                    f" “{f.target_text}”; use “{f.expected}”"), "error"
            elif f.kind in ("deprecated", "superseded"):
                reason, severity = (f"term “{f.source_text}” is rendered with the {f.kind}"
                                    f" “{f.target_text}”; use “{f.expected}”"), "warn"
            elif f.kind == "missing":
                reason, severity = f"term “{f.source_text}” is not rendered as “{f.expected}”", "warn"
            else:
                reason, severity = (f"concept {f.concept} is rendered inconsistently ({f.target_text});"
                                    f" use “{f.expected}”"), "warn"
            quality.flags.append(Flag("terms", severity, reason))
