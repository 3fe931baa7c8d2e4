"""`summary.md`: what the run read, how it aligned, and how good the alignment is."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from align import CHECK_BELOW
from corpus.findings import KINDS, REJECTED
from corpus.model import Document
from corpus.languages import embedder_covers, profile
from corpus.rows import Row
from corpus.signature import tilmash_version
from corpus.textio import atomic_write_text

from .session import SetAnalysis


KINDS = ("1-1", "1-0", "0-1", "2-1", "1-2", "2-2")


def _profile_cell(lang: str) -> str:
    """The language profile a document was read with, and what it lacks (corpus.languages)."""
    prof = profile(lang)
    notes = (["generic: Unicode sentences, surface-form term matching, no number words or negation cues"]
             if prof.generic else [])
    notes += ["outside the embedder's training languages: check the alignment"] if not embedder_covers(lang) else []
    return f"`{prof.signature_id}`" + (f" ({'; '.join(notes)})" if notes else "")


def _doc_line(doc: Document) -> str:
    sentences = sum(len(p) for p in doc.sentences)
    chars = sum(len(t) for t in doc.texts())
    name = doc.path.name if doc.path else "—"
    return (f"| {doc.lang} | {doc.role} | `{name}` | {len(doc)} | {sentences} | {chars} | {doc.encoding}"
            f" | {_profile_cell(doc.lang)} |")


def _warning_lines(docs: list[Document]) -> list[str]:
    """What a reader doubted while reading (a legacy encoding it was not sure of, a layout it guessed)."""
    warnings = [warning for doc in docs for warning in doc.warnings]
    if not warnings:
        return []
    return ["Read with warnings (check these files):", "", *(f"- {warning}" for warning in warnings), ""]


def _terminology_lines(result: SetAnalysis) -> list[str]:
    checked = {lang: p.terms for lang, p in result.pairs.items() if p.terms is not None}
    if not checked:
        return ["## Terminology", "", "No term base (none named in meta.toml, no --glossary): not checked.", ""]
    lines = ["## Terminology", "",
             f"Checked against `{result.session.glossary}` on the alignment above. Term accuracy is the share of source"
             " term occurrences whose aligned target holds an admitted rendering (WMT exact match).", "",
             "| pair | occurrences | term accuracy | ok | forbidden | deprecated | superseded | missing"
             " | inconsistent concepts | replaced | flagged | accuracy after enforcement |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for lang, terms in checked.items():
        pair = result.pairs[lang]
        kinds = [f.kind for f in terms.findings]
        actions = [c.action for c in pair.changes]
        lines.append(f"| {result.source.name}-{lang} | {terms.occurrences} | {terms.term_accuracy:.3f} | "
                     + " | ".join(str(kinds.count(k)) for k in KINDS)
                     + f" | {actions.count('replaced')} | {actions.count('flagged')}"
                     f" | {pair.terms_after.term_accuracy:.3f} |" if pair.terms_after else " | — |")
    lines += ["", "Forbidden, deprecated and superseded renderings found:", "",
              "| pair | link | concept | source | target | status | expected |", "|---|---|---|---|---|---|---|"]
    for lang, terms in checked.items():
        for f in terms.findings:
            if f.kind in REJECTED:
                lines.append(f"| {result.source.name}-{lang} | `{list(f.src)}:{list(f.tgt)}` | {f.concept} | {f.source_text}"
                             f" | {f.target_text} | {f.kind} | {f.expected} |")
    flagged = [(lang, c) for lang, p in result.pairs.items() for c in p.changes if c.action == "flagged"]
    if flagged:
        lines += ["", "Left for a person (enforcement could not repair them safely):", "",
                  "| pair | paragraph | concept | text | why |", "|---|---:|---|---|---|"]
        lines += [f"| {result.source.name}-{lang} | {c.paragraph} | {c.concept} | {c.before} | {c.rule} |"
                  for lang, c in flagged]
    return lines + [""]


def _check_lines(result: SetAnalysis) -> list[str]:
    lines = []
    source = result.session.source
    for lang, pair in result.pairs.items():
        for k in pair.alignment.extra.get("check", []):
            link = pair.alignment.links[k]
            src = " ".join(source.paragraphs[i].text for i in link.src)[:70]
            tgt = " ".join(pair.doc.paragraphs[j].text for j in link.tgt)[:70]
            lines.append(f"| {result.source.name}-{lang} | `{list(link.src)}:{list(link.tgt)}` | {link.confidence:.2f}"
                         f" | {src or '—'} | {tgt or '—'} |")
    return lines


def render_summary(result: SetAnalysis, rows: list[Row]) -> str:
    session = result.session
    ds, source = session.docset, session.source
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        f"# {ds.title}",
        "",
        f"Set `{ds.id}`, generated by tilmash {tilmash_version()} on {now}. Alignment method: `{session.method}`"
        + (f", embedder `{session.embedder.id}`." if session.embedder is not None else "."),
        "",
        "## Segments",
        "",
        "| lang | role | file | paragraphs | sentences | characters | encoding | language profile |",
        "|---|---|---|---:|---:|---:|---|---|",
        _doc_line(result.source),
        *(_doc_line(p.doc) for p in result.pairs.values()),
        "",
        *_warning_lines([source, *(p.doc for p in result.pairs.values())]),
        "## Alignment",
        "",
        "Links by type (source-target paragraphs), and quality against the gold alignment"
        " (Vecalign's strict and lax precision, recall and F1).",
        "",
        "| pair | links | " + " | ".join(KINDS) + " | other | strict P | strict R | strict F1 | lax F1"
        " | baseline strict F1 |",
        "|---|---:|" + "---:|" * (len(KINDS) + 1) + "---:|---:|---:|---:|---:|",
    ]
    for lang, pair in result.pairs.items():
        counts = pair.alignment.kind_counts()
        other = sum(v for k, v in counts.items() if k not in KINDS)
        if pair.alignment_score and pair.baseline_score:
            s = pair.alignment_score
            quality = (f"{s.strict_precision:.3f} | {s.strict_recall:.3f} | {s.strict_f1:.3f} | {s.lax_f1:.3f}"
                       f" | {pair.baseline_score.strict_f1:.3f}")
        else:
            quality = "no gold | | | |"
        cells = " | ".join(str(counts.get(k, 0)) for k in KINDS)
        out.append(f"| {result.source.name}-{lang} | {len(pair.alignment.links)} | {cells} | {other} | {quality} |")
    multi = sum(1 for r in rows if r.src)
    sentences = ", ".join(f"{result.source.name}-{lang} {len(p.sentences.links)}" for lang, p in result.pairs.items())
    out += [
        "",
        "The baseline is the Gale–Church length aligner on the same documents.",
        f"Multi-way rows pivoted on {result.source.name}: {len(rows)} ({multi} with a source paragraph,"
        f" {len(rows) - multi} insertions in a translation). Sentence links: {sentences}.",
        "",
        *_terminology_lines(result),
        "## Check this",
        "",
    ]
    checks = _check_lines(result)
    if checks:
        out += [f"Links with confidence below {CHECK_BELOW}:", "",
                "| pair | link | confidence | source | target |", "|---|---|---:|---|---|", *checks, ""]
    else:
        out += [f"No paragraph link has confidence below {CHECK_BELOW}.", ""]
    out += [
        "## Files",
        "",
        "- `align/<pair>.json`, `align/<pair>.txt`: the alignments (JSON and Vecalign text format)",
        f"- `corpus/{ds.id}.tmx`: TMX 1.4b, one `<tu>` per multi-way row",
        f"- `corpus/{ds.id}.jsonl`: one JSON object per row, with link scores and flags",
        "- `corpus/<pair>.tsv`: one line per link; `corpus/moses/`: line-parallel text per pair",
        "- `sentences/`: the same files at sentence level (sentences aligned inside each paragraph link)",
        "- `terms/<pair>.json`: every terminology finding (ok, forbidden, missing, inconsistent)",
        "- `enforced/<lang>.txt`: the translation with forbidden terms repaired; `enforced/<lang>.audit.jsonl`:"
        " one line per change or flag (paragraph id, offsets, concept, before, after, rule)",
        "",
    ]
    return "\n".join(out)


def write_summary(path: Path, result: SetAnalysis, rows: list[Row]) -> None:
    atomic_write_text(path, render_summary(result, rows))
