// marsad dashboard: the Review tab. The queue (most needed first), an
// event editor with its evidence sentence highlighted, the event's
// incident (merge, move), revision history, the pipeline's agreement with
// reviewers over time, and links to the reviewed exports.
// Keys (outside form fields): a accept, r reject, e edit, j/k next/previous.
// Writes carry the reviewer's token (kept in localStorage) and the version
// last seen; a 409 shows who changed the record, and nothing is overwritten.
// Loads are asynchronous: only the answer to the latest request for the
// event or the incident panel is shown (tickets), a/r/e wait until the
// selected event (`want`) is on screen, so a quick "j r" never rejects the
// previous event, and a refresh of the incident panel keeps what the
// analyst typed in its box.
// Untrusted text only ever goes through textContent (el() from app.js).
"use strict";

const rv = { token: localStorage.getItem("marsad.token") || "", me: null, items: [], pos: -1, ev: null, want: null, evTicket: 0, inc: null, incTicket: 0, editing: false };

async function rvCall(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (rv.token) headers.Authorization = `Bearer ${rv.token}`;
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try { data = await r.json(); } catch (_) { /* not JSON */ }
  if (!r.ok) {
    const e = new Error((data && data.error) || `HTTP ${r.status}`);
    e.status = r.status;
    e.conflict = data && data.conflict;
    throw e;
  }
  return data;
}

function rvMsg(text, kind) {
  const m = $("rv-msg");
  clear(m);
  m.className = kind || "";
  if (!text) return;
  m.append(text);
  if (kind === "conflict") {
    m.append(" ", el("button", { type: "button", id: "rv-reload", text: "Reload", onclick: () => { rvMsg(""); openEvent(rv.want || (rv.ev && rv.ev.uid)); } }));
  }
}

function rvFail(e) {
  if (e.status === 409) rvMsg(`Conflict: ${e.message}`, "conflict");
  else rvMsg(e.message, "error");
}

// ---- sign-in ----
async function signIn() {
  rv.token = $("rv-token").value.trim();
  localStorage.setItem("marsad.token", rv.token);
  await whoAmI();
}

async function whoAmI() {
  const who = $("rv-who");
  rv.me = null;
  if (!rv.token) { who.textContent = "not signed in: reads only"; return; }
  try {
    rv.me = await rvCall("GET", "/api/review/me");
    who.textContent = `${rv.me.name} (${rv.me.role})`;
    const sel = $("rv-reason");
    if (sel.options.length <= 1) for (const r of rv.me.reasons) sel.append(el("option", { value: r, text: r }));
  } catch (e) { who.textContent = `token refused: ${e.message}`; }
}

// ---- queue ----
async function loadQueue() {
  const list = $("rv-queue");
  clear(list);
  try {
    const q = await rvCall("GET", "/api/review/queue?limit=100");
    rv.items = q.items;
    $("rv-count").textContent = `(${q.total})`;
    q.items.forEach((it, i) => {
      const li = el("li", { tabindex: "0", "data-uid": it.uid, class: it.status !== "unreviewed" ? "flagged" : null },
        el("b", { text: it.type }), " ", el("span", { class: "trig", text: it.trigger }), " ",
        el("span", { class: "why", text: it.why.join("; ") }));
      li.addEventListener("click", () => { rv.pos = i; openEvent(it.uid); });
      list.append(li);
    });
  } catch (e) { rvFail(e); }
}

function step(d) {
  if (!rv.items.length) return;
  rv.pos = Math.max(0, Math.min(rv.items.length - 1, rv.pos + d));
  openEvent(rv.items[rv.pos].uid);
}

// ---- event editor ----
const FIELD_INPUTS = ["type", "actor", "recipient", "place", "date", "fatalities", "injured", "modality"];

function fieldText(k, v) {
  if (v === null || v === undefined) return "";
  if (k === "type") return typeof v === "string" ? v : v.type || "";
  if (k === "actor" || k === "recipient") return v.name || v.text || v.id || "";
  if (k === "place") return v.name || "";
  return String(v);
}

function evidence(ev) {
  const box = el("p", { id: "rv-evidence", dir: "auto" });
  if (!ev.sentence) { box.textContent = "(the event is no longer in its document)"; return box; }
  const chars = Array.from(ev.sentence.text);
  const marks = [];
  if (ev.trigger) marks.push([ev.trigger.start, ev.trigger.end, "trigger"]);
  for (const k of ["actor", "recipient"]) {
    const a = ev.fields[k];
    if (a && typeof a.start === "number" && typeof a.end === "number") marks.push([a.start, a.end, k]);
  }
  marks.sort((x, y) => x[0] - y[0]);
  let at = ev.sentence.start;
  for (const [s, e, cls] of marks) {
    if (s < at || e > ev.sentence.end) continue;
    box.append(chars.slice(at - ev.sentence.start, s - ev.sentence.start).join(""));
    box.append(el("mark", { class: cls, title: cls, text: chars.slice(s - ev.sentence.start, e - ev.sentence.start).join("") }));
    at = e;
  }
  box.append(chars.slice(at - ev.sentence.start).join(""));
  return box;
}

async function openEvent(uid) {
  if (!uid) return;
  for (const li of $("rv-queue").querySelectorAll("li")) li.classList.toggle("on", li.dataset.uid === uid);
  rv.want = uid;
  const ticket = ++rv.evTicket;
  let ev;
  try {
    ev = await rvCall("GET", `/api/review/event?uid=${encodeURIComponent(uid)}`);
  } catch (e) { if (rv.evTicket === ticket) rvFail(e); return; }
  if (rv.evTicket !== ticket) return; // a later request (or a save) supersedes it
  rv.ev = ev;
  rv.editing = false;
  renderEvent();
  if (ev.incident !== null && ev.incident !== undefined) openIncident(ev.incident);
  else { rv.inc = null; rv.incTicket++; clear($("rv-incident")); }
  loadHistory("event", uid);
}

function renderEvent() {
  const ev = rv.ev;
  const box = $("rv-event");
  clear(box);
  box.append(el("h3", { text: ev.title || ev.doc }),
    el("p", { class: "meta" }, el("span", { id: "rv-status", text: ev.status }), ` · version `, el("span", { id: "rv-version", text: String(ev.version) }),
      ev.confidence !== null ? ` · confidence ${ev.confidence.toFixed(2)}` : "", ev.reviewer ? ` · last by ${ev.reviewer}` : ""),
    evidence(ev));
  if (ev.flags.length) box.append(el("p", { class: "flags", text: `⚑ ${ev.flags.join("; ")}` }));
  const form = el("form", { id: "rv-form", autocomplete: "off" });
  for (const k of FIELD_INPUTS) {
    const v = fieldText(k, ev.fields[k]);
    let input;
    if (k === "modality") {
      input = el("select", { name: k, id: `rv-f-${k}`, disabled: !rv.editing });
      for (const m of ["asserted", "negated", "hypothetical", "generic"]) input.append(el("option", { value: m, text: m, selected: m === v }));
    } else {
      input = el("input", { name: k, id: `rv-f-${k}`, value: v, disabled: !rv.editing, type: k === "fatalities" || k === "injured" ? "number" : "text", min: "0" });
    }
    form.append(el("label", { class: ev.edited.includes(k) ? "edited" : null }, k, " ", input));
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); saveEdit(); });
  box.append(form,
    el("div", { class: "buttons" },
      el("button", { type: "button", id: "rv-accept", title: "a", text: "Accept (a)", onclick: () => act("accept") }),
      el("button", { type: "button", id: "rv-edit", title: "e", text: rv.editing ? "Save (e)" : "Edit (e)", onclick: () => (rv.editing ? saveEdit() : startEdit()) }),
      ev.status === "rejected"
        ? el("button", { type: "button", id: "rv-restore", text: "Restore", onclick: () => act("restore") })
        : el("button", { type: "button", id: "rv-reject", title: "r", text: "Reject (r)", onclick: () => act("reject") }),
      ev.flags.length && rv.me && rv.me.role === "adjudicator"
        ? el("button", { type: "button", id: "rv-resolve", text: "Keep reviewer's values", onclick: () => act("resolve", { resolution: "keep" }) })
        : null));
}

function startEdit() {
  rv.editing = true;
  renderEvent();
  const f = $("rv-f-actor");
  if (f) f.focus();
}

async function act(action, extra) {
  const ev = rv.ev;
  if (!ev) return;
  const body = Object.assign({ uid: ev.uid, version: ev.version, action, reason: $("rv-reason").value || undefined }, extra || {});
  try {
    const saved = await rvCall("POST", "/api/review/event", body);
    if (rv.want !== saved.uid) { // the analyst moved on while it saved
      rvMsg(`${action}: saved (version ${saved.version})`, "ok");
      loadQueue();
      loadEvents();
      return;
    }
    rv.ev = saved;
    rv.evTicket++; // a load sent before the save would show the older version
    rv.editing = false;
    rvMsg(`${action}: saved (version ${rv.ev.version})`, "ok");
    renderEvent();
    loadHistory("event", rv.ev.uid);
    if (rv.ev.incident !== null && rv.ev.incident !== undefined) openIncident(rv.ev.incident);
    loadQueue();
    loadEvents();
  } catch (e) { rvFail(e); }
}

async function saveEdit() {
  const fields = {};
  for (const k of FIELD_INPUTS) {
    const input = $(`rv-f-${k}`);
    const v = input.value.trim();
    if (v === fieldText(k, rv.ev.fields[k])) continue;
    fields[k] = v === "" ? null : (k === "fatalities" || k === "injured" ? Number(v) : v);
  }
  if (!Object.keys(fields).length) { rv.editing = false; renderEvent(); return; }
  await act("edit", { fields });
}

// ---- incident: reports, merge, move ----
async function openIncident(id) {
  const box = $("rv-incident");
  const ticket = ++rv.incTicket;
  let inc;
  try { inc = await rvCall("GET", `/api/review/incidents/${id}`); } catch (e) { if (rv.incTicket === ticket) clear(box); return; }
  if (rv.incTicket !== ticket) return; // a later request supersedes it
  const typedBox = $("rv-merge-id");
  const typed = rv.inc && rv.inc.id === inc.id && typedBox ? typedBox.value : "";
  rv.inc = inc;
  clear(box);
  box.append(el("h3", { text: `Incident ${inc.id}` }),
    el("p", { class: "meta", text: `${inc.status} · version ${inc.version} · ${inc.reports.length} report(s)${inc.flags.length ? " · ⚑ " + inc.flags.join("; ") : ""}` }));
  const ol = el("ol", { class: "reports" });
  for (const r of inc.reports) ol.append(el("li", { text: `${r.doc}: ${r.trigger ? r.trigger.text : ""} (${r.status})` }));
  box.append(ol);
  const other = el("input", { id: "rv-merge-id", type: "number", min: "0", placeholder: "incident id", value: typed });
  box.append(el("div", { class: "buttons" }, other,
    el("button", { type: "button", id: "rv-merge", text: "Merge into this", onclick: () => mergeInto(Number(other.value)) }),
    el("button", { type: "button", id: "rv-move", text: "Move this report there", onclick: () => moveTo(Number(other.value)) })));
}

async function mergeInto(from) {
  if (!rv.inc || !from) return;
  try {
    const other = await rvCall("GET", `/api/review/incidents/${from}`);
    const versions = { [rv.inc.id]: rv.inc.version, [from]: other.version };
    await rvCall("POST", "/api/review/merge", { into: rv.inc.id, from: [from], versions, reason: $("rv-reason").value || "duplicate" });
    rvMsg(`incident ${from} merged into ${rv.inc.id}`, "ok");
    openIncident(rv.inc.id);
    loadHistory("incident", String(rv.inc.id));
    loadEvents();
  } catch (e) { rvFail(e); }
}

async function moveTo(to) {
  if (!rv.ev || !to) return;
  try {
    const target = await rvCall("GET", `/api/review/incidents/${to}`);
    await rvCall("POST", "/api/review/move", { uid: rv.ev.uid, version: rv.ev.version, to, to_version: target.version, reason: $("rv-reason").value || undefined });
    rvMsg(`report moved to incident ${to}`, "ok");
    openEvent(rv.ev.uid);
    loadEvents();
  } catch (e) { rvFail(e); }
}

// ---- history, agreement ----
async function loadHistory(target, id) {
  const ol = $("rv-history");
  clear(ol);
  try {
    const h = await rvCall("GET", `/api/review/history?target=${target}&id=${encodeURIComponent(id)}&limit=50`);
    for (const r of h.revisions) {
      ol.append(el("li", { text: `${r.at} ${r.reviewer} ${r.action} v${r.version}${r.reason ? " (" + r.reason + ")" : ""}: ${JSON.stringify(r.diff)}` }));
    }
  } catch (e) { rvFail(e); }
}

async function loadAgreement() {
  const t = $("rv-agreement");
  clear(t);
  try {
    const a = await rvCall("GET", "/api/review/agreement");
    const head = el("tr", {}, el("th", { text: "day" }), el("th", { text: "n" }));
    for (const f of a.fields) head.append(el("th", { text: f }));
    t.append(head);
    for (const p of a.periods) {
      const tr = el("tr", {}, el("td", { text: p.period }), el("td", { text: String(p.reviewed) }));
      for (const f of a.fields) {
        const v = p.agreement[f];
        tr.append(el("td", { class: "pct", text: v === undefined ? "–" : `${Math.round(v * 100)}%` }));
      }
      t.append(tr);
    }
  } catch (e) { rvFail(e); }
}

function reviewKeys(ev) {
  if (!$("tab-review").classList.contains("on")) return;
  const tag = (ev.target && ev.target.tagName) || "";
  if (["INPUT", "SELECT", "TEXTAREA"].includes(tag) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const k = ev.key;
  // a/r/e act on the event on screen: while the selected one loads, wait
  const loading = rv.want !== (rv.ev && rv.ev.uid);
  if (loading && ["a", "r", "e"].includes(k)) { ev.preventDefault(); return; }
  if (k === "j") step(1);
  else if (k === "k") step(-1);
  else if (k === "a") act("accept");
  else if (k === "r") act(rv.ev && rv.ev.status === "rejected" ? "restore" : "reject");
  else if (k === "e") (rv.editing ? saveEdit() : startEdit());
  else return;
  ev.preventDefault();
}

function startReview() {
  $("rv-token").value = rv.token;
  $("rv-signin").addEventListener("submit", (e) => { e.preventDefault(); signIn(); });
  document.addEventListener("keydown", reviewKeys);
  const tab = document.querySelector('#tabs button[data-tab="review"]');
  tab.addEventListener("click", () => { whoAmI(); loadQueue(); loadAgreement(); });
}

document.addEventListener("DOMContentLoaded", startReview);
