"use strict";
// Filters, row navigation and term hover for the review page (static and workbench).
const R = {
  row: null, lang: null, keys: {},
  filters: [],  // more tests a row must pass (the workbench's queue filter adds one)
  langs: document.body.dataset.langs.split(" "),
  rows() { return Array.from(document.querySelectorAll("#rows > .row")); },
  visible() { return this.rows().filter(r => !r.classList.contains("hidden")); },
  flaggedCells(row) {
    const only = document.getElementById("f-lang").value;
    return Array.from(row.querySelectorAll(".cell.tgt[data-status]")).filter(c =>
      c.dataset.status !== "ok" && (!only || c.dataset.lang === only));
  },
  flaggedIn(row) { return this.flaggedCells(row).length > 0; },
  applyFilters() {
    const flagged = document.getElementById("f-flagged").checked;
    const only = document.getElementById("f-lang").value;
    const reason = document.getElementById("f-reason").value;
    const concept = document.getElementById("f-concept").value;
    if (only) { document.body.dataset.only = only; this.lang = only; } else { delete document.body.dataset.only; }
    let shown = 0, total = 0;
    for (const row of this.rows()) {
      total++;
      const flags = row.dataset.flags ? row.dataset.flags.split(" ") : [];
      const concepts = row.dataset.concepts ? row.dataset.concepts.split(" ") : [];
      let ok = true;
      if (flagged && !this.flaggedIn(row)) ok = false;
      if (only && !row.querySelector(`.cell.tgt[data-lang="${only}"][data-keys]`)) ok = false;
      if (reason && !flags.some(f => f.endsWith(":" + reason) && (!only || f.startsWith(only + ":")))) ok = false;
      if (concept && !concepts.includes(concept)) ok = false;
      if (!this.filters.every(test => test(row, only))) ok = false;
      if (row === this.row) ok = true;  // the row being worked on stays until the reviewer moves on
      row.classList.toggle("hidden", !ok);
      if (ok) shown++;
    }
    document.getElementById("count").textContent = `${shown} of ${total} rows shown`;
  },
  select(row, lang) {
    if (!row) return;
    if (this.row) this.row.classList.remove("current");
    document.querySelectorAll(".cell.current").forEach(c => c.classList.remove("current"));
    this.row = row;
    if (lang) this.lang = lang;
    if (!this.lang) this.lang = this.langs[this.langs.length - 1];
    row.classList.add("current");
    const cell = this.cell();
    if (cell) cell.classList.add("current");
    const toolbar = document.getElementById("toolbar");
    if (toolbar && cell && cell.dataset.keys) cell.append(toolbar);
  },
  cell() { return this.row ? this.row.querySelector(`.cell.tgt[data-lang="${this.lang}"]`) : null; },
  move(step, flaggedOnly) {
    const rows = this.visible();
    let i = this.row ? rows.indexOf(this.row) : -1;
    for (;;) {
      i += step;
      if (i < 0 || i >= rows.length) return;
      if (!flaggedOnly || this.flaggedIn(rows[i])) break;
    }
    // on a flagged row, land on a flagged cell: this language's when it is one, else the first
    const flagged = flaggedOnly ? this.flaggedCells(rows[i]) : [];
    const keep = flagged.some(c => c.dataset.lang === this.lang);
    this.select(rows[i], flagged.length && !keep ? flagged[0].dataset.lang : null);
    rows[i].scrollIntoView({block: "center"});
  },
};
// The sticky header's height, so that a row scrolled to (a clause link, j/k) is not hidden under it.
const fitHeader = () => document.documentElement.style.setProperty(
  "--head", `${document.querySelector("header").offsetHeight}px`);
const toggleKeys = () => { document.body.classList.toggle("keys"); fitHeader(); };
for (const id of ["f-flagged", "f-lang", "f-reason", "f-concept"]) {
  // blur: a focused select would take the next j/k as a choice, a checkbox would swallow the shortcuts
  document.getElementById(id).addEventListener("change", e => { R.applyFilters(); e.target.blur(); });
}
document.getElementById("keys-toggle").addEventListener("click", e => { toggleKeys(); e.currentTarget.blur(); });
window.addEventListener("resize", fitHeader);
document.getElementById("rows").addEventListener("click", e => {
  const cell = e.target.closest(".cell");
  const row = e.target.closest(".row");
  if (row) R.select(row, cell && cell.classList.contains("tgt") ? cell.dataset.lang : null);
});
document.getElementById("rows").addEventListener("mouseover", e => {
  const mark = e.target.closest("mark.term");
  document.querySelectorAll("mark.term.hot").forEach(m => m.classList.remove("hot"));
  if (mark) {
    const row = mark.closest(".row");
    row.querySelectorAll(`mark.term[data-concept="${CSS.escape(mark.dataset.concept)}"]`)
      .forEach(m => m.classList.add("hot"));
  }
});
Object.assign(R.keys, {
  j: () => R.move(1, true), k: () => R.move(-1, true), n: () => R.move(1, false), p: () => R.move(-1, false),
  f: () => { const box = document.getElementById("f-flagged"); box.checked = !box.checked; R.applyFilters(); },
  "?": toggleKeys,
});
R.langs.forEach((lang, i) => { R.keys[String(i + 1)] = () => R.select(R.row || R.visible()[0], lang); });
document.addEventListener("keydown", e => {
  const t = e.target;
  if (t.closest && t.closest("textarea, input, select, #panel")) return;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const handler = R.keys[e.key];
  if (handler) { e.preventDefault(); handler(); }
});
R.applyFilters();
fitHeader();
if (location.hash) { const target = document.getElementById(location.hash.slice(1)); if (target) R.select(target.closest(".row")); }
