// Browser test of the marsad dashboard.
//
// Ingests the bundled examples, an article whose text holds HTML (a
// <script> and an <img onerror>), the issue-6 trial folder (one attack
// reported by Arabic and English outlets) and a malicious web page into a
// temporary database, starts
// `marsad serve` on a free loopback port, opens the dashboard in Debian's
// headless chromium (playwright-core) and checks the map, the timeline, the
// incident → reader link (right-to-left, highlights, evidence), the reader →
// map link and the escaping of article text. Saves a screenshot to
// /tmp/marsad-dashboard.png.
//
//   node dashboard.test.mjs        (MARSAD_BIN, CHROMIUM override the paths)
//
// Skips (exit 0, with a message) only when chromium is not installed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { here, repo, bin, requireTools, tally, inBrowser } from "./harness.mjs";

const shot = process.env.SCREENSHOT || "/tmp/marsad-dashboard.png";
const chromium = await requireTools("e2e");
const { check, finish } = tally("e2e");

const tmp = mkdtempSync(join(tmpdir(), "marsad-e2e-"));
const db = join(tmp, "marsad.db");
const injection = {
  id: "injection",
  title: "<b>bold</b> <img src=x onerror=\"window.__pwned=3\">",
  published: "2023-06-04",
  text: "الموصل – قال مسؤول أمني إن مسلحين <script>window.__pwned = 1</script> هاجموا حاجزاً للشرطة في الموصل يوم الأحد <img src=x onerror=\"window.__pwned = 2\"> وقتلوا ثلاثة من عناصره.",
};
writeFileSync(join(tmp, "injection.jsonl"), JSON.stringify(injection) + "\n");
// the issue-6 trial folder: one car bombing in Baqubah reported by Arabic and
// English outlets (crates/serve/tests/trial.rs describes it)
const trialDir = join(here, "../tests/fixtures/trial-incident");
// a malicious web page: markup written as text in its title, heading and
// body (entities, so it survives HTML extraction as literal text), plus
// real script and img elements that extraction must drop
writeFileSync(join(tmp, "malicious.en.html"), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>&lt;img src=x onerror=alert(1)&gt; Gunmen kill three shepherds near Tal Afar</title>
<meta property="article:published_time" content="2024-02-13T09:00:00Z">
<script>alert("head")</script></head><body>
<h1>&lt;img src=x onerror=alert(1)&gt; Gunmen kill three shepherds near Tal Afar</h1>
<p>Gunmen killed three shepherds near Tal Afar on Tuesday, police said. &lt;script&gt;alert(2)&lt;/script&gt; The attackers fled. &lt;img src=x onerror=alert(3)&gt;</p>
<img src=x onerror="alert(4)"><script>alert(5)</script>
</body></html>
`);
execFileSync(bin, ["ingest", join(repo, "examples"), join(tmp, "injection.jsonl"), trialDir, join(tmp, "malicious.en.html"), "--db", db, "-q"], { stdio: ["ignore", "inherit", "inherit"] });

await inBrowser(chromium, db, tmp, check, async ({ base, browser }) => {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  const errors = [];
  const external = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("request", (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
  page.on("dialog", (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });

  await page.goto(base + "/");
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
  const countries = await page.locator("#basemap path").count();
  check("basemap drawn", countries > 150, `(${countries} countries)`);
  const dots = await page.locator("#dots circle.dot").count();
  check("map has incident dots", dots > 0, `(${dots})`);
  const bars = await page.locator("#timeline rect.bar").count();
  check("timeline has bars", bars > 0, `(${bars})`);
  const items = await page.locator("#list li").count();
  check("incident list filled", items > 0, `(${items})`);

  // click a dot of the Kirkuk ambush (Arabic) → incident → reader
  const events = (await (await fetch(`${base}/api/events?limit=500`)).json()).events;
  const kirkuk = events.find((e) => e.lat != null && e.documents.some((d) => d.includes("kirkuk")));
  check("a geocoded Kirkuk incident exists", !!kirkuk);
  if (kirkuk) {
    await page.locator(`#dots circle[data-id="${kirkuk.id}"]`).dispatchEvent("click");
    await page.waitForSelector("#tab-incident.on .report");
    check("dot opens the incident with its reports", (await page.locator("#tab-incident .report").count()) > 0);
    await page.screenshot({ path: shot.replace(/\.png$/, "-incident.png") });
    check("dot is selected on the map", (await page.locator(`#dots circle.sel[data-id="${kirkuk.id}"]`).count()) === 1);
    await page.locator("#tab-incident .open-reader").first().click();
    await page.waitForSelector("#tab-reader.on #doc");
    check("reader is right-to-left", (await page.locator("#doc").getAttribute("dir")) === "rtl");
    check("reader highlights event triggers", (await page.locator("#doc .trigger").count()) > 0);
    check("reader highlights places", (await page.locator("#doc .place").count()) > 0);
    check("reader highlights dates", (await page.locator("#doc .time").count()) > 0);
    check("reader highlights entities", (await page.locator("#doc [class*='ent-']").count()) > 0);
    check("reader marks the evidence sentence", (await page.locator("#doc .evidence").count()) > 0);
    // reader → map: clicking an event centres the map on it
    await page.evaluate(() => { const m = document.getElementById("map"); m.setAttribute("viewBox", "0 0 360 180"); });
    await page.locator("#doc .trigger").first().click();
    const vb = (await page.locator("#map").getAttribute("viewBox")).split(" ").map(Number);
    check("clicking an event in the reader zooms the map to it", vb[2] < 100, `(viewBox ${vb.join(" ")})`);
    const cx = vb[0] + vb[2] / 2 - 180, cy = 90 - (vb[1] + vb[3] / 2);
    check("…centred near Kirkuk", Math.abs(cx - 44) < 6 && Math.abs(cy - 35.5) < 6, `(centre ${cx.toFixed(1)}, ${cy.toFixed(1)})`);
  }
  await page.screenshot({ path: shot });

  // a real mouse click on a dot
  await page.locator("#zfit").click();
  const box = await page.locator("#dots circle.dot").last().boundingBox();
  if (box) {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector("#tab-incident.on h2", { timeout: 5000 }).catch(() => {});
    check("mouse click on a dot opens an incident", (await page.locator("#tab-incident.on h2").count()) > 0);
  }

  // the injection article is shown as text
  const inj = events.find((e) => e.documents.includes("injection"));
  check("the injection article has an incident", !!inj);
  if (inj) {
    await page.locator(`#list li[data-id="${inj.id}"]`).click();
    await page.waitForSelector("#tab-incident.on .report");
    const evText = await page.locator("#tab-incident .report .ev").first().textContent();
    check("evidence shown as text in the incident view", evText.includes("<script>") || evText.includes("<img"), `(${evText})`);
    await page.locator("#tab-incident .open-reader").first().click();
    await page.waitForSelector("#tab-reader.on #doc");
    const text = await page.locator("#doc").textContent();
    check("article text shows <script> literally", text.includes("<script>window.__pwned = 1</script>"));
    check("article text shows <img onerror> literally", text.includes("<img src=x onerror="));
    check("title shown as text", (await page.locator("#tab-reader h2").textContent()).includes("<b>bold</b>"));
    check("no script or img element created from article text", (await page.locator("#tab-reader script, #tab-reader img, #tab-reader b, #tab-incident img, #tab-incident script, #list img, #list script").count()) === 0);
  }
  await page.waitForTimeout(300);
  check("no injected code ran", (await page.evaluate(() => window.__pwned)) === undefined);

  // filters: a type that matches nothing empties the map; reset restores
  await page.locator("#f-minf").fill("100000");
  await page.locator("#filters button[type=submit]").click();
  await page.waitForFunction(() => document.querySelectorAll("#dots circle").length === 0, null, { timeout: 5000 }).catch(() => {});
  check("filters apply (no incident with 100000 fatalities)", (await page.locator("#dots circle").count()) === 0);
  await page.locator("#f-reset").click();
  await page.waitForFunction((n) => document.querySelectorAll("#dots circle").length === n, dots, { timeout: 5000 }).catch(() => {});
  check("reset restores the map", (await page.locator("#dots circle").count()) === dots);

  // actor view
  await page.locator("#tabs button[data-tab=actor]").click();
  await page.waitForSelector("#tab-actor li button", { timeout: 5000 }).catch(() => {});
  const actorLinks = await page.locator("#tab-actor li button").count();
  check("actor list", actorLinks > 0, `(${actorLinks})`);
  if (actorLinks) {
    await page.locator("#tab-actor li button").first().click();
    await page.waitForSelector("#tab-actor h2", { timeout: 5000 });
    check("actor view shows aliases", (await page.locator("#tab-actor h2", { hasText: "Aliases" }).count()) === 1);
  }

  // deep link to an incident
  if (kirkuk) {
    await page.goto(`${base}/#incident=${encodeURIComponent(kirkuk.id)}`);
    await page.reload();
    await page.waitForSelector("#tab-incident.on .report", { timeout: 10000 }).catch(() => {});
    check("#incident=ID opens that incident", (await page.locator(`#dots circle.sel[data-id="${kirkuk.id}"]`).count()) === 1);
  }

  // ---- the trial: one attack, several outlets, Arabic and English ----
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
  const all = (await (await fetch(`${base}/api/events?limit=500`)).json()).events;
  const trialDocs = (e) => e.documents.filter((d) => d.includes("trial-incident/") || d.startsWith("hamrin-2024-02-11") || d.startsWith("wire-2024-02-11")).length;
  const baq = all.filter((e) => e.lat != null).sort((a, b) => trialDocs(b) - trialDocs(a))[0];
  check("trial: the Baqubah bombing is one incident with several documents", baq && baq.n_documents >= 5 && baq.place === "Baqubah",
    baq ? `(${baq.n_documents} documents, ${baq.place})` : "");
  if (baq) {
    check("trial: fatalities are the most conservative figure (4)", baq.fatalities === 4, `(${baq.fatalities})`);
    const dot = page.locator(`#dots circle[data-id="${baq.id}"]`);
    check("trial: one dot for the incident, ringed as multi-report", (await dot.count()) === 1 && (await dot.getAttribute("class")).includes("multi"));
    const cx = Number(await dot.getAttribute("data-bx")), cy = Number(await dot.getAttribute("data-by"));
    check("trial: the dot is at Baqubah", Math.abs(cx - 180 - 44.6) < 0.3 && Math.abs(90 - cy - 33.75) < 0.3, `(${cx}, ${cy})`);
    check("trial: the dot's tooltip counts its reports", /reports in \d+ documents/.test(await dot.locator("title").textContent()));
    const week = page.locator(`#timeline rect.bar[data-week="2024-02-05"][data-type="ASSAULT"]`);
    check("trial: the timeline has the week of 2024-02-05 (ASSAULT)", (await week.count()) === 1);
    // other incidents in Baqubah (the curfew, a second report of the blast)
    // share its point: their dots are spread around it, none hides another
    const here = await page.locator(`#dots circle[data-bx="${cx.toFixed(4)}"][data-by="${cy.toFixed(4)}"]`).count();
    await page.evaluate(() => centreOn(44.6, 33.75, 4));
    const boxes = await page.locator(`#dots circle[data-bx="${cx.toFixed(4)}"][data-by="${cy.toFixed(4)}"]`).evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect()).map((r) => [r.x + r.width / 2, r.y + r.height / 2, r.width / 2]));
    const apart = boxes.every((a, i) => boxes.every((o, j) => i === j || Math.hypot(a[0] - o[0], a[1] - o[1]) > a[2] + o[2] - 1));
    check("trial: co-located incidents are spread apart, each clickable", here < 2 || apart, `(${here} at Baqubah)`);
    // a real mouse click on the dot
    const b = await dot.boundingBox();
    await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    await page.waitForSelector("#tab-incident.on .report", { timeout: 5000 }).catch(() => {});
    const reps = page.locator("#tab-incident .report");
    check("trial: clicking the dot shows all its reports", (await reps.count()) === baq.n_reports, `(${await reps.count()} of ${baq.n_reports})`);
    check("trial: reports in Arabic (rtl) and English (ltr)",
      (await page.locator("#tab-incident .report .ev[dir=rtl]").count()) > 0 && (await page.locator("#tab-incident .report .ev[dir=ltr]").count()) > 0);
    check("trial: the incident view says which languages", /\((ar|en) \d+, (ar|en) \d+ documents\)/.test(await page.locator("#tab-incident dl.kv").textContent()));
    check("trial: the wire repost is marked as a near-copy", (await page.locator("#tab-incident .report .hint", { hasText: "near-copy of" }).count()) > 0);
    // an Arabic report → reader at its sentence
    const inc = await (await fetch(`${base}/api/incidents/${baq.id}`)).json();
    const k = inc.reports.findIndex((r) => r.lang === "ar" && r.sentence.text.includes("بعقوب"));
    check("trial: an Arabic report names the city", k >= 0);
    if (k >= 0 && (await reps.count()) === inc.reports.length) {
      const rep = inc.reports[k];
      const evRtl = await reps.nth(k).locator(".ev").getAttribute("dir");
      check("trial: the Arabic evidence is right-to-left in the incident view", evRtl === "rtl");
      check("trial: its trigger is marked in the evidence", (await reps.nth(k).locator(".ev .trigger").textContent()) === rep.trigger.text);
      await reps.nth(k).locator(".open-reader").click();
      await page.waitForSelector("#tab-reader.on #doc");
      check("trial: reader is right-to-left", (await page.locator("#doc").getAttribute("dir")) === "rtl"
        && (await page.evaluate(() => getComputedStyle(document.getElementById("doc")).direction)) === "rtl");
      const evid = (await page.locator("#doc .evidence").allTextContents()).join("");
      check("trial: the reader highlights exactly the evidence sentence", evid === rep.sentence.text, `(${evid.slice(0, 60)}…)`);
      check("trial: the trigger is highlighted inside the evidence", (await page.locator("#doc .evidence.trigger, #doc .trigger.evidence").count()) > 0);
      check("trial: the place is highlighted in the reader", (await page.locator("#doc .place", { hasText: "بعقوب" }).count()) > 0);
      const inViewport = await page.locator("#doc .evidence").first().evaluate((n) => {
        const r = n.getBoundingClientRect(), p = document.getElementById("tab-reader").getBoundingClientRect();
        return r.bottom > p.top && r.top < p.bottom;
      });
      check("trial: the reader scrolls to the evidence", inViewport);
      await page.screenshot({ path: shot.replace(/\.png$/, "-trial-reader.png") });
    }
  }
  // the malicious page: markup in its title and text is shown as text
  const mal = all.find((e) => e.documents.some((d) => d.endsWith("malicious.en.html")));
  check("trial: the malicious article has an incident", !!mal);
  if (mal) {
    await page.locator(`#list li[data-id="${mal.id}"]`).click();
    await page.waitForSelector("#tab-incident.on .report");
    const title = await page.locator("#tab-incident .report b").first().textContent();
    check("trial: malicious title shown literally in the incident view", title.includes("<img src=x onerror=alert(1)>"), `(${title})`);
    await page.locator("#tab-incident .open-reader").first().click();
    await page.waitForSelector("#tab-reader.on #doc");
    check("trial: malicious title shown literally in the reader", (await page.locator("#tab-reader h2").textContent()).includes("<img src=x onerror=alert(1)>"));
    const body = await page.locator("#doc").textContent();
    check("trial: markup in the text shown literally", body.includes("<script>alert(2)</script>") && body.includes("<img src=x onerror=alert(3)>"));
    check("trial: real script/img elements of the page were dropped", !body.includes("alert(4)") && !body.includes("alert(5)") && !body.includes('alert("head")'));
    check("trial: no element made from the article", (await page.locator("#tab-reader img, #tab-reader script, #tab-incident img, #tab-incident script, #list img").count()) === 0);
  }
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot.replace(/\.png$/, "-trial.png") });

  check("no page errors", errors.length === 0, JSON.stringify(errors));
  check("no request left the server (offline)", external.length === 0, JSON.stringify(external));
  console.log(`screenshot: ${shot}`);
});
finish();
