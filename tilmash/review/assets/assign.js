// An admin gives links to accounts: the selected row, the rows the filters show, or every row, in one language.
// The server decides who may (an account that is not an admin is refused; the refusal shows in the banner).
const G = {
  option(value, text) { const o = W.el("option", text); o.value = value; return o; },
  links(n, lang) { return `${n}${lang ? " " + lang : ""} link${n === 1 ? "" : "s"}`; },
  labelled(text, input) { const l = W.el("label", text); l.append(input); return l; },
  keys(lang, scope) {
    const rows = scope === "row" ? (R.row ? [R.row] : []) : scope === "shown" ? R.visible() : R.rows();
    return rows.flatMap(row => T.cells(row, lang).flatMap(c => c.dataset.keys.split(" ").filter(k => k)));
  },
  async assign(lang, keys, account) {
    const r = await W.api("POST", "/api/assign", {lang, keys, account});
    if (!r.ok) W.notice(r.data.error || "request failed");
    else await T.loadQueue();
    return r;
  },
  async open() {
    const list = await W.api("GET", "/api/accounts");
    if (!list.ok) return W.notice(list.data.error || "request failed");
    const panel = W.openPanel("Assign work");
    const cell = R.cell();
    const lang = W.el("select"); lang.id = "assign-lang";
    for (const l of R.langs) lang.append(this.option(l, l));
    lang.value = cell ? cell.dataset.lang : (document.getElementById("f-lang").value || R.langs[0]);
    const scope = W.el("select"); scope.id = "assign-scope";
    scope.append(this.option("row", "the selected row"), this.option("shown", "the rows shown"),
                 this.option("all", "every row"));
    scope.options[0].disabled = !R.row;
    scope.value = R.row ? "row" : "shown";
    const who = W.el("select"); who.id = "assign-account";
    for (const a of list.data.accounts) who.append(this.option(a.name, `${a.name} (${a.role})`));
    who.append(this.option("", "nobody (take the links back)"));
    const count = W.el("div", "", "hint");
    const update = () => { count.textContent = this.links(this.keys(lang.value, scope.value).length); };
    lang.addEventListener("change", update);
    scope.addEventListener("change", update);
    update();
    const out = W.el("div");
    const go = W.button("Assign", async () => {
      const keys = this.keys(lang.value, scope.value);
      out.replaceChildren();
      if (!keys.length) return out.append(W.el("div", "no links to assign", "error-msg"));
      const r = await this.assign(lang.value, keys, who.value || null);
      if (!r.ok) return W.fail(out, r.data);
      const what = `${this.links(r.data.keys.length, lang.value)}`;
      out.append(W.el("div", who.value ? `assigned ${what} to ${who.value}` : `took back ${what}`, "assign-done"));
    });
    go.id = "assign-go";
    panel.append(this.labelled("Language ", lang), this.labelled(" Links ", scope), count,
                 this.labelled("Account ", who), go, out);
  },
};
const assignButton = document.getElementById("assign-open");
if (assignButton) assignButton.addEventListener("click", e => { e.currentTarget.blur(); G.open(); });
