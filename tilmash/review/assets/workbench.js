// Workbench: editing, decisions, history, alignment corrections and export over the JSON API.
// Server-rendered markup (rows, progress) is escaped by the server; everything else is built with textContent.
const W = {
  token: document.querySelector('meta[name="csrf-token"]').content,
  panel: document.getElementById("panel"),
  // A header carries only Latin-1, so the name (any script: Әлия, 李娜) travels percent-encoded UTF-8.
  reviewerHeader() {
    try { return encodeURIComponent(localStorage.getItem("tilmash-reviewer") || ""); } catch (e) { return ""; }
  },
  quiet: ["/api/presence", "/api/terms/scan"],  // posts the page makes by itself
  async api(method, url, body) {
    const headers = {"X-CSRF-Token": this.token, "X-Reviewer": this.reviewerHeader()};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(url, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                       credentials: "same-origin"});
    let data = {};
    try { data = await response.json(); } catch (e) { data = {error: `HTTP ${response.status}`}; }
    // a refusal stays on screen until dismissed or until the next change the reviewer makes succeeds
    if (response.ok && method === "POST" && !this.quiet.includes(url)) this.notice("");
    return {ok: response.ok, status: response.status, data};
  },
  // what assist.js and team.js hook into: "edit" (cell, paragraph index, editor), "saved" (lang, idx, version),
  // "render" (after rows were redrawn)
  hooks: {edit: [], saved: [], render: []},
  on(event, fn) { this.hooks[event].push(fn); },
  emit(event, ...args) { for (const fn of this.hooks[event]) fn(...args); },
  fragment(html) { const t = document.createElement("template"); t.innerHTML = html; return t.content; },
  progress(data) { if (data.progress_html !== undefined) document.getElementById("progress").innerHTML = data.progress_html; },
  park() { document.body.append(document.getElementById("toolbar")); },
  replaceRow(data) {
    this.park();
    this.progress(data);
    if (!data.row) return this.reloadRows();
    const fresh = this.fragment(data.row).firstElementChild;
    const old = document.querySelector(`#rows > .row[data-row="${data.row_number}"]`);
    if (!old) return this.reloadRows();
    const wasCurrent = old === R.row;
    old.replaceWith(fresh);
    if (wasCurrent) R.select(fresh);
    this.rendered();
  },
  replaceRows(data) {
    this.park();
    const number = R.row ? R.row.dataset.row : null;
    document.getElementById("rows").replaceChildren(this.fragment(data.html));
    this.progress(data);
    R.row = null;
    if (number !== null) R.select(document.querySelector(`#rows > .row[data-row="${number}"]`));
    this.rendered();
  },
  rendered() { R.applyFilters(); this.watch(); this.emit("render"); },
  // A save answers before the similarity check; cells marked "checking…" ask until it is done, then redraw.
  watching: new Set(),
  watch() {
    for (const cell of document.querySelectorAll(".cell.tgt[data-checking]")) {
      for (const key of cell.dataset.checking.split(" ")) this.poll(cell.dataset.lang, key);
    }
  },
  async poll(lang, key) {
    const id = `${lang}/${key}`;
    if (this.watching.has(id)) return;
    this.watching.add(id);
    for (let wait = 200; ; wait = Math.min(wait * 1.5, 2000)) {
      await new Promise(done => setTimeout(done, wait));
      const r = await this.api("GET", `/api/pending/${lang}/${encodeURIComponent(key)}`);
      const cell = document.querySelector(`.cell.tgt[data-lang="${lang}"][data-checking~="${key}"]`);
      if (!r.ok || !cell) break;  // the link or its mark is gone: a later reply shows what is current
      if (r.data.pending || cell.closest(".row").querySelector("textarea.editor")) continue;  // keep an edit open
      const row = await this.api("GET", `/api/row/${lang}/${encodeURIComponent(key)}`);
      this.watching.delete(id);
      if (row.ok) this.replaceRow(row.data);
      return;
    }
    this.watching.delete(id);
  },
  async reloadRows() { const r = await this.api("GET", "/api/rows"); if (r.ok) this.replaceRows(r.data); },
  el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; },
  button(text, onclick) { const b = this.el("button", text); b.addEventListener("click", onclick); return b; },
  openPanel(title) {
    const head = this.el("div", undefined, "panelhead");
    head.append(this.el("h2", title), this.button("Close (Esc)", () => this.closePanel()));
    this.panel.replaceChildren(head);
    delete this.panel.dataset.kind;
    this.panel.hidden = false;
    return this.panel;
  },
  // the source language's name, as the first language column heads it
  sourceName() {
    const head = document.querySelector(".colheads .col[data-lang]");
    return head ? head.textContent : "source";
  },
  // what a reviewer calls a cell: its language and the source paragraphs (or, for an insertion, its own)
  where(cell, link) {
    const head = document.querySelector(`.colheads .col[data-lang="${cell.dataset.lang}"]`);
    const name = head ? head.textContent : cell.dataset.lang;
    const source = this.sourceName();
    const src = link.src.length ? `${source} ¶${link.src.join(", ")}` : `${name} ¶${link.tgt.join(", ")}, no ${source}`;
    return `${name}, ${src}`;
  },
  when(at) { const d = new Date(at); return isNaN(d) ? at : d.toLocaleString(); },
  closePanel() { this.panel.hidden = true; this.panel.replaceChildren(); },
  // a refusal shows where it happened and, since that may be off screen or under a panel, in the banner too
  fail(where, data) {
    const message = data.error || "request failed";
    where.append(this.el("div", message, "error-msg"));
    this.notice(message);
  },
  notice(message) {
    const box = document.getElementById("notice");
    if (!message) { box.hidden = true; box.replaceChildren(); return; }
    box.replaceChildren(this.el("span", message), this.button("×", () => this.notice("")));
    box.hidden = false;
  },
  cell() { return R.cell(); },
  links(cell) { return JSON.parse(cell.dataset.links || "[]"); },
  versions(cell) {
    const out = {};
    cell.querySelectorAll(".para[data-idx]").forEach(p => { out[p.dataset.idx] = Number(p.dataset.version); });
    return out;
  },
  async edit(para) {
    const cell = para ? para.closest(".cell.tgt") : this.cell();
    if (!cell || cell.querySelector("textarea.editor")) return;
    para = para || cell.querySelector(".para[data-idx]");
    if (!para) return;
    const lang = cell.dataset.lang, idx = para.dataset.idx;
    const got = await this.api("GET", `/api/paragraph/${lang}/${idx}`);
    if (!got.ok) return this.fail(cell, got.data);
    const box = this.el("div", undefined, "editing");
    const area = this.el("textarea", undefined, "editor");
    area.value = got.data.text;
    area.lang = cell.getAttribute("lang");
    const fit = () => { area.style.height = "auto"; area.style.height = `${area.scrollHeight + 4}px`; };
    area.addEventListener("input", fit);
    const bar = this.el("div", undefined, "editbar");
    let version = got.data.version;
    const save = async () => {
      const r = await this.api("POST", `/api/paragraph/${lang}/${idx}`, {text: area.value, version});
      if (r.ok) { this.emit("saved", lang, idx, r.data.version); return this.replaceRow(r.data); }
      bar.querySelectorAll(".conflict, .error-msg").forEach(e => e.remove());
      if (r.status !== 409) return this.fail(bar, r.data);
      const c = this.el("div", undefined, "conflict");
      c.append(this.el("div", r.data.error), this.el("strong", "Theirs:"), this.el("div", r.data.theirs, "text"),
               this.el("strong", "Yours:"), this.el("div", r.data.yours, "text"),
               this.button("Keep mine", () => { version = r.data.version; save(); }),
               this.button("Take theirs", () => { area.value = r.data.theirs; version = r.data.version; c.remove(); }));
      bar.append(c);
    };
    area.addEventListener("keydown", e => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); save(); }
      if (e.key === "Escape") { e.preventDefault(); this.reloadRows(); }
    });
    bar.append(this.button("Save", save), this.button("Cancel", () => this.reloadRows()),
               this.el("span", `Ctrl+Enter saves, Esc cancels · ¶${idx}, version ${version}`, "hint"));
    box.append(area, bar);
    para.replaceWith(box);
    fit();
    area.focus();
    this.emit("edit", cell, idx, area);
  },
  async decide(status) {
    const cell = this.cell();
    if (!cell) return;
    const versions = this.versions(cell);
    let last = null;
    for (const link of this.links(cell)) {
      const r = await this.api("POST", "/api/decision",
                               {lang: cell.dataset.lang, key: link.key, status, versions, seen: link.review});
      if (!r.ok) return this.fail(cell, r.data);
      last = r.data;
    }
    if (last) this.replaceRow(last);
  },
  comment() {
    const cell = this.cell();
    if (!cell) return;
    const link = this.links(cell)[0];
    const panel = this.openPanel(`Comment: ${this.where(cell, link)}`);
    const area = this.el("textarea", undefined, "editor");
    panel.append(area, this.button("Add comment", async () => {
      const r = await this.api("POST", "/api/comment", {lang: cell.dataset.lang, key: link.key, text: area.value});
      if (!r.ok) return this.fail(panel, r.data);
      this.closePanel(); this.replaceRow(r.data);
    }));
    area.focus();
  },
  async history(para) {
    const cell = para ? para.closest(".cell.tgt") : this.cell();
    if (!cell) return;
    para = para || cell.querySelector(".para[data-idx]");
    const lang = cell.dataset.lang, link = this.links(cell)[0];
    const panel = this.openPanel(`History: ${this.where(cell, link)}`);
    let events = [];
    for (const p of cell.querySelectorAll(".para[data-idx]")) {
      const idx = p.dataset.idx;
      const r = await this.api("GET", `/api/history/${lang}/${idx}?key=${encodeURIComponent(link.key)}`);
      if (!r.ok) { this.fail(panel, r.data); continue; }
      if (!events.length) events = r.data.events;
      panel.append(this.el("h3", `Paragraph ¶${idx}: ${r.data.versions.length} version${r.data.versions.length > 1 ? "s" : ""}`));
      const current = r.data.versions[0].version;
      for (const v of r.data.versions) {
        const box = this.el("div", undefined, "version");
        const who = this.el("div", `v${v.version}${v.version === current ? " (current)" : ""} · ${v.action} · ${v.author} · ${this.when(v.at)}`, "who");
        if (v.version !== current) who.append(this.button(`Restore v${v.version}`, async () => {
          const s = await this.api("POST", `/api/restore/${lang}/${idx}`, {to_version: v.version, version: current});
          if (!s.ok) return this.fail(box, s.data);
          this.closePanel(); this.replaceRow(s.data);
        }));
        const diff = this.el("div", undefined, "diff");
        for (const [op, text] of v.diff) diff.append(op === "=" ? document.createTextNode(text) : this.el(op === "-" ? "del" : "ins", text));
        box.append(who, diff);
        panel.append(box);
      }
    }
    if (events.length) panel.append(this.el("h3", "Decisions and comments"));
    for (const e of events) {
      const box = this.el("div", undefined, "version event");
      box.append(this.el("div", `${e.kind} · ${e.author} · ${this.when(e.at)}`, "who"));
      if (e.text) box.append(this.el("div", e.text, "text"));
      panel.append(box);
    }
  },
  async realign(url, body, cell) {
    const r = await this.api("POST", url, {lang: cell.dataset.lang, version: Number(cell.dataset.alignVersion), ...body});
    if (!r.ok) return this.fail(cell, r.data);
    this.replaceRows(r.data);
  },
  merge() {
    const cell = this.cell();
    if (!cell) return;
    const links = this.links(cell);
    this.realign("/api/align/merge", {key: links[links.length - 1].key}, cell);
  },
  split() {
    const cell = this.cell();
    if (!cell) return;
    const links = this.links(cell);
    const link = links.find(l => l.src.length + l.tgt.length > 2) || links[0];
    const panel = this.openPanel(`Split: ${this.where(cell, link)} (${link.src.length}-${link.tgt.length})`);
    const src = this.el("input"); src.type = "number"; src.min = 0; src.max = link.src.length; src.id = "split-src";
    src.value = link.src.length > 1 ? 1 : link.src.length;
    const tgt = this.el("input"); tgt.type = "number"; tgt.min = 0; tgt.max = link.tgt.length; tgt.id = "split-tgt";
    tgt.value = link.tgt.length > 1 ? 1 : (link.src.length > 1 ? link.tgt.length : 0);
    const l1 = this.el("label", `${this.sourceName()} paragraphs (of ${link.src.length}) in the first part `);
    l1.append(src);
    const l2 = this.el("label", ` target paragraphs (of ${link.tgt.length}) in the first part `); l2.append(tgt);
    panel.append(l1, l2, this.button("Split", () => {
      this.closePanel();
      this.realign("/api/align/split", {key: link.key, src_at: Number(src.value), tgt_at: Number(tgt.value)}, cell);
    }));
    src.focus();
  },
  noCounterpart() {
    const cell = this.cell();
    if (!cell) return;
    const link = this.links(cell).find(l => l.src.length && l.tgt.length);
    if (link) this.realign("/api/align/split", {key: link.key, src_at: link.src.length, tgt_at: 0}, cell);
  },
  exportDialog() {
    const panel = this.openPanel("Export the reviewed corpus");
    const name = this.el("input"); name.id = "export-name"; name.value = "reviewed";
    const label = this.el("label", "Name "); label.append(name);
    const out = this.el("div");
    panel.append(label, this.button("Export", async () => {
      const r = await this.api("POST", "/api/export", {name: name.value});
      out.replaceChildren();
      if (!r.ok) return this.fail(out, r.data);
      out.append(this.el("div", `Written to ${r.data.export}`, "export-done"));
      for (const f of r.data.files) out.append(this.el("div", f));
      for (const f of r.data.post_edits) out.append(this.el("div", `set: ${f} (role post-edit)`));
    }), out);
    name.focus();
  },
};
const reviewer = document.getElementById("reviewer");
reviewer.value = localStorage.getItem("tilmash-reviewer") || "";
reviewer.addEventListener("change", () => localStorage.setItem("tilmash-reviewer", reviewer.value.trim()));
document.getElementById("export-open").addEventListener("click", () => W.exportDialog());
document.getElementById("toolbar").addEventListener("click", e => {
  const button = e.target.closest("button");
  if (!button) return;
  e.stopPropagation();
  ({edit: () => W.edit(), approve: () => W.decide("approved"), reject: () => W.decide("rejected"),
    comment: () => W.comment(), history: () => W.history(), merge: () => W.merge(), split: () => W.split(),
    none: () => W.noCounterpart()})[button.dataset.act]();
});
document.getElementById("rows").addEventListener("dblclick", e => {
  const para = e.target.closest(".cell.tgt .para[data-idx]");
  if (para) { const cell = para.closest(".cell.tgt"); R.select(cell.closest(".row"), cell.dataset.lang); W.edit(para); }
});
document.addEventListener("keydown", e => {
  if (e.key !== "Escape") return;
  if (!W.panel.hidden) W.closePanel();
  W.notice("");
});
W.watch();
Object.assign(R.keys, {
  e: () => W.edit(), a: () => W.decide("approved"), r: () => W.decide("rejected"), c: () => W.comment(),
  h: () => W.history(), m: () => W.merge(), s: () => W.split(), x: () => W.noCounterpart(),
});
