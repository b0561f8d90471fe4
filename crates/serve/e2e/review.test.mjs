// Browser test of a full review in the dashboard (issue 15).
//
// Ingests the bundled examples and the issue-6 trial folder, adds two
// reviewers with `marsad review add-user` (an analyst and an adjudicator),
// starts `marsad serve` on a free loopback port and, in Debian's headless
// chromium (playwright-core), signs in as the adjudicator, opens the queue,
// corrects an actor with the evidence highlighted, rejects a false event
// with the keyboard, merges two incidents, meets a 409 conflict caused by
// the analyst, then checks the exports (CSV review_status, deletions list,
// gold JSONL, `marsad export --reviewed`) and the revision history.
// Saves a screenshot to /tmp/marsad-review.png.
//
//   node review.test.mjs        (MARSAD_BIN, CHROMIUM override the paths)
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { here, repo, bin, requireTools, tally, inBrowser } from "./harness.mjs";

const shot = process.env.SCREENSHOT || "/tmp/marsad-review.png";
const chromium = await requireTools("e2e review");
const { check, finish } = tally("e2e review");

const tmp = mkdtempSync(join(tmpdir(), "marsad-e2e-review-"));
// MARSAD_E2E_DB: another database (a postgres://… URL, as .ci/run passes)
const db = process.env.MARSAD_E2E_DB || join(tmp, "marsad.db");
const trialDir = join(here, "../tests/fixtures/trial-incident");
execFileSync(bin, ["ingest", join(repo, "examples"), trialDir, "--db", db, "-q"], { stdio: ["ignore", "inherit", "inherit"] });
const addUser = (name, role) => execFileSync(bin, ["review", "add-user", name, "--role", role, "--db", db], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
const analyst = addUser("amal", "analyst");
const adjudicator = addUser("badr", "adjudicator");
check("add-user prints a token per reviewer", /^mrsd_[0-9a-f]{48}$/.test(analyst) && /^mrsd_[0-9a-f]{48}$/.test(adjudicator) && analyst !== adjudicator);

await inBrowser(chromium, db, tmp, check, async ({ base, browser, ctx }) => {
  const getJson = async (path) => (await fetch(base + path)).json();
  const getText = async (path) => (await fetch(base + path)).text();
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error" && !/status of 409/.test(m.text())) errors.push(m.text()); });
  // on a failure: which event is wanted and shown, the message line, and
  // every failed request and page error so far
  const failedRequests = [];
  page.on("requestfailed", (r) => failedRequests.push(`${r.method()} ${r.url()}: ${r.failure() && r.failure().errorText}`));
  page.on("response", (r) => { if (r.status() >= 500) failedRequests.push(`${r.request().method()} ${r.url()}: HTTP ${r.status()}`); });
  ctx.diagnose = async () => {
    const st = await page.evaluate(() => JSON.stringify({ want: rv.want, shown: rv.ev && rv.ev.uid, ticket: rv.evTicket, pos: rv.pos, items: rv.items.length, msg: document.getElementById("rv-msg") && document.getElementById("rv-msg").textContent }));
    return `${st} errors=${JSON.stringify(errors)} failed requests=${JSON.stringify(failedRequests)}`;
  };
  await page.goto(base + "/");
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });

  // sign in, open the queue
  await page.click('#tabs button[data-tab="review"]');
  await page.fill("#rv-token", adjudicator);
  await page.click("#rv-signin button[type=submit]");
  await page.waitForFunction(() => document.getElementById("rv-who").textContent.includes("badr (adjudicator)"));
  check("signed in as the adjudicator", true);
  await page.waitForSelector("#rv-queue li");
  const queued = await page.locator("#rv-queue li").count();
  check("queue is listed", queued > 1, `(${queued})`);

  // j opens the first event, with its evidence and the trigger highlighted
  await page.keyboard.press("j");
  await page.waitForSelector("#rv-evidence mark.trigger");
  const trig = await page.locator("#rv-evidence mark.trigger").textContent();
  check("evidence sentence with the trigger highlighted", trig.length > 0, `(${trig})`);
  const firstUid = await page.locator("#rv-queue li.on").getAttribute("data-uid");

  // correct the actor: e to edit, type, pick the reason, save
  await page.keyboard.press("e");
  await page.waitForSelector("#rv-f-actor:not([disabled])");
  await page.fill("#rv-f-actor", "Islamic State");
  await page.selectOption("#rv-reason", "wrong actor");
  await page.click("#rv-edit");
  await page.waitForFunction(() => document.getElementById("rv-status") && document.getElementById("rv-status").textContent === "edited");
  const ev1 = await getJson(`/api/review/event?uid=${encodeURIComponent(firstUid)}`);
  check("actor corrected and attributed", ev1.fields.actor && ev1.fields.actor.name === "Islamic State" && ev1.reviewer === "badr" && ev1.version === 1, JSON.stringify(ev1.fields.actor));
  check("the edited field is marked in the form", (await page.locator("#rv-form label.edited").count()) === 1);
  check("history shows the edit", (await page.locator("#rv-history li").first().textContent()).includes("edit"));

  // reject a false event with the keyboard: j to the next one, r. While the
  // next event is still loading (its answer held back here), r must not
  // act on the event still on screen.
  await page.waitForFunction((u) => rv.items.length > 1 && !rv.items.some((i) => i.uid === u), firstUid);
  const secondUid = await page.evaluate(() => rv.items[rv.pos + 1].uid);
  // The hold is made in the page (a wrapped fetch), not by network
  // interception: CDP interception let the load through now and then on a
  // loaded CI machine, and r then acted, rightly, on the loaded event.
  await page.evaluate((u) => {
    const plain = window.fetch;
    const held = new Promise((res) => { window.releaseHeld = () => { window.fetch = plain; res(); }; });
    window.fetch = async (input, init) => {
      const url = new URL(String(input), location.href);
      const get = !init || !init.method || init.method === "GET";
      if (get && url.pathname === "/api/review/event" && url.searchParams.get("uid") === u) await held;
      return plain(input, init);
    };
  }, secondUid);
  await page.keyboard.press("j");
  await page.waitForFunction((u) => { const li = document.querySelector("#rv-queue li.on"); return li && li.dataset.uid === u; }, secondUid);
  const loading = await page.evaluate((u) => rv.want === u && !(rv.ev && rv.ev.uid === u), secondUid);
  check("the next event is still loading when r is pressed", loading);
  await page.keyboard.press("r");
  await page.waitForTimeout(500); // time for a wrong POST to land, were one sent
  const stillFirst = await getJson(`/api/review/event?uid=${encodeURIComponent(firstUid)}`);
  const secondNow = await getJson(`/api/review/event?uid=${encodeURIComponent(secondUid)}`);
  check("r while the next event loads rejects nothing", stillFirst.status === "edited" && stillFirst.version === 1 && secondNow.version === 0, `${stillFirst.status} v${stillFirst.version}, next v${secondNow.version}`);
  await page.evaluate(() => window.releaseHeld());
  await page.waitForFunction((u) => rv.ev && rv.ev.uid === u && document.getElementById("rv-reject"), secondUid);
  await page.keyboard.press("r");
  await page.waitForFunction(() => document.getElementById("rv-status").textContent === "rejected");
  const ev2 = await getJson(`/api/review/event?uid=${encodeURIComponent(secondUid)}`);
  check("false event rejected", ev2.status === "rejected" && ev2.version === 1, ev2.status);

  // merge two incidents: open the first event again, merge another incident into its incident
  // (reviewed without a flag, it has left the queue)
  const into = ev1.incident;
  await page.evaluate((u) => openEvent(u), firstUid);
  await page.waitForFunction(([u, i]) => rv.ev && rv.ev.uid === u && rv.inc && rv.inc.id === i && document.getElementById("rv-merge-id"), [firstUid, into]);
  const others = (await getJson("/api/events?limit=100")).events.map((e) => e.id).filter((id) => id !== into);
  const from = others[0];
  await page.fill("#rv-merge-id", String(from));
  await page.click("#rv-merge");
  await page.waitForFunction(() => document.getElementById("rv-msg").textContent.includes("merged"));
  const dels = (await getJson("/api/review/deletions")).deletions;
  check("incidents merged: the merged one is in the deletions list", dels.some((d) => d.incident === from && d.merged_into === into), JSON.stringify(dels));
  const inc = await getJson(`/api/review/incidents/${into}`);
  check("the merged incident holds both incidents' reports", inc.reports.length >= 2 && inc.version >= 1, `(${inc.reports.length})`);

  // a conflict: the analyst accepts the event behind the adjudicator's back
  const cur = await getJson(`/api/review/event?uid=${encodeURIComponent(firstUid)}`);
  const r = await fetch(`${base}/api/review/event`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${analyst}` }, body: JSON.stringify({ uid: firstUid, version: cur.version, action: "accept" }) });
  check("the analyst's accept lands", r.ok, String(r.status));
  await page.click("#rv-accept");
  await page.waitForFunction(() => document.getElementById("rv-msg").textContent.includes("Conflict"));
  const msg = await page.locator("#rv-msg").textContent();
  check("409 shown as a conflict naming the other reviewer", msg.includes("amal") && msg.includes("reload"), msg);
  await page.click("#rv-reload");
  await page.waitForFunction((v) => document.getElementById("rv-version").textContent === String(v), cur.version + 1);
  check("reload shows the other reviewer's version", true);
  const noWrite = await fetch(`${base}/api/review/event`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ uid: firstUid, version: 0, action: "accept" }) });
  check("nothing is written without a token", noWrite.status === 401, String(noWrite.status));

  // exports and history
  const csv = await getText("/api/review/export?format=csv");
  const delId = dels.find((d) => d.incident === from).event_id_cnty;
  check("CSV export has the review_status column, without the merged incident", csv.split("\n")[0].endsWith("review_status") && !csv.split("\n").some((l) => l.startsWith(delId + ",")), csv.split("\n")[0]);
  check("CSV marks the edited incident", csv.split("\n").some((l) => l.endsWith(",edited") || l.endsWith(",unreviewed")));
  const delCsv = await getText("/api/review/export?format=deletions");
  check("deletions list exported", delCsv.split("\n")[1].includes(String(from)), delCsv);
  const gold = (await getText("/api/review/export?format=gold")).trim().split("\n").map((l) => JSON.parse(l));
  const goldEvents = gold.flatMap((g) => g.events);
  const corrected = goldEvents.find((e) => e.uid === firstUid);
  check("gold has the corrected event with offsets", corrected && corrected.fields.actor.name === "Islamic State" && corrected.trigger.end > corrected.trigger.start);
  check("gold lists the rejected event", gold.some((g) => g.rejected.some((e) => e.uid === secondUid)));
  const cliGold = execFileSync(bin, ["export", "--reviewed", "--db", db], { encoding: "utf8" });
  check("marsad export --reviewed agrees", cliGold.includes("Islamic State") && cliGold.trim().split("\n").length === gold.length);
  const hist = await getJson("/api/review/history?limit=100");
  const actions = hist.revisions.map((x) => `${x.reviewer}:${x.action}`);
  check("revision history: edit, reject, merge, the analyst's accept", ["badr:edit", "badr:reject", "badr:merge", "amal:accept"].every((a) => actions.includes(a)), JSON.stringify(actions));
  await page.click('#tabs button[data-tab="review"]');
  await page.waitForSelector("#rv-agreement tr td");
  check("agreement table shown", (await page.locator("#rv-agreement tr").count()) >= 3);
  await page.screenshot({ path: shot, fullPage: true });
  check("no page errors", errors.length === 0, JSON.stringify(errors));
  console.log(`screenshot: ${shot}`);
});
finish();
