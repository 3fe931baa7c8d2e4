"""HTML for the review page: one renderer for the static file and the workbench.

Every piece of document text goes through `html.escape` (quotes included)
before it meets markup, and the workbench updates rows by asking the server
for this same markup, so no document text ever reaches the browser as HTML
by another path. Glossary terms are wrapped in <mark> with the concept and
its preferred renderings on hover; a forbidden variant is marked as such.
"""
from __future__ import annotations

from collections.abc import Mapping
import json
from functools import lru_cache
from html import escape
from importlib import resources
from urllib.parse import urlencode

from corpus.findings import REJECTED
from corpus.languages import is_tag, normalise_tag
from corpus.script import LANGUAGE_NAMES
from glossaries.matching import Match, Matcher
from glossaries.model import TermBase

from .view import CellView, RowView, link_label


def _html_lang(lang: str) -> str:
    """The `lang` attribute of a column: the canonical tag (zh-Hans lets the browser pick simplified-Chinese
    glyphs); a system name that is no tag (en-nllb) as it is."""
    return normalise_tag(lang) if is_tag(lang) else lang


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


class Highlighter:
    """Glossary term spans per language, computed once per distinct paragraph text."""

    def __init__(self, termbase: TermBase | None, languages: Mapping[str, str] | None = None) -> None:
        self.termbase = termbase
        self.languages = dict(languages or {})  # column (system name) -> its document's language
        self._matchers: dict[str, Matcher] = {}
        self._cache: dict[tuple[str, str], list[Match]] = {}

    def language(self, column: str) -> str:
        """The language of a column: the term base is keyed by language, the columns by system name (`en` and
        `en-nllb` are both English)."""
        return self.languages.get(column, column)

    def matcher(self, lang: str) -> Matcher:
        """The term base compiled for one language, once (the workbench's glossary checks use it too)."""
        if self.termbase is None:
            raise ValueError("no glossary: nothing to match")
        if lang not in self._matchers:
            self._matchers[lang] = Matcher(self.termbase, lang)
        return self._matchers[lang]

    def matches(self, text: str, lang: str) -> list[Match]:
        lang = self.language(lang)
        if self.termbase is None or not is_tag(lang) or lang not in self.termbase.languages:
            return []
        key = (lang, text)
        if key not in self._cache:
            self._cache[key] = self.matcher(lang).find(text)
        return self._cache[key]

    def hover(self, match: Match, lang: str) -> str:
        assert self.termbase is not None, "a match comes from a glossary"
        terms, lang = self.termbase[match.concept].terms, self.language(lang)
        preferred = " · ".join(f"{l}: {t.preferred}" for l, t in terms.items())
        if match.kind in REJECTED:
            return f"{match.concept} — {match.kind} rendering; use {terms[lang].preferred} ({preferred})"
        return f"{match.concept} — {preferred}"

    def html(self, text: str, lang: str, concepts: set[str]) -> str:
        out, last = [], 0
        for m in self.matches(text, lang):
            concepts.add(m.concept)
            out.append(escape(text[last:m.start]))
            out.append(f'<mark class="term {m.kind}" data-concept="{_attr(m.concept)}" '
                       f'title="{_attr(self.hover(m, lang))}">{escape(text[m.start:m.end])}</mark>')
            last = m.end
        out.append(escape(text[last:]))
        return "".join(out)


def _cell(cell: CellView, hl: Highlighter, concepts: set[str]) -> str:
    lang = cell.lang
    badges = []
    for link in cell.links:
        label = link_label(link.link)
        if label:
            badges.append(f'<span class="badge shape">{escape(label)}</span>')
    badges.append(f'<span class="badge status {cell.status}">{cell.status}</span>')
    checking = " ".join(l.key for l in cell.links if l.checking)
    checking_attr = f' data-checking="{checking}"' if checking else ""
    if checking:
        badges.append('<span class="badge checking" title="the similarity check of the edited text is running">'
                      'checking…</span>')
    if cell.review in ("approved", "rejected"):
        badges.append(f'<span class="badge review {cell.review}">{cell.review}</span>')
    comments = sum(l.comments for l in cell.links)
    if comments:
        badges.append(f'<span class="badge comments">{comments} comment{"s" if comments > 1 else ""}</span>')
    paras = "".join(
        f'<p class="para" data-idx="{j}" data-version="{v}">{hl.html(text, lang, concepts)}</p>'
        for j, text, v in cell.paragraphs) or '<p class="para none">— no counterpart —</p>'
    reasons = "".join(f'<li class="{_attr(f["severity"])}" data-check="{_attr(f["check"])}">{escape(f["reason"])}</li>'
                      for link in cell.links for f in link.flags)
    keys = " ".join(l.key for l in cell.links)
    links = json.dumps([{"key": l.key, "src": list(l.link.src), "tgt": list(l.link.tgt), "review": l.review}
                        for l in cell.links])
    return (f'<div class="cell tgt" lang="{_attr(_html_lang(hl.language(lang)))}" data-lang="{_attr(lang)}" data-keys="{keys}" '
            f'data-status="{cell.status}" data-review="{cell.review}" data-links="{_attr(links)}" '
            f'data-align-version="{cell.align_version}"{checking_attr}>'
            f'<div class="badges">{"".join(badges)}</div>{paras}'
            f'{f"<ul class=reasons>{reasons}</ul>" if reasons else ""}</div>')


def render_row(row: RowView, langs: list[str], hl: Highlighter, concepts: set[str] | None = None, *,
               source: str) -> str:
    """One row; `source` names the source language, the first column."""
    concepts = set() if concepts is None else concepts
    source_name = LANGUAGE_NAMES[source]
    row_concepts: set[str] = set()
    ident = f"row-{row.src[0]}" if row.src else "ins-" + "-".join(
        f"{lang}{c.paragraphs[0][0]}" for lang, c in row.cells.items() if c.paragraphs)
    gutter = [f'<a class="num" href="#{ident}" title="{_attr(source_name)} paragraph">{row.src[0] if row.src else "+"}</a>']
    gutter += [f'<span class="anchor" id="row-{i}"></span>' for i in row.src[1:]]
    if row.clause:
        gutter.append(f'<a class="clause" id="clause-{row.clause}" href="#clause-{row.clause}">§{row.clause}</a>')
    paras = "".join(f'<p class="para" data-idx="{i}">{hl.html(text, source, row_concepts)}</p>'
                    for i, text in row.source) or f'<p class="para none">— not in the {escape(source_name)} —</p>'
    cells = []
    for lang in langs:
        cell = row.cells.get(lang)
        cells.append(_cell(cell, hl, row_concepts) if cell is not None
                     else f'<div class="cell tgt empty" data-lang="{_attr(lang)}"></div>')
    flags = sorted({f"{lang}:{f['check']}" for lang, c in row.cells.items() for l in c.links for f in l.flags}
                   | {f"{lang}:shape" for lang, c in row.cells.items() for l in c.links if link_label(l.link)})
    concepts |= row_concepts
    return (f'<section class="row {row.status}" id="{ident}" data-row="{row.number}" data-status="{row.status}" '
            f'data-flags="{_attr(" ".join(flags))}" data-concepts="{_attr(" ".join(sorted(row_concepts)))}">'
            f'<div class="gutter">{"".join(gutter)}</div>'
            f'<div class="cell src" lang="{_attr(_html_lang(source))}" data-lang="{_attr(source)}">{paras}</div>'
            f'{"".join(cells)}</section>')


def render_rows(rows: list[RowView], langs: list[str], hl: Highlighter, concepts: set[str] | None = None, *,
                source: str) -> str:
    return "".join(render_row(row, langs, hl, concepts, source=source) for row in rows)


def _options(values: list[str], label: str) -> str:
    return f'<option value="">{escape(label)}</option>' + "".join(
        f'<option value="{_attr(v)}">{escape(v)}</option>' for v in values)


ACTIONS = [("edit", "Edit", "e", "edit the paragraph (or double-click it)"), ("approve", "Approve", "a", "approve the cell"),
           ("reject", "Reject", "r", "reject the cell"), ("comment", "Comment", "c", "comment on the cell"),
           ("history", "History", "h", "every version, a diff of each, restore"),
           ("merge", "Merge ↓", "m", "merge the link with the next"), ("split", "Split", "s", "split the link"),
           ("none", "No counterpart", "x", "mark the source paragraphs as having no counterpart here")]
SHORTCUTS = [("j / k", "next / previous flagged row"), ("n / p", "next / previous row"),
             ("1 2 3", "choose the language column"), ("e", "edit the paragraph"), ("Ctrl+Enter", "save"),
             ("Esc", "cancel"), ("a", "approve the cell"), ("r", "reject the cell"), ("c", "comment"),
             ("h", "history"), ("m", "merge the link with the next"), ("s", "split the link"),
             ("x", "no counterpart"), ("Alt+1…9", "while editing: take concordance match 1…9"),
             ("q", "your queue"), ("f", "flagged rows only"), ("?", "show or hide this map")]
STATIC_KEYS = {"j / k", "n / p", "1 2 3", "f", "?"}
TEAM_KEYS = {"q"}  # only a workbench with accounts has queues


def render_page(rows: list[RowView], langs: list[str], hl: Highlighter, title: str, *, source: str,
                interactive: bool = False, token: str = "", nonce: str = "", progress: dict | None = None,
                account: tuple[str, str] | None = None) -> str:
    """The whole page, its first column the source language `source`; the static one inlines its CSS and script
    and needs nothing else."""
    concepts: set[str] = set()
    body = render_rows(rows, langs, hl, concepts, source=source)
    reasons = sorted({f["check"] for r in rows for c in r.cells.values() for l in c.links for f in l.flags}
                     | ({"shape"} if any(link_label(l.link) for r in rows for c in r.cells.values() for l in c.links)
                        else set()))
    n_attr = f' nonce="{_attr(nonce)}"' if nonce else ""
    only = "".join(f'body[data-only="{l}"] :is(.cell.tgt, .colheads .col[data-lang]):not([data-lang="{source}"])'
                   f':not([data-lang="{l}"]){{display:none}}' for l in langs)
    columns = "".join(f'<div class="col" data-lang="{_attr(l)}">{escape(LANGUAGE_NAMES.get(l, l))}</div>'
                      for l in langs)
    keys = [(k, v) for k, v in SHORTCUTS if (interactive or k in STATIC_KEYS) and (account or k not in TEAM_KEYS)]
    keymap = "".join(f"<dt><kbd>{escape(k)}</kbd></dt><dd>{escape(v)}</dd>" for k, v in keys)
    tools = toolbar = ""
    if interactive:
        toolbar = ('<div id="toolbar" class="actions">' + "".join(
            f'<button data-act="{act}" title="{_attr(hint)} ({_attr(key)})">{escape(label)} <kbd>{escape(key)}</kbd>'
            '</button>' for act, label, key, hint in ACTIONS) + "</div>")
        tools = (f'<span id="progress" title="rows approved per language">{render_progress(progress or {})}</span>'
                 + (_account_bar(account, token) if account else
                    '<label>Reviewer <input id="reviewer" size="12" maxlength="60" autocomplete="off"'
                    ' placeholder="your name"></label>') +
                 '<button id="export-open" title="export the reviewed corpus and the post-edited documents">'
                 'Export…</button>')
    script = asset("review.js") + (asset("workbench.js") + asset("assist.js") if interactive else "") + (
        asset("team.js") + asset("assign.js") if interactive and account else "")
    head_meta = f'<meta name="csrf-token" content="{_attr(token)}">' if interactive else ""
    flagged = sum(1 for r in rows if r.status != "ok")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">{head_meta}
<link rel="icon" href="data:,">
<title>Review — {escape(title)}</title>
<style{n_attr}>{asset("review.css")}{only}</style></head>
<body data-langs="{_attr(" ".join(langs))}">
<header><div class="topline"><h1>{escape(title)}</h1>{tools}</div>
<div class="filters">
<label><input type="checkbox" id="f-flagged"> flagged only</label>
<select id="f-lang" title="language">{_options(langs, "all languages")}</select>
<select id="f-reason" title="reason">{_options(reasons, "any reason")}</select>
<select id="f-concept" title="concept">{_options(sorted(concepts), "any concept")}</select>
{_QUEUE_FILTER if interactive and account else ""}<span id="count">{len(rows)} rows, {flagged} flagged</span>
<button id="keys-toggle" title="show or hide the keyboard shortcuts (?)">Shortcuts <kbd>?</kbd></button>
</div>
<dl id="keymap" class="keymap">{keymap}</dl>
<div class="colheads"><div class="col gutter"></div><div class="col" data-lang="{_attr(source)}">{escape(LANGUAGE_NAMES[source])}</div>{columns}</div>
</header>
<main id="rows">{body}</main>
<div id="panel" hidden></div>{'<div id="assist" hidden></div><div id="notice" role="alert" hidden></div>' if interactive else ""}{toolbar}
<script{n_attr}>{script}</script>
</body></html>
"""


_QUEUE_FILTER = ('<select id="f-queue" title="your queue (q lists it)"><option value="">whole set</option>'
                 '<option value="queue">my queue</option><option value="mine">assigned to me</option><option value="review">waiting for review</option>'
                 '<option value="changed">changed since my last visit</option></select>')


def _account_bar(account: tuple[str, str], token: str) -> str:
    """Who is logged in and the logout form (the name the server records: the page cannot choose another),
    the queue's progress and who else is working."""
    name, role = account
    return ('<button id="queue-open" title="your queue: assigned links, links waiting for your review (q)">'
            'Queue <kbd>q</kbd> <span id="queue-progress"></span></button><span id="presence"></span>'
            f'<span id="account" data-role="{_attr(role)}">{escape(name)} ({escape(role)})</span>'
            + ('<button id="assign-open" title="give links to an account">Assign…</button>' if role == "admin" else "")
            + '<a id="activity-open" href="/activity">Activity</a><input id="reviewer" type="hidden">'
            f'<form method="post" action="/logout" class="logout"><input type="hidden" name="csrf" value="{_attr(token)}">'
            '<button type="submit">Log out</button></form>')


def render_login(title: str, token: str, nonce: str, message: str = "") -> str:
    """The login page of a workbench with accounts: a plain form, no script."""
    error = f'<p class="error" role="alert">{escape(message)}</p>' if message else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Log in — {escape(title)}</title>
<style nonce="{_attr(nonce)}">{asset("review.css")}
form.login{{max-width:24em;margin:3em auto;display:flex;flex-direction:column;gap:.8em;padding:1.4em;
border:1px solid var(--line);border-radius:8px;background:#f6f8fa}}
form.login label{{display:flex;flex-direction:column;gap:.2em}} form.login .sub{{margin:0;color:var(--muted);font-size:13px}}
form.login input,form.login button{{font-size:1rem;padding:.35em}} .error{{color:#a00;margin:0}}</style></head>
<body><form class="login" method="post" action="/login"><h1>{escape(title)}</h1>
<p class="sub">Review workbench: log in with the account an admin made for you.</p>{error}
<input type="hidden" name="csrf" value="{_attr(token)}">
<label>Account <input name="name" autocomplete="username" required maxlength="60" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit" id="login">Log in</button></form></body></html>
"""


ACTIVITY_COLUMNS = (("account", "account"), ("lang", "language"), ("edits", "edits"),
                    ("corrections", "alignment corrections"), ("comments", "comments"), ("approved", "approvals"),
                    ("rejected", "rejections"), ("pending", "decisions reset"), ("last", "last change (UTC)"))


def render_activity(title: str, rows: list[dict], langs: list[str], accounts: list[str] | None, lang: str | None,
                    account: str | None, nonce: str) -> str:
    """The activity page: one table row per account and language, a GET form choosing the language (and,
    for whoever may see every account's, `accounts`, the account), and the CSV of what is shown."""
    def choice(name: str, values: list[str], chosen: str | None, label: str) -> str:
        return (f'<select name="{name}" id="a-{name}"><option value="">{escape(label)}</option>' + "".join(
            f'<option value="{_attr(v)}"{" selected" if v == chosen else ""}>{escape(v)}</option>' for v in values)
            + "</select>")

    query = urlencode({k: v for k, v in (("lang", lang), ("account", account)) if v})
    head = "".join(f"<th>{escape(label)}</th>" for _, label in ACTIVITY_COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(r[key]))}</td>" for key, _ in ACTIVITY_COLUMNS) + "</tr>"
                   for r in rows) or f'<tr><td colspan="{len(ACTIVITY_COLUMNS)}" class="none">nothing yet</td></tr>'
    who = choice("account", accounts, account, "every account") if accounts is not None else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Activity — {escape(title)}</title>
<style nonce="{_attr(nonce)}">{asset("review.css")}
main.activity{{max-width:70em;margin:1em auto;padding:0 1em}} main.activity table{{border-collapse:collapse;width:100%}}
main.activity th,main.activity td{{border-bottom:1px solid var(--line);padding:.3em .6em;text-align:left}}
main.activity td:nth-child(n+3){{text-align:right}} main.activity form{{display:flex;gap:.6em;margin:.8em 0}}</style></head>
<body><main class="activity"><h1>Activity — {escape(title)}</h1>
<p><a href="/">back to the workbench</a></p>
<form method="get" action="/activity">{choice("lang", langs, lang, "every language")}{who}
<button type="submit">Show</button></form>
<table id="activity"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
<p><a id="activity-csv" href="/activity.csv{"?" + _attr(query) if query else ""}" download>CSV of this table</a></p>
</main></body></html>
"""


def render_progress(progress: dict) -> str:
    return "approved " + " ".join(
        f'<span class="prog" data-lang="{_attr(lang)}">{escape(lang)} {c["approved"]}/{c["rows"]}</span>'
        for lang, c in progress.items())

