"""report.json: everything the evaluation report shows, as one plain, versioned dict.

The HTML and Markdown reports are both rendered from this dict, so the three
files can never disagree, and a CI pipeline can gate on the JSON without
parsing either. Inputs are plain data (the alignment from `corpus`, the
glossary check and the quality assessment as their `as_dict()` forms, metric
rows as dicts), which keeps `eval` free of `align` and `glossaries`.
The schema is documented in the README; a change that removes or renames a
key bumps the number in SCHEMA.
"""
from __future__ import annotations

from datetime import datetime, timezone

from corpus.alignment import Alignment
from corpus.findings import KINDS
from corpus.languages import short_tag
from corpus.signature import Signature, short_hash

SCHEMA = "tilmash.report/1"
STATUSES = ("ok", "warn", "error")
FINDING_KINDS = KINDS
REVIEW_PAGE = "review.html"
SCORE_METHOD = ("A pair's score is 100 times the share of its text (source characters; target characters for an"
                " added paragraph) whose links have status ok, a warn link counting half: 100 means nothing"
                " flagged, 0 an error everywhere. The overall score is the mean over pairs. It ranks versions and"
                " documents; it is not an estimate of BLEU or of human judgement.")

SIGNIFICANCE = 0.05  # the p-value under which a comparison's verdict names the better system
LOWER_IS_BETTER = {"TER", "HTER"}
COMPARISON_METHOD = ("sacrebleu paired bootstrap resampling (the signature's bs: says how many resamples) of system B"
                     " against baseline A on the"
                     " rows of the source pivot both share with the reference; delta is B − A with its 95%"
                     " confidence interval; for TER lower is better. The verdict names the better system where"
                     f" p < {SIGNIFICANCE}. Against a post-edit of one of the two, that one is favoured.")
DIRECTIONS = "BLEU and chrF++: higher is better; TER and HTER (edits per reference word, in %): lower is better."
NO_COMPARISON = ("Nothing to compare: comparisons need a reference or post-edit and either two translations into its"
                 " language or a translation that glossary enforcement changed.")


def review_row(src_sides: list[list[int]], k: int) -> int:
    """The review page row (a source paragraph) that shows link k.

    A link with no source side (an insertion in the translation) sits in the
    row of the source paragraph before it, or row 0 at the very start.
    """
    if src_sides[k]:
        return src_sides[k][0]
    return next((side[-1] for side in reversed(src_sides[:k]) if side), 0)


def verdict(comparison: dict) -> str:
    """One comparison metric in words, so a reader need not remember that a negative TER delta is good news."""
    if comparison["p_value"] >= SIGNIFICANCE or comparison["delta"] == 0:
        return f"no significant difference (p ≥ {SIGNIFICANCE})"
    better = (comparison["delta"] < 0) == (comparison["metric"] in LOWER_IS_BETTER)
    return f"B better (p < {SIGNIFICANCE})" if better else f"A better (p < {SIGNIFICANCE})"


def against(metric: dict) -> str:
    """What a metric row was computed against: the reference file and its role."""
    return f"{metric.get('reference', '')} ({metric['role']})" if metric.get("role") else metric.get("reference", "")


def _alignment_section(alignment: Alignment, check_below: float) -> dict:
    low = [{"link": k, "src": list(link.src), "tgt": list(link.tgt), "confidence": round(link.confidence, 4),
            "review": f"{REVIEW_PAGE}#row-{review_row([list(l.src) for l in alignment.links], k)}"}
           for k, link in enumerate(alignment.links) if link.confidence < check_below]
    return {"method": alignment.method, "embedder": alignment.embedder, "links": len(alignment.links),
            "by_type": alignment.kind_counts(), "check_below": check_below, "low_confidence": low}


def _kind_counts(findings: list[dict]) -> dict[str, int]:
    return {kind: sum(1 for f in findings if f["kind"] == kind) for kind in FINDING_KINDS}


def _terms_section(before: dict, after: dict | None) -> dict:
    """Accuracy before and after enforcement; what is left is read from the enforced check when there is one."""
    left = after if after is not None else before
    by_concept: dict[str, dict[str, int]] = {}
    for finding in before["findings"]:
        if finding["kind"] != "inconsistent":
            counts = by_concept.setdefault(finding["concept"], {"ok": 0, "occurrences": 0})
            counts["occurrences"] += 1
            counts["ok"] += finding["kind"] == "ok"
    return {
        "occurrences": before["occurrences"],
        "accuracy_before": before["term_accuracy"],
        "accuracy_after": after["term_accuracy"] if after is not None else None,
        "findings_before": _kind_counts(before["findings"]),
        "findings_after": _kind_counts(after["findings"]) if after is not None else None,
        "remaining": [f for f in left["findings"] if f["kind"] != "ok"],
        "by_concept": dict(sorted(by_concept.items())),
    }


def pair_section(alignment: Alignment, link_texts: list[tuple[str, str]], quality: dict,
                 terms: dict | None = None, terms_after: dict | None = None, metrics: list[dict] | None = None,
                 check_below: float = 0.9, system: str | None = None) -> dict:
    """One language pair of the report.

    `system` names the translation when a language has several (the file
    stem, e.g. "en-nllb"); by default it is the target language. The pair's
    key in the report is `<source lang>-<system>`.

    `link_texts` holds the (source, target) text of every alignment link, `quality`
    is PairQuality.as_dict() over the same links, `terms`/`terms_after` are
    CheckResult.as_dict() before and after glossary enforcement, `metrics` the
    reference-based metric rows (None when the set has no reference for the language).
    """
    links = quality["links"]
    if len(links) != len(alignment.links) or len(link_texts) != len(alignment.links):
        raise ValueError(f"{alignment.src_lang}-{alignment.tgt_lang}: quality ({len(links)} links), texts"
                         f" ({len(link_texts)}) and alignment ({len(alignment.links)} links) do not match")
    sides = [list(link["src"]) for link in links]
    flagged = [{"link": k, "src": list(link["src"]), "tgt": list(link["tgt"]), "status": link["status"],
                "flags": link["flags"], "review": f"{REVIEW_PAGE}#row-{review_row(sides, k)}",
                "source_text": link_texts[k][0], "target_text": link_texts[k][1]}
               for k, link in enumerate(links) if link["status"] != "ok"]
    return {
        # the languages as people write them (zh, not zh-Hans), so `system` equals `tgt_lang` for a set's one
        # translation into a language
        "src_lang": short_tag(alignment.src_lang),
        "tgt_lang": short_tag(alignment.tgt_lang),
        "system": system or short_tag(alignment.tgt_lang),
        "score": quality["score"],
        "status_counts": {s: sum(1 for link in links if link["status"] == s) for s in STATUSES},
        "alignment": _alignment_section(alignment, check_below),
        "terms": _terms_section(terms, terms_after) if terms is not None else None,
        "metrics": metrics,
        "not_checked": list(quality.get("notes", [])),
        # per link: its status, the aligner's cosine and every check's value (the distribution chart's input)
        "link_values": [{"status": link["status"], "link_score": round(alignment.links[k].score, 4), **link["values"]}
                        for k, link in enumerate(links)],
        "flagged": flagged,
        # how each part was made (corpus.signature strings; "" where a part was given, not computed)
        "signatures": {"alignment": alignment.signature, "quality": quality.get("signature", ""),
                       "terms": terms.get("signature", "") if terms is not None else None},
    }


def report_signature(pairs: list[dict]) -> Signature:
    """`report:sections|pairs:N|parts:<hash of every pair's signatures>|version:..`."""
    parts = sorted(f"{p['src_lang']}-{p['system']}:{sorted((k, v or '') for k, v in p['signatures'].items())}"
                   for p in pairs)
    return Signature.make("report", "sections", pairs=len(pairs), parts=short_hash(parts))


def build_report(set_id: str, title: str, source_lang: str, pairs: list[dict], generator: str,
                 score_method: str = SCORE_METHOD, comparisons: list[dict] | None = None) -> dict:
    """The whole report from the pair sections; `summary` is what a CI gate reads first.

    `comparisons` are eval.metrics.SystemComparison.as_dict() forms: paired
    bootstrap between two systems of one language, or one system before and
    after glossary enforcement."""
    counts = {s: sum(p["status_counts"][s] for p in pairs) for s in STATUSES}
    worst = next((s for s in reversed(STATUSES) if counts[s]), "ok")
    scores = [p["score"] for p in pairs]
    return {
        "schema": SCHEMA,
        "generator": generator,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "signature": str(report_signature(pairs)),
        "set": {"id": set_id, "title": title, "source_lang": source_lang},
        "review_page": REVIEW_PAGE,
        "score_method": score_method,
        "summary": {
            "score": round(sum(scores) / len(scores), 2) if scores else None,
            "min_score": min(scores) if scores else None,
            "status_counts": counts,
            "worst_status": worst,
            "flagged": sum(len(p["flagged"]) for p in pairs),
        },
        "pairs": {f"{p['src_lang']}-{p['system']}": p for p in pairs},
        "comparisons": comparisons or [],
    }
