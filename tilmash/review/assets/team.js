// A workbench with accounts: the queue (links assigned to me, links waiting for my review, paragraphs changed
// since this browser's last visit) as a row filter and a list, and who else is viewing or editing which cell.
// "Last visit" is the paragraph versions this browser showed the account when its page last loaded (kept in
// localStorage); on a first visit every edited paragraph is new.
const T = {
  me: null, items: new Map(), assigned: {approved: 0, total: 0}, seen: {}, present: [], timers: {},
  later(name, fn, ms) { clearTimeout(this.timers[name]); this.timers[name] = setTimeout(fn, ms); },
  mode() { return document.getElementById("f-queue").value; },
  storeKey() { return `tilmash-visit:${this.me}`; },
  versions() {
    const out = {};
    document.querySelectorAll(".cell.tgt .para[data-idx][data-version]").forEach(p => {
      const v = Number(p.dataset.version);
      if (v > 0) out[`${p.closest(".cell").dataset.lang}/${p.dataset.idx}`] = v;
    });
    return out;
  },
  remember() {
    try { localStorage.setItem(this.storeKey(), JSON.stringify(this.versions())); } catch (e) { /* storage refused */ }
  },
  changed(cell) {
    return Array.from(cell.querySelectorAll(".para[data-idx][data-version]")).some(p =>
      Number(p.dataset.version) > (this.seen[`${cell.dataset.lang}/${p.dataset.idx}`] || 0));
  },
  why(cell) {
    const keys = cell.dataset.keys ? cell.dataset.keys.split(" ") : [];
    const found = keys.map(k => this.items.get(`${cell.dataset.lang}/${k}`)).filter(i => i);
    return found.length ? found[0] : null;
  },
  // whether a cell is in the queue as the filter `mode` asks
  wanted(cell, mode) {
    if (mode === "changed") return this.changed(cell);
    const item = this.why(cell);
    return !!item && (!mode || mode === "queue" || item.why === (mode === "mine" ? "assigned" : "to review"));
  },
  cells(row, only) {
    return Array.from(row.querySelectorAll(".cell.tgt[data-keys]")).filter(c => !only || c.dataset.lang === only);
  },
  pass(row, only) {
    const mode = this.mode();
    return !mode || this.cells(row, only).some(c => this.wanted(c, mode));
  },
  async loadQueue() {
    const r = await W.api("GET", "/api/queue");
    if (!r.ok) return W.notice(r.data.error);
    this.items = new Map(r.data.items.map(i => [`${i.lang}/${i.key}`, i]));
    this.assigned = r.data.assigned;
    const waiting = r.data.items.filter(i => i.why === "to review").length;
    document.getElementById("queue-progress").textContent = `${this.items.size} open` + (waiting ? `, ${waiting} to review` : "")
      + (this.assigned.total ? ` · assigned ${this.assigned.approved}/${this.assigned.total} approved` : "");
    this.mark();
    R.applyFilters();
  },
  mark() {
    document.querySelectorAll(".badge.queue").forEach(b => b.remove());
    for (const cell of document.querySelectorAll(".cell.tgt[data-keys]")) {
      const item = this.why(cell);
      if (item) cell.querySelector(".badges").append(W.el("span", item.why === "assigned" ? "assigned to you" : "to review", "badge queue"));
    }
  },
  openQueue() {
    const mode = this.mode();
    const label = document.querySelector(`#f-queue option[value="${mode}"]`).textContent;
    const panel = W.openPanel(`Queue of ${this.me}`);
    panel.dataset.kind = "queue";
    panel.append(W.el("div", document.getElementById("queue-progress").textContent, "progress"),
                 W.el("div", `shown: ${mode ? label : "my queue"} (choose in the header)`, "hint"));
    const list = W.el("ol", undefined, "queue");
    for (const row of R.rows()) {
      for (const cell of this.cells(row, null)) {
        if (!this.wanted(cell, mode)) continue;
        const item = this.why(cell);
        const what = [W.where(cell, W.links(cell)[0]), item ? item.why : "changed", cell.dataset.status];
        if (item && item.written_by.length) what.push(`written by ${item.written_by.join(", ")}`);
        const entry = W.el("li");
        entry.append(W.button(what.join(" · "), () => {
          W.closePanel();
          R.select(row, cell.dataset.lang);
          row.scrollIntoView({block: "center"});
        }));
        list.append(entry);
      }
    }
    if (!list.children.length) list.append(W.el("li", "nothing here", "none"));
    panel.append(list);
  },
  async beat() {
    const cell = R.cell();
    const key = cell && cell.dataset.keys ? cell.dataset.keys.split(" ")[0] : "";
    const r = await W.api("POST", "/api/presence", {lang: cell ? cell.dataset.lang : R.langs[0], key,
                                                   editing: !!(cell && cell.querySelector("textarea.editor"))});
    if (!r.ok) return;
    this.present = r.data.present.filter(p => p.name !== this.me);
    this.showPresence();
  },
  showPresence() {
    document.querySelectorAll(".badge.presence").forEach(b => b.remove());
    for (const p of this.present) {
      if (!p.key) continue;
      const cell = document.querySelector(`.cell.tgt[data-lang="${CSS.escape(p.lang)}"][data-keys~="${CSS.escape(p.key)}"]`);
      if (cell) cell.querySelector(".badges").append(W.el("span", `${p.name} ${p.editing ? "is editing" : "is here"}`,
                                                          `badge presence${p.editing ? " editing" : ""}`));
    }
    document.getElementById("presence").textContent = this.present.length
      ? `also here: ${this.present.map(p => p.name).join(", ")}` : "";
  },
  async start() {
    const me = await W.api("GET", "/api/me");
    this.me = me.data.name;
    try { this.seen = JSON.parse(localStorage.getItem(this.storeKey()) || "{}"); } catch (e) { this.seen = {}; }
    this.remember();
    await this.loadQueue();
    this.beat();
    setInterval(() => this.beat(), 10000);  // the server forgets a presence after 30 s
  },
};
R.filters.push((row, only) => T.pass(row, only));
const selectRow = R.select.bind(R);
R.select = (row, lang) => { selectRow(row, lang); T.later("beat", () => T.beat(), 300); };
W.on("edit", () => T.beat());
W.on("saved", (lang, idx, version) => { T.seen[`${lang}/${idx}`] = version; });  // one's own edit is seen
W.on("render", () => { T.remember(); T.mark(); T.showPresence(); T.later("queue", () => T.loadQueue(), 300); });
document.getElementById("f-queue").addEventListener("change", e => { R.applyFilters(); e.target.blur(); });
document.getElementById("queue-open").addEventListener("click", e => { T.openQueue(); e.currentTarget.blur(); });
R.keys.q = () => T.openQueue();
T.start();
