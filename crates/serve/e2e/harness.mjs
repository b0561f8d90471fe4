// What both browser tests share: where the binary and chromium are, the
// ok/not-ok tally, a free loopback port, `marsad serve` started and waited
// for, chromium launched (with retries: it sometimes dies while starting on
// a loaded machine) and the clean-up. Each test keeps only its own story.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "../../..");
export const bin = process.env.MARSAD_BIN || join(repo, "target/release/marsad");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

/** Exits 0 with a notice when chromium is absent (the only allowed skip),
 *  1 when the marsad binary is missing; returns playwright's chromium. */
export async function requireTools(label) {
  if (!existsSync(chromiumPath)) {
    console.log(`${label}: SKIPPED: no chromium at ${chromiumPath} (apt-get install -y chromium)`);
    process.exit(0);
  }
  if (!existsSync(bin)) {
    console.error(`${label}: no marsad binary at ${bin}: run cargo build --release -p marsad first (or set MARSAD_BIN)`);
    process.exit(1);
  }
  return (await import("playwright-core")).chromium;
}

/** The tally: `check(name, ok, detail)` prints TAP-like lines; `finish()`
 *  prints the totals and exits non-zero on any failure. */
export function tally(label) {
  let passed = 0, failed = 0;
  return {
    check(name, ok, detail = "") {
      if (ok) { passed++; console.log(`ok - ${name}`); }
      else { failed++; console.log(`not ok - ${name} ${detail}`); }
    },
    finish() {
      console.log(`${label}: ${passed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
  };
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => res(p)); });
  });
}

/** Starts `marsad serve --db DB` on a free loopback port and waits until
 *  /api/stats answers. Returns { base, server }. */
async function startServer(db) {
  const port = await freePort();
  const server = spawn(bin, ["serve", "--db", db, "--addr", `127.0.0.1:${port}`], { stdio: ["ignore", "inherit", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { const r = await fetch(`${base}/api/stats`); if (r.ok) break; } catch (_) { /* not up yet */ }
    if (i > 100) { server.kill("SIGTERM"); throw new Error("marsad serve did not start"); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, server };
}

/** Headless chromium, tried three times. */
async function launchBrowser(chromium) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
      });
    } catch (e) {
      if (attempt >= 3) throw e;
      console.log(`chromium did not start (attempt ${attempt}): ${String(e).split("\n")[0]}`);
    }
  }
}

/** The whole browser session: `marsad serve --db DB` started, chromium
 *  launched, `body({ base, browser })` run; an exception in it is one
 *  failed check (with `ctx.diagnose()`'s account of the page when the body
 *  set one); then the browser is closed, the server stopped and the
 *  temporary folder removed, whatever happened. */
export async function inBrowser(chromium, db, tmp, check, body) {
  let server, browser;
  // the body may set ctx.diagnose to an async function describing the
  // page's state, printed with a failure (a timeout alone says too little)
  const ctx = { diagnose: null };
  try {
    const started = await startServer(db);
    server = started.server;
    browser = await launchBrowser(chromium);
    await body({ base: started.base, browser, ctx });
  } catch (e) {
    let state = "";
    if (ctx.diagnose) state = "\n    page state: " + (await ctx.diagnose().catch((d) => `(not readable: ${d})`));
    check("the test ran to its end", false, (e.stack || String(e)) + state);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) server.kill("SIGTERM");
    rmSync(tmp, { recursive: true, force: true });
  }
}
