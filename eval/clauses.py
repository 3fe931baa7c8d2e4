"""A dropped clause found by clause lengths: Gale and Church's length model, applied inside one sentence.

A translation mostly keeps its source's clauses in order, merging or splitting
a few, and each clause's length follows its source's. When a clause is left
out, the sentence as a whole is only a little shorter, but its clauses stop
lining up: from the gap on, each translated clause meets the wrong source
clause. So the clauses of a sentence pair are aligned twice, monotonically,
once as they are and once with one source clause left untranslated; how much
cheaper the second alignment is (a log-likelihood ratio, in nats) is the
evidence that this clause is missing, and the alignment names it.

Clauses are the pieces between commas and semicolons (in Chinese also ，；、).
Costs are Gale and Church's: a group of s source and t target characters
costs (t - ratio·s)² / (variance·(s + t/ratio)), the negative log-likelihood of
a normal length difference whose variance grows with the length, where ratio
and variance are learnt from the document's own sentences (QualityChecker).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from corpus.languages import profile
# Groups of source x target clauses one alignment step may pair: up to four clauses of one side against one or
# two of the other, which covers a Russian participial or что-clause folded into its neighbour.
GROUPS = tuple((a, b) for a in range(1, 5) for b in range(1, 5) if min(a, b) <= 2)
# Nats per clause beyond the first on each side of a group, and for a translation clause with no source clause:
# Gale and Church's priors (a 2-1 group is a tenth as likely as a 1-1, a 0-1 one about a hundredth).
MERGE_COST = 2.3
ADDED_COST = 4.5
MIN_CHARS = 15  # a shorter source clause (an introductory "Стороны считают,") is not reported as missing
MAX_CLAUSES = 40  # the alignment costs clauses x clauses; beyond this a unit is not judged (huge pasted input)


def breaks(text: str, lang: str) -> int:
    """Clause breaks (commas, semicolons, Chinese 、: the language profile's `clause_breaks`) in the text."""
    return len(re.findall(profile(lang).clause_breaks, text))


def split(text: str, lang: str) -> list[str]:
    """The text's clauses, each with the break that ends it; never empty strings."""
    pieces = re.split(f"(?<={profile(lang).clause_breaks})", text)
    return [piece.strip() for piece in pieces if piece.strip()]


@dataclass(frozen=True)
class LengthModel:
    """A translation of s characters has about ratio·s of them, give or take sqrt(variance·(s + t/ratio)/2)."""
    ratio: float
    variance: float

    def cost(self, s: int, t: int) -> float:
        return (t - self.ratio * s) ** 2 / (self.variance * (s + t / self.ratio))

    def missing_clause(self, src: list[str], tgt: list[str]) -> tuple[float, int | None]:
        """(evidence in nats, index of the source clause) that leaving one source clause of at least MIN_CHARS
        untranslated explains the translation's clause lengths better than translating them all; (0, None) when
        it does not, or when the source has a single clause (a missing sentence is another check's business)."""
        n, m = len(src), len(tgt)
        if n < 2 or not m or max(n, m) > MAX_CLAUSES:
            return 0.0, None
        src_at, tgt_at = _prefix_sums(src), _prefix_sums(tgt)
        inf = math.inf
        # cost[k][i][j]: the best alignment of src[:i] with tgt[:j] that left k source clauses out (k = 0 or 1)
        cost = [[[inf] * (m + 1) for _ in range(n + 1)] for _ in range(2)]
        left_out: list[list[int | None]] = [[None] * (m + 1) for _ in range(n + 1)]  # which one, where k = 1
        cost[0][0][0] = 0.0
        may_skip = [len(clause) >= MIN_CHARS for clause in src]
        steps = [(a, b, MERGE_COST * (a + b - 2)) for a, b in GROUPS]
        for i in range(n + 1):
            for j in range(m + 1):
                moves = None  # the group steps from (i, j), costed once for both values of k
                for k in (0, 1):
                    table = cost[k]
                    here = table[i][j]
                    if here == inf:
                        continue
                    skipped = left_out[i][j] if k else None
                    if j < m and here + ADDED_COST < table[i][j + 1]:
                        table[i][j + 1] = here + ADDED_COST
                        if k:
                            left_out[i][j + 1] = skipped
                    if not k and i < n and may_skip[i] and here < cost[1][i + 1][j]:
                        cost[1][i + 1][j] = here
                        left_out[i + 1][j] = i
                    if moves is None:
                        moves = []
                        for a, b, merge in steps:
                            if i + a <= n and j + b <= m:
                                step = self.cost(src_at[i + a] - src_at[i], tgt_at[j + b] - tgt_at[j])
                                moves.append((i + a, j + b, step, merge))
                    for i2, j2, step, merge in moves:
                        value = here + step + merge
                        if value < table[i2][j2]:
                            table[i2][j2] = value
                            if k:
                                left_out[i2][j2] = skipped
        missing = left_out[n][m]
        if cost[0][n][m] == inf or missing is None:
            return 0.0, None
        # both readings also answer for the sentence's length as a whole, with and without the missing clause
        whole = cost[0][n][m] + self.cost(src_at[n], tgt_at[m])
        without = cost[1][n][m] + self.cost(src_at[n] - len(src[missing]), tgt_at[m])
        return (whole - without, missing) if without < whole else (0.0, None)


def _prefix_sums(clauses: list[str]) -> list[int]:
    sums = [0]
    for clause in clauses:
        sums.append(sums[-1] + len(clause))
    return sums
