// marsad dashboard: map, timeline, filters, incident, reader and actor views.
// Plain JS, no dependencies. Everything that comes from the API (article
// text, titles, names) is untrusted: it only ever reaches the page through
// textContent or attribute values, never as markup.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const state = { events: [], byId: new Map(), view: { x: 0, y: 0, w: 360, h: 180 }, selected: null, doc: null };

const TYPE_COLOURS = {
  ASSAULT: "#c62828", FIGHT: "#ef6c00", COERCE: "#6a1b9a", PROTEST: "#1565c0", MOBILIZE: "#00838f",
  THREATEN: "#ad1457", SANCTION: "#4e342e", DEMAND: "#558b2f", ACCUSE: "#795548", REJECT: "#5d4037",
  CONSULT: "#2e7d32", AGREE: "#00695c", SUPPORT: "#43a047", AID: "#7cb342", RETREAT: "#9e9d24",
  CHANGE_GROUP: "#455a64", COOPERATE: "#26a69a", CONCEDE: "#8d6e63", REQUEST: "#0277bd",
};
function colour(t) {
  if (TYPE_COLOURS[t]) return TYPE_COLOURS[t];
  let h = 0;
  for (const c of String(t)) h = (h * 31 + c.codePointAt(0)) % 360;
  return `hsl(${h},55%,45%)`;
}

// ---- small DOM helpers (text only) ----
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function svg(tag, attrs) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
const $ = (id) => document.getElementById(id);

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await r.json(); } catch (_) { /* not JSON */ }
  if (!r.ok) throw new Error((body && body.error) || `HTTP ${r.status}`);
  return body;
}

// ---- tabs ----
function showTab(name) {
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("on", b.dataset.tab === name);
  for (const t of document.querySelectorAll(".tab")) t.classList.toggle("on", t.id === `tab-${name}`);
}

// ---- map ----
const proj = (lon, lat) => [lon + 180, 90 - lat];

async function drawBasemap() {
  const g = $("basemap");
  let world;
  try { world = await api("/assets/world.json"); } catch (e) { return; }
  const frag = document.createDocumentFragment();
  for (const c of world.countries) {
    let d = "";
    for (const ring of c.rings) {
      // a ring cut at the antimeridian jumps from one side to the other:
      // start a new subpath there instead of drawing across the world
      let cut = false;
      for (let i = 0; i < ring.length; i += 2) {
        const [x, y] = proj(ring[i], ring[i + 1]);
        const jump = i > 0 && Math.abs(ring[i] - ring[i - 2]) > 180;
        if (jump) cut = true;
        d += (i === 0 || jump ? "M" : "L") + x.toFixed(2) + " " + y.toFixed(2);
      }
      if (!cut) d += "Z";
    }
    const p = svg("path", { d });
    const t = svg("title", {});
    t.textContent = c.name || "";
    p.append(t);
    frag.append(p);
  }
  g.append(frag);
}

function setView(v) {
  const w = Math.min(Math.max(v.w, 0.5), 720);
  const h = w / 2;
  const cx = v.x + v.w / 2, cy = v.y + v.h / 2;
  state.view = { x: cx - w / 2, y: cy - h / 2, w, h };
  $("map").setAttribute("viewBox", `${state.view.x} ${state.view.y} ${w} ${h}`);
  const r = Math.max(w / 150, 0.04);
  for (const c of $("dots").children) {
    const rc = r * (1 + Math.min(Number(c.dataset.f || 0), 50) / 25);
    c.setAttribute("r", rc.toFixed(3));
    // incidents at the same point are spread on a small circle (a constant
    // size on screen) so that each dot can be seen and clicked
    const n = Number(c.dataset.gn || 1);
    let x = Number(c.dataset.bx), y = Number(c.dataset.by);
    if (n > 1) {
      const a = (2 * Math.PI * Number(c.dataset.gi)) / n - Math.PI / 2;
      const off = r * (1.6 + 0.25 * n);
      x += off * Math.cos(a);
      y += off * Math.sin(a);
    }
    c.setAttribute("cx", x.toFixed(4));
    c.setAttribute("cy", y.toFixed(4));
  }
}

function zoom(factor, cx, cy) {
  const v = state.view;
  if (cx === undefined) { cx = v.x + v.w / 2; cy = v.y + v.h / 2; }
  const w = v.w * factor, h = v.h * factor;
  setView({ x: cx - (cx - v.x) * factor, y: cy - (cy - v.y) * factor, w, h });
}

function centreOn(lon, lat, width) {
  const [x, y] = proj(lon, lat);
  const w = width || Math.min(state.view.w, 20);
  setView({ x: x - w / 2, y: y - w / 4, w, h: w / 2 });
}

function inView(lon, lat) {
  const [x, y] = proj(lon, lat);
  const v = state.view;
  return x >= v.x && x <= v.x + v.w && y >= v.y && y <= v.y + v.h;
}

function fitEvents() {
  const pts = state.events.filter((e) => e.lat != null && e.lon != null).map((e) => proj(e.lon, e.lat));
  if (!pts.length) { setView({ x: 0, y: 0, w: 360, h: 180 }); return; }
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of pts) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  const w = Math.max(x1 - x0, (y1 - y0) * 2, 8) * 1.4;
  setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - w / 4, w, h: w / 2 });
}

function mapInteractions() {
  const m = $("map");
  m.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const pt = toMap(ev);
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, pt[0], pt[1]);
  }, { passive: false });
  let drag = null;
  m.addEventListener("pointerdown", (ev) => {
    if (ev.target.classList && ev.target.classList.contains("dot")) return;
    drag = { sx: ev.clientX, sy: ev.clientY, v: { ...state.view } };
    m.classList.add("drag");
  });
  window.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const rect = m.getBoundingClientRect();
    const s = Math.max(drag.v.w / rect.width, drag.v.h / rect.height);
    setView({ ...drag.v, x: drag.v.x - (ev.clientX - drag.sx) * s, y: drag.v.y - (ev.clientY - drag.sy) * s });
  });
  window.addEventListener("pointerup", () => { drag = null; m.classList.remove("drag"); });
  $("zin").addEventListener("click", () => zoom(0.6));
  $("zout").addEventListener("click", () => zoom(1 / 0.6));
  $("zfit").addEventListener("click", fitEvents);
}

function toMap(ev) {
  const m = $("map");
  const p = m.createSVGPoint();
  p.x = ev.clientX; p.y = ev.clientY;
  const q = p.matrixTransform(m.getScreenCTM().inverse());
  return [q.x, q.y];
}

function drawDots() {
  const g = $("dots");
  clear(g);
  // bigger incidents underneath
  const evs = state.events.filter((e) => e.lat != null && e.lon != null).sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
  // incidents sharing a point (one city, several events): index in the group
  const groups = new Map();
  const key = (e) => `${e.lon.toFixed(3)},${e.lat.toFixed(3)}`;
  for (const e of evs) groups.set(key(e), (groups.get(key(e)) || 0) + 1);
  const seen = new Map();
  for (const e of evs) {
    const [x, y] = proj(e.lon, e.lat);
    const k = key(e);
    const gi = seen.get(k) || 0;
    seen.set(k, gi + 1);
    // an incident reported by several documents gets a ring
    const c = svg("circle", { cx: x.toFixed(3), cy: y.toFixed(3), r: "1", fill: colour(e.type), class: e.n_documents > 1 ? "dot multi" : "dot" });
    c.dataset.id = String(e.id);
    c.dataset.f = e.fatalities || 0;
    c.dataset.docs = e.n_documents || 1;
    c.dataset.bx = x.toFixed(4);
    c.dataset.by = y.toFixed(4);
    c.dataset.gi = gi;
    c.dataset.gn = groups.get(k);
    const t = svg("title", {});
    t.textContent = `${e.type} · ${e.date || "?"} · ${e.place || ""}${e.fatalities ? ` · ${e.fatalities} killed` : ""} · ${reportsLabel(e)}`;
    c.append(t);
    c.addEventListener("click", (ev) => { ev.stopPropagation(); showIncident(e.id); });
    g.append(c);
  }
  setView(state.view);
}

function reportsLabel(e) {
  const r = e.n_reports || 1, d = e.n_documents || 1;
  return `${r} report${r > 1 ? "s" : ""}${d > 1 ? ` in ${d} documents` : ""}`;
}

function markSelected(id) {
  id = String(id);
  state.selected = id;
  for (const c of $("dots").children) c.classList.toggle("sel", c.dataset.id === id);
  for (const li of $("list").children) li.classList.toggle("sel", li.dataset.id === id);
}

// ---- timeline ----
function weekStart(iso) {
  // Monday of the ISO week containing the date (YYYY-MM-DD, YYYY-MM or YYYY)
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso || "");
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1));
  if (isNaN(d)) return null;
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

function drawTimeline() {
  const s = $("timeline");
  clear(s);
  const weeks = new Map();
  const types = new Set();
  for (const e of state.events) {
    const w = weekStart(e.date);
    if (!w) continue;
    types.add(e.type);
    if (!weeks.has(w)) weeks.set(w, new Map());
    const m = weeks.get(w);
    m.set(e.type, (m.get(e.type) || 0) + 1);
  }
  const legend = $("legend");
  clear(legend);
  for (const t of [...types].sort()) {
    const sw = el("span", { class: "sw" });
    sw.style.background = colour(t);
    legend.append(el("span", {}, sw, t));
  }
  if (!weeks.size) {
    const t = svg("text", { x: 10, y: 20 });
    t.textContent = "no dated incidents";
    s.append(t);
    return;
  }
  // continuous weeks from first to last; a long tail of a few old dates
  // (often misdated reports) is cut so that the bars stay readable
  let keys = [...weeks.keys()].sort();
  let hidden = 0;
  const spanWeeks = (a, b) => (new Date(b) - new Date(a)) / (7 * 86400000);
  if (spanWeeks(keys[0], keys[keys.length - 1]) > 156) {
    const dated = state.events.map((e) => weekStart(e.date)).filter(Boolean).sort();
    const cut = dated[Math.floor(dated.length * 0.1)];
    const first = spanWeeks(cut, keys[keys.length - 1]) > 156 ? cut : keys.filter((k) => spanWeeks(k, keys[keys.length - 1]) <= 156)[0];
    hidden = dated.filter((w) => w < first).length;
    keys = keys.filter((k) => k >= first);
  }
  const all = [];
  const d = new Date(keys[0] + "T00:00:00Z");
  const end = new Date(keys[keys.length - 1] + "T00:00:00Z");
  while (d <= end && all.length < 520) { all.push(d.toISOString().slice(0, 10)); d.setUTCDate(d.getUTCDate() + 7); }
  if (all[all.length - 1] !== keys[keys.length - 1]) { all.length = 0; all.push(...keys); }
  const W = s.clientWidth || 600, H = 120, pad = 18;
  s.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const max = Math.max(...keys.map((k) => [...weeks.get(k).values()].reduce((a, b) => a + b, 0)));
  const bw = (W - 30) / all.length;
  all.forEach((w, i) => {
    const m = weeks.get(w);
    let y = H - pad;
    const x = 25 + i * bw;
    if (m) {
      for (const [t, n] of [...m.entries()].sort()) {
        const h = (n / max) * (H - pad - 8);
        y -= h;
        const r = svg("rect", { x: x.toFixed(2), y: y.toFixed(2), width: Math.max(bw - 1, 1).toFixed(2), height: h.toFixed(2), fill: colour(t), class: "bar" });
        r.dataset.week = w;
        r.dataset.type = t;
        const tt = svg("title", {});
        tt.textContent = `week of ${w}: ${n} × ${t}`;
        r.append(tt);
        r.addEventListener("click", () => {
          const to = new Date(w + "T00:00:00Z");
          to.setUTCDate(to.getUTCDate() + 6);
          $("f-from").value = w;
          $("f-to").value = to.toISOString().slice(0, 10);
          $("f-type").value = t;
          loadEvents();
        });
        s.append(r);
      }
    }
    if (i === 0 || i === all.length - 1 || (all.length > 8 && i % Math.ceil(all.length / 6) === 0)) {
      const last = i === all.length - 1 && i > 0;
      const lab = svg("text", { x: (last ? x + bw : x).toFixed(1), y: H - 4, "text-anchor": last ? "end" : "start" });
      lab.textContent = w;
      s.append(lab);
    }
  });
  const axis = svg("text", { x: 2, y: 12 });
  axis.textContent = String(max);
  s.append(axis);
  if (hidden) {
    const note = svg("text", { x: 25, y: 12 });
    note.textContent = `${hidden} earlier incident(s) not shown: set From to see them`;
    s.append(note);
  }
}

// ---- list + loading ----
function filterQuery() {
  const p = new URLSearchParams();
  for (const [k, id] of [["type", "f-type"], ["country", "f-country"], ["actor", "f-actor"], ["from", "f-from"], ["to", "f-to"], ["min_fatalities", "f-minf"], ["q", "f-q"]]) {
    const v = $(id).value.trim();
    if (v) p.set(k, v);
  }
  p.set("limit", "500");
  return p.toString();
}

async function loadEvents() {
  $("f-error").textContent = "";
  let res;
  try { res = await api(`/api/events?${filterQuery()}`); } catch (e) { $("f-error").textContent = e.message; return; }
  state.events = res.events;
  state.byId = new Map(res.events.map((e) => [e.id, e]));
  $("count").textContent = `(${res.total}${res.total > res.events.length ? `, showing ${res.events.length}` : ""})`;
  const list = $("list");
  clear(list);
  for (const e of res.events) {
    const who = [e.actor && (e.actor.name || e.actor.text), e.recipient && (e.recipient.name || e.recipient.text)].filter(Boolean).join(" → ");
    const li = el("li", { onclick: () => showIncident(e.id) },
      el("b", { text: e.type }), " ", el("span", { text: e.place || "" }),
      el("div", { class: "meta", text: `${e.date || "?"}${e.fatalities ? ` · ${e.fatalities} killed` : ""}${who ? ` · ${who}` : ""}${e.n_documents > 1 ? ` · ${e.n_documents} documents` : ""}` }));
    li.dataset.id = String(e.id);
    li.tabIndex = 0;
    li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") showIncident(e.id); });
    li.addEventListener("mouseenter", () => { const d = $("dots").querySelector(`circle[data-id="${CSS.escape(String(e.id))}"]`); if (d) d.classList.add("hover"); });
    li.addEventListener("mouseleave", () => { for (const d of $("dots").querySelectorAll("circle.hover")) d.classList.remove("hover"); });
    list.append(li);
  }
  drawDots();
  drawTimeline();
  if (state.selected) markSelected(state.selected);
}

async function loadStats() {
  try {
    const s = await api("/api/stats");
    $("stats").textContent = `${s.documents || 0} documents · ${s.events || 0} event reports · ${s.actors || 0} actors`;
    const sel = $("f-type");
    for (const t of Object.keys(s.events_by_type || {}).sort()) sel.append(el("option", { value: t, text: t }));
  } catch (e) {
    $("stats").textContent = `cannot read stats: ${e.message}`;
  }
}

// ---- incident view ----
function kv(pairs) {
  const dl = el("dl", { class: "kv" });
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === "") continue;
    dl.append(el("dt", { text: k }), el("dd", {}, v));
  }
  return dl;
}

function actorNode(a) {
  if (!a) return null;
  const label = a.name && a.text && a.name !== a.text ? `${a.name} (${a.text})` : (a.name || a.text || a.id);
  if (a.id) return el("button", { type: "button", class: "link", text: label, onclick: () => showActor(a.id) });
  return el("span", { text: label });
}

async function showIncident(id) {
  markSelected(id);
  showTab("incident");
  const box = $("tab-incident");
  clear(box);
  let inc;
  try { inc = await api(`/api/incidents/${encodeURIComponent(id)}`); } catch (e) { box.append(el("p", { class: "error", text: e.message })); return; }
  if (inc.lat != null && inc.lon != null && !inView(inc.lon, inc.lat)) centreOn(inc.lon, inc.lat, state.view.w);
  if (location.hash !== `#incident=${encodeURIComponent(id)}`) history.replaceState(null, "", `#incident=${encodeURIComponent(id)}`);
  box.append(
    el("h2", { text: `${inc.type}${inc.acled_sub_event_type ? ` — ${inc.acled_sub_event_type}` : ""}` }),
    kv([
      ["Date", inc.date && `${inc.date}${inc.date_precision ? ` (${inc.date_precision})` : ""}`],
      ["Place", [inc.place, inc.admin1, inc.country].filter(Boolean).join(", ")],
      ["Coordinates", inc.lat != null ? `${inc.lat.toFixed(3)}, ${inc.lon.toFixed(3)}` : null],
      ["Actor", actorNode(inc.actor)],
      ["Recipient", actorNode(inc.recipient)],
      ["Fatalities", inc.fatalities != null ? String(inc.fatalities) : null],
      ["Injured", inc.injured != null ? String(inc.injured) : null],
      ["ACLED", inc.acled_event_type],
      ["Reports", `${inc.n_reports} in ${inc.n_documents} document(s)${langs(inc.reports)}`],
      ["Sources", (inc.sources || []).join(" · ")],
    ]));
  for (const r of inc.reports) {
    const ev = el("div", { class: "ev", dir: r.lang === "ar" ? "rtl" : "ltr", lang: r.lang });
    // the evidence sentence with its trigger marked (offsets are code points)
    const cps = codepoints(r.sentence.text || "");
    const a = r.trigger.start - r.sentence.start, b = r.trigger.end - r.sentence.start;
    if (a >= 0 && b <= cps.length && a < b) {
      ev.append(cps.slice(0, a).join(""), el("span", { class: "hl trigger", text: cps.slice(a, b).join("") }), cps.slice(b).join(""));
    } else {
      ev.textContent = r.sentence.text;
    }
    box.append(el("div", { class: "report" },
      el("div", { dir: "auto" }, el("b", { text: r.title || r.doc })),
      el("div", { class: "hint", dir: "ltr", text: [r.lang, r.published, r.doc, r.event && r.event.fatalities != null ? `${r.event.fatalities} killed` : null,
        r.near_duplicate_of ? `near-copy of ${r.near_duplicate_of}` : null].filter(Boolean).join(" · ") }),
      ev,
      el("button", { type: "button", class: "link open-reader", text: "Open in reader at this sentence",
        onclick: () => openReader(r.doc, { evidence: r.sentence, trigger: r.trigger, event: r.event_index }) })));
  }
}

// languages of the reports, e.g. " (ar 3, en 2)"
function langs(reports) {
  const seen = new Map();
  for (const r of reports || []) if (r.lang) seen.set(r.lang, (seen.get(r.lang) || new Set()).add(r.doc));
  if (seen.size < 2) return "";
  return ` (${[...seen.entries()].map(([l, d]) => `${l} ${d.size}`).join(", ")} documents)`;
}

// ---- reader ----
function codepoints(s) { return Array.from(s); }

async function openReader(docId, focus) {
  showTab("reader");
  const box = $("tab-reader");
  clear(box);
  let doc;
  try { doc = await api(`/api/documents/${encodeURIComponent(docId)}`); } catch (e) { box.append(el("p", { class: "error", text: e.message })); return; }
  state.doc = doc;
  const cps = codepoints(doc.text);
  const n = cps.length;
  // spans: [start, end, classes, data]
  const spans = [];
  const ok = (s, e) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e <= n && s < e;
  for (const en of doc.entities || []) if (ok(en.start, en.end)) spans.push({ s: en.start, e: en.end, cls: `hl ent-${en.type}`, title: en.type });
  for (const p of doc.places || []) if (ok(p.start, p.end)) spans.push({ s: p.start, e: p.end, cls: "hl place", title: `place: ${p.name || p.text}${p.country ? `, ${p.country}` : ""}` });
  for (const t of doc.times || []) if (ok(t.start, t.end)) spans.push({ s: t.start, e: t.end, cls: "hl time", title: `date: ${t.value || "?"}` });
  (doc.events || []).forEach((ev, i) => {
    if (ev.trigger && ok(ev.trigger.start, ev.trigger.end)) spans.push({ s: ev.trigger.start, e: ev.trigger.end, cls: "hl trigger", title: `event: ${ev.type}`, event: i });
  });
  if (focus && focus.evidence && ok(focus.evidence.start, focus.evidence.end)) spans.push({ s: focus.evidence.start, e: focus.evidence.end, cls: "evidence", title: "" });
  const cuts = new Set([0, n]);
  for (const sp of spans) { cuts.add(sp.s); cuts.add(sp.e); }
  const bounds = [...cuts].sort((a, b) => a - b);
  const article = el("div", { id: "doc", dir: doc.lang === "ar" ? "rtl" : "auto", lang: doc.lang === "und" ? null : doc.lang });
  let firstEvidence = null;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i], b = bounds[i + 1];
    const text = cps.slice(a, b).join("");
    const cover = spans.filter((sp) => sp.s <= a && sp.e >= b);
    if (!cover.length) { article.append(document.createTextNode(text)); continue; }
    const node = el("span", { class: cover.map((c) => c.cls).join(" "), title: cover.map((c) => c.title).filter(Boolean).join(" · ") || null, text });
    const trig = cover.find((c) => c.event !== undefined);
    if (trig) {
      node.dataset.event = String(trig.event);
      node.addEventListener("click", () => readerEventClicked(doc, trig.event));
    }
    if (cover.some((c) => c.cls === "evidence") && !firstEvidence) firstEvidence = node;
    article.append(node);
  }
  box.append(
    el("h2", { dir: "auto", text: doc.title || doc.id }),
    el("p", { class: "hint", dir: "ltr", text: [doc.published, doc.lang, doc.id, doc.source !== doc.id ? doc.source : null].filter(Boolean).join(" · ") }),
    el("div", { class: "legend-reader" },
      el("span", { class: "hl ent-PER", text: "person" }), el("span", { class: "hl ent-ORG", text: "organisation" }),
      el("span", { class: "hl place", text: "place" }), el("span", { class: "hl time", text: "date" }),
      el("span", { class: "hl trigger", text: "event (click: map)" }), el("span", { class: "evidence", text: "evidence" })),
    article);
  if (firstEvidence) firstEvidence.scrollIntoView({ block: "center" });
}

function readerEventClicked(doc, idx) {
  const ev = doc.events[idx];
  const p = ev && ev.place;
  const hasPlace = p && p.lat != null && p.lon != null;
  // the loaded incident this report was merged into: reported by this
  // document, at this place when it has one
  const mine = state.events.filter((e) => e.documents && e.documents.includes(doc.id));
  const near = (e) => hasPlace && e.lat != null && Math.abs(e.lat - p.lat) < 1e-4 && Math.abs(e.lon - p.lon) < 1e-4;
  const inc = mine.find((e) => near(e) && e.type === ev.type) || mine.find(near)
    || mine.find((e) => e.type === ev.type && e.trigger === (ev.trigger && ev.trigger.text));
  if (inc) markSelected(inc.id);
  if (hasPlace) centreOn(p.lon, p.lat, 12);
  else if (inc && inc.lat != null) centreOn(inc.lon, inc.lat, 12);
}

// ---- actors ----
async function showActorList() {
  const box = $("tab-actor");
  clear(box);
  const form = el("form", {}, el("input", { id: "a-q", placeholder: "find an actor" }), " ", el("button", { type: "submit", text: "Find" }));
  const ul = el("ul", { class: "plain" });
  const load = async (q) => {
    clear(ul);
    try {
      const r = await api(`/api/actors?limit=50${q ? `&q=${encodeURIComponent(q)}` : ""}`);
      for (const a of r.actors) ul.append(el("li", {}, el("button", { type: "button", class: "link", text: a.name, onclick: () => showActor(a.id) }), ` ${a.name_ar ? a.name_ar + " · " : ""}${a.mentions} mentions · ${a.incidents} incidents`));
    } catch (e) { ul.append(el("li", { class: "error", text: e.message })); }
  };
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load($("a-q").value.trim()); });
  box.append(el("h2", { text: "Actors" }), form, ul);
  load("");
}

async function showActor(id) {
  showTab("actor");
  const box = $("tab-actor");
  clear(box);
  let a;
  try { a = await api(`/api/actors/${encodeURIComponent(id)}`); } catch (e) { box.append(el("p", { class: "error", text: e.message })); return; }
  box.append(
    el("button", { type: "button", class: "link", text: "← all actors", onclick: showActorList }),
    el("h2", {}, el("bdi", { text: a.name }), a.name_ar ? " — " : null, a.name_ar ? el("bdi", { lang: "ar", dir: "rtl", text: a.name_ar }) : null),
    kv([["Id", a.id], ["Type", a.actor_type], ["Sector", a.sector], ["Country", a.country], ["Known", a.known ? "in the knowledge base" : "found in text"], ["Mentions", String(a.mentions)]]),
    el("h2", { text: "Aliases" }),
    el("p", { class: "aliases" }, ...(a.aliases.length ? a.aliases.flatMap((x, i) => [i ? " · " : "", el("bdi", { dir: "auto", text: x })]) : ["none"])));
  box.append(el("h2", { text: `Relations (${a.relations.length})` }));
  if (a.relations.length) box.append(relationGraph(a));
  box.append(el("h2", { text: `Incidents (${a.incidents.length})` }));
  const ol = el("ol", { class: "plain" });
  for (const e of a.incidents) ol.append(el("li", {}, el("button", { type: "button", class: "link", text: `${e.type} ${e.place || ""}`, onclick: () => showIncident(e.id) }), ` ${e.date || "?"}`));
  box.append(ol);
}

function relationGraph(a) {
  const W = 380, H = 260, cx = W / 2, cy = H / 2;
  const s = svg("svg", { id: "graph", viewBox: `0 0 ${W} ${H}` });
  const others = new Map();
  for (const r of a.relations) {
    // outgoing relations are named as they are, incoming ones "of:relation"
    const other = r.target;
    const name = r.target_name || r.target;
    if (!others.has(other)) others.set(other, { name, rels: new Set() });
    others.get(other).rels.add(r.relation.startsWith("of:") ? `${r.relation.slice(3)} (of)` : r.relation);
  }
  const items = [...others.entries()].slice(0, 16);
  const R = Math.min(W, H) / 2 - 30;
  items.forEach(([id, o], i) => {
    const ang = (2 * Math.PI * i) / items.length - Math.PI / 2;
    const x = cx + R * Math.cos(ang), y = cy + R * Math.sin(ang);
    s.append(svg("line", { x1: cx, y1: cy, x2: x, y2: y }));
    const rel = svg("text", { x: (cx + x) / 2, y: (cy + y) / 2, class: "rel", "text-anchor": "middle" });
    rel.textContent = [...o.rels].join(", ");
    s.append(rel);
    const c = svg("circle", { cx: x, cy: y, r: 6, class: "other" });
    c.addEventListener("click", () => showActor(id));
    s.append(c);
    const t = svg("text", { x, y: y + 16, "text-anchor": "middle" });
    t.textContent = o.name;
    s.append(t);
  });
  s.append(svg("circle", { cx, cy, r: 9 }));
  const t = svg("text", { x: cx, y: cy - 13, "text-anchor": "middle" });
  t.textContent = a.name;
  s.append(t);
  return s;
}

// ---- start ----
function start() {
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => {
    showTab(b.dataset.tab);
    if (b.dataset.tab === "actor" && !$("tab-actor").firstChild) showActorList();
  });
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); loadEvents(); });
  $("f-reset").addEventListener("click", () => { $("filters").reset(); loadEvents(); });
  mapInteractions();
  setView(state.view);
  Promise.all([drawBasemap(), loadStats(), loadEvents()]).then(() => {
    fitEvents();
    document.body.dataset.ready = "1";
    // deep link: #incident=ID opens that incident
    const m = /^#incident=(.+)$/.exec(location.hash);
    if (m) showIncident(decodeURIComponent(m[1]));
  });
  window.addEventListener("resize", drawTimeline);
}
document.addEventListener("DOMContentLoaded", start);
