"""Glossary-constrained decoding as a logits processor: force required terms, ban forbidden ones.

transformers 5 no longer ships constrained beam search, so this processor
edits the scores at every step, for every beam row independently, which keeps
greedy and beam search working unchanged:

- a forbidden term cannot be completed: any token that would finish its
  string is banned, whatever segmentation spelled the part before it;
- once a row has begun a required term it must continue it;
- a row may not end while a required term is missing or nothing visible has
  been written: when the model wants to stop, or when only enough steps
  remain to fit the missing terms, the next missing term is started (and then
  continued by the rule above);
- every row stops at its own length limit, so a sentence translates the same
  whatever else shares its batch.

Terms are tracked as strings, not token sequences: sentencepiece spells a
word "▁Belt" after a space but "Belt" after «, and one string has many
segmentations, so counting one token sequence would miss a term the model
wrote in another spelling (and force it twice), and banning one would let
the forbidden string through in another.

It sees only token ids and their text: which terms a sentence needs is
decided by the caller (the glossary lives in another package).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SPACES = re.compile(r"\s+")
NEG_INF = -float("inf")


@dataclass(frozen=True)
class TermSpec:
    """What one source sentence requires of its translation, as target-language strings.

    `required` has one entry per source occurrence, so a term the source uses
    twice is required twice. The key leaves out `spans`: they do not change
    the translation.
    """
    required: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()  # where the source terms are: a long sentence is never cut inside one

    def key(self) -> str:
        """The part of the cache key that stands for these constraints."""
        return "\x1e".join(("\x1f".join(self.required), "\x1f".join(self.forbidden)))


@dataclass(frozen=True)
class Required:
    """One required term occurrence: its text as the vocabulary spells it, and the token forms that write it.

    `forms[0]` is what the processor forces; the others (the term glued to the
    previous token) only count as beginning it.
    """
    text: str
    forms: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class RowPlan:
    """Constraints and the length limit of one sentence."""
    limit: int  # most tokens this row may generate (EOS excluded)
    required: tuple[Required, ...] = ()
    forbidden: tuple[str, ...] = ()

    def needed(self) -> int:
        """Tokens the required terms take when forced, which the limit must leave room for."""
        return sum(len(term.forms[0]) for term in self.required)


class Vocabulary:
    """The text every token id adds to the output, and which tokens would complete a given string.

    The processor needs both at every step for every row, so the text of each
    token is read once and the completing tokens of a term are found once.
    """

    def __init__(self, pieces: list[str | None], hidden: set[int]) -> None:
        self.surfaces = ["" if i in hidden or not p else p.replace("\u2581", " ") for i, p in enumerate(pieces)]
        self._by_start: dict[str, list[int]] = {}
        for i, surface in enumerate(self.surfaces):
            if surface:
                self._by_start.setdefault(surface[0], []).append(i)
        self._completions: dict[str, tuple[tuple[str, list[int]], ...]] = {}

    def text(self, ids: list[int]) -> str:
        """What `ids` read as, with runs of spaces collapsed the way the decoded output is."""
        return _SPACES.sub(" ", "".join(self.surfaces[i] for i in ids))

    def completions(self, term: str) -> tuple[tuple[str, list[int]], ...]:
        """(what the text must end with, tokens that would then finish `term`), for every split of `term`.

        A term starting at a space can also be finished by a token that
        repeats the space: the output collapses the two.
        """
        found = self._completions.get(term)
        if found is None:
            entries = [("", [i for i, s in enumerate(self.surfaces) if term in s])]
            for k in range(1, len(term)):
                rests = [term[k:]] + ([" " + term[k:]] if term[k - 1] == " " else [])
                ids = [i for rest in rests for i in self._by_start.get(rest[0], ())
                       if self.surfaces[i].startswith(rest)]
                if ids:
                    entries.append((term[:k], ids))
            found = self._completions[term] = tuple(entries)
        return found


def _missing(text: str, required: tuple[Required, ...]) -> list[Required]:
    """Required terms not yet in `text`, in order, one entry per missing occurrence."""
    missing: list[Required] = []
    wanted: dict[str, int] = {}
    for term in required:
        wanted[term.text] = wanted.get(term.text, 0) + 1
        if wanted[term.text] > text.count(term.text):
            missing.append(term)
    return missing


def _ends_with(seq: list[int], part: tuple[int, ...]) -> bool:
    return len(part) <= len(seq) and tuple(seq[len(seq) - len(part):]) == part


def _begun(generated: list[int], missing: list[Required]) -> int | None:
    """The next token of a missing term the row has begun in any of its forms (longest prefix wins), or None."""
    best: tuple[int, int] | None = None
    for term in missing:
        for form in term.forms:
            for k in range(len(form) - 1, 0, -1):
                if _ends_with(generated, form[:k]):
                    if best is None or k > best[0]:
                        best = (k, form[k])
                    break
    return None if best is None else best[1]


class ConstrainedDecoding:
    """Applies one `RowPlan` per input sentence to all of that sentence's beams.

    A transformers logits processor by its call signature (generate accepts
    any callable), so this module loads without torch.
    """

    def __init__(self, plans: list[RowPlan], num_beams: int, eos_token_id: int, prefix_len: int,
                 vocab: Vocabulary, never: Sequence[int] = ()) -> None:
        self.plans = plans
        self.vocab = vocab
        self.never = list(never)  # tokens that are not text (language codes, unknown): never generated
        self.num_beams = num_beams
        self.eos = eos_token_id
        self.prefix_len = prefix_len  # decoder start (and forced language) tokens: not ours to touch

    def __call__(self, input_ids, scores):
        position = input_ids.shape[1] - self.prefix_len
        if position < 0:
            return scores
        rows = input_ids[:, self.prefix_len:].tolist()
        original = scores.clone()
        scores[:, self.never] = NEG_INF
        wants_end = (scores.argmax(dim=1) == self.eos).tolist()  # one device sync per step, not per row
        forced_rows: list[int] = []
        forced_tokens: list[int] = []
        for r, generated in enumerate(rows):
            plan = self.plans[r // self.num_beams]
            text = self.vocab.text(generated)
            banned = [i for term in plan.forbidden for ending, ids in self.vocab.completions(term)
                      if text.endswith(ending) for i in ids]
            if banned:
                scores[r, banned] = NEG_INF
            missing = _missing(text, plan.required)
            forced = self._forced(plan, generated, missing, wants_end[r], position)
            if forced is not None:
                forced_rows.append(r)
                forced_tokens.append(forced)
            elif missing or not text.strip():
                scores[r, self.eos] = NEG_INF  # not before the terms are in; never an empty translation
        if forced_rows:
            where = input_ids.new_tensor(forced_rows), input_ids.new_tensor(forced_tokens)
            kept = original[where].nan_to_num(neginf=0.0)  # a forced token keeps its score, made finite
            scores[where[0]] = NEG_INF
            scores[where] = kept
        return scores

    def _forced(self, plan: RowPlan, generated: list[int], missing: list[Required], wants_end: bool,
                position: int) -> int | None:
        """The token this row must take now, or None."""
        if position >= plan.limit:
            return self.eos
        if missing:
            begun = _begun(generated, missing)
            if begun is not None:
                return begun
            if sum(len(term.forms[0]) for term in missing) >= plan.limit - position or wants_end:
                return missing[0].forms[0][0]
        return None
