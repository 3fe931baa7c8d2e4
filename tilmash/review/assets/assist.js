// While a cell is edited: a panel docked under the rows with the concordance (how the selected source phrase,
// or the paragraph's source, was translated elsewhere; Alt+1…9 takes a match) and the row's term base
// entries and findings; under the editor, the text as typed with each rejected term rendering marked.
const A = {
  dock: document.getElementById("assist"),
  REJECTED: ["forbidden", "deprecated", "superseded"],
  area: null, matches: [], asked: 0, scanned: 0, timers: {},
  later(name, fn, ms) { clearTimeout(this.timers[name]); this.timers[name] = setTimeout(fn, ms); },
  open(cell, idx, area) {
    this.area = area;
    this.lang = cell.dataset.lang;
    this.own = area.value;  // a match that is the text being edited tells nothing new
    this.source = cell.closest(".row").querySelector(".cell.src");
    this.links = W.links(cell).filter(l => l.tgt.includes(Number(idx)));
    this.query = W.el("input");
    this.query.id = "conc-q";
    this.query.type = "search";
    this.query.placeholder = "a source phrase: select one in the source column, or type";
    this.query.addEventListener("keydown", e => { if (e.key === "Enter") { e.preventDefault(); this.lookup(this.query.value); } });
    this.list = W.el("ol", undefined, "matches");
    const concordance = W.el("section");
    concordance.id = "concordance";
    const head = W.el("div", undefined, "assisthead");
    head.append(W.el("h2", "Concordance"), this.query);
    concordance.append(head, this.list, W.el("div", "Alt+1…9 takes a match: it replaces the selection in the"
                                             + " editor, or the whole text when nothing is selected", "hint"));
    this.terms = W.el("section");
    this.terms.id = "terms";
    this.terms.append(W.el("h2", "Terms"));
    this.dock.replaceChildren(concordance, this.terms);
    this.dock.hidden = false;
    this.live = W.el("div", undefined, "live-terms");
    area.after(this.live);
    area.addEventListener("input", () => this.later("scan", () => this.scan(), 200));
    area.closest(".editing").scrollIntoView({block: "start"});
    this.lookup(this.sourceText());
    this.loadTerms();
    this.scan();
  },
  close() {
    this.area = null;
    this.dock.hidden = true;
    this.dock.replaceChildren();
  },
  sourceText() {
    const ids = this.links.flatMap(l => l.src);
    return ids.map(i => this.source.querySelector(`.para[data-idx="${i}"]`)).filter(p => p).map(p => p.textContent).join(" ");
  },
  async lookup(text) {
    text = text.trim().slice(0, 2000);
    if (!text || !this.area) return;
    this.query.value = text;
    const asked = ++this.asked;
    const r = await W.api("GET", `/api/concordance/${this.lang}?q=${encodeURIComponent(text)}&limit=12`);
    if (asked !== this.asked || !this.area) return;  // a later lookup or the end of the edit overtook this one
    this.list.replaceChildren();
    if (!r.ok) return W.fail(this.list, r.data);
    this.matches = r.data.matches.filter(m => m.target !== this.own).slice(0, 9);
    if (!this.matches.length) this.list.append(W.el("li", "no earlier translation of this", "none"));
    this.matches.forEach((m, i) => {
      const item = W.el("li", undefined, "match");
      const meta = W.el("div", undefined, "meta");
      meta.append(W.el("kbd", `Alt+${i + 1}`), W.el("span", `${m.score}%`, "score"),
                  W.el("span", m.coverage < 100 ? `covers ${m.coverage}% of the phrase` : "", "coverage"),
                  W.el("span", m.origin, "origin"), W.button("Take", () => this.take(i + 1)));
      const target = W.el("div", m.target, "tgt");
      target.lang = this.area.lang;
      item.append(meta, W.el("div", m.source, "src"), target);
      this.list.append(item);
    });
  },
  take(n) {
    const match = this.matches[n - 1], area = this.area;
    if (!match || !area) return;
    if (area.selectionStart !== area.selectionEnd) area.setRangeText(match.target, area.selectionStart, area.selectionEnd, "end");
    else area.value = match.target;
    area.dispatchEvent(new Event("input"));
    area.focus();
  },
  async loadTerms() {
    const entries = new Map(), findings = [];
    for (const link of this.links) {
      const r = await W.api("GET", `/api/terms/${this.lang}/${encodeURIComponent(link.key)}`);
      if (!this.area) return;
      if (!r.ok) return W.fail(this.terms, r.data);
      for (const e of r.data.entries) entries.set(e.concept, e);
      findings.push(...r.data.findings.filter(f => f.kind !== "ok"));
    }
    if (!entries.size) this.terms.append(W.el("div", "no term base entry in this row", "none"));
    for (const e of entries.values()) this.terms.append(this.entry(e));
    if (findings.length) {
      const list = W.el("ul", undefined, "findings");
      for (const f of findings) {
        const said = f.target_text ? `«${f.target_text}»` : "nothing";
        list.append(W.el("li", `${f.kind}: ${said} for «${f.source_text}»; the term base wants «${f.expected}»`, f.kind));
      }
      this.terms.append(W.el("h3", "The check found"), list);
    }
  },
  entry(e) {
    const box = W.el("div", undefined, "entry");
    box.dataset.concept = e.concept;
    const head = W.el("div", undefined, "concept");
    head.append(W.el("strong", e.concept), W.el("span", [e.pos, e.dnt ? "do not translate" : ""].filter(x => x).join(", "), "pos"));
    box.append(head);
    if (e.source) box.append(W.el("div", `source: ${e.source.preferred}`, "side"));
    if (!e.target) box.append(W.el("div", "no term in this language", "none"));
    else {
      box.append(W.el("div", `preferred: ${e.target.preferred}`, "preferred"));
      if (e.target.variants.length) box.append(W.el("div", `admitted: ${e.target.variants.join(" · ")}`, "admitted"));
      for (const status of this.REJECTED) {
        if (e.target[status].length) box.append(W.el("div", `${status}: ${e.target[status].join(" · ")}`, "rejected"));
      }
    }
    if (e.note) box.append(W.el("div", e.note, "note"));
    return box;
  },
  async scan() {
    const area = this.area;
    if (!area) return;
    const text = area.value, scanned = ++this.scanned;
    const r = await W.api("POST", "/api/terms/scan", {lang: this.lang, text});
    if (scanned !== this.scanned || this.area !== area) return;
    if (!r.ok) { this.live.replaceChildren(); return W.fail(this.live, r.data); }
    const marks = r.data.marks.filter(m => this.REJECTED.includes(m.kind));
    area.classList.toggle("forbidden", marks.length > 0);
    if (!marks.length) return this.live.replaceChildren(W.el("span", "no forbidden term", "clean"));
    this.live.replaceChildren(W.el("strong", `${marks.length} rejected term${marks.length > 1 ? "s" : ""} as typed:`));
    for (const m of marks) {  // each in a few words of its context
      const line = W.el("div", undefined, "text");
      const before = text.slice(Math.max(0, m.start - 30), m.start), after = text.slice(m.end, m.end + 30);
      const mark = W.el("mark", text.slice(m.start, m.end), `term ${m.kind}`);
      mark.title = `${m.concept}: ${m.kind}`;
      line.append(`${m.start > 30 ? "…" : ""}${before}`, mark, `${after}${m.end + 30 < text.length ? "…" : ""}`);
      this.live.append(line);
    }
  },
};
W.on("edit", (cell, idx, area) => A.open(cell, idx, area));
W.on("render", () => { if (A.area && !document.contains(A.area)) A.close(); });
document.addEventListener("selectionchange", () => {
  const selection = document.getSelection();
  if (!A.area || selection.isCollapsed || !A.source.contains(selection.anchorNode)) return;
  const text = selection.toString();
  A.later("lookup", () => A.lookup(text), 250);
});
document.addEventListener("keydown", e => {
  // e.code, not e.key: Alt with a digit types another character on some layouts
  const digit = /^Digit([1-9])$/.exec(e.code);
  if (A.area && digit && e.altKey && !e.ctrlKey && !e.metaKey) { e.preventDefault(); A.take(Number(digit[1])); }
});
