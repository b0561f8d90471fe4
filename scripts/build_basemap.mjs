#!/usr/bin/env node
// Build crates/serve/assets/world.json, the dashboard's offline basemap.
//
// Source: the npm package `world-atlas` (Natural Earth 1:110m country
// boundaries, public domain, as TopoJSON). This script fetches the package
// with `npm pack`, decodes the TopoJSON itself (quantised, delta-encoded
// arcs), rounds coordinates to 0.01 degree, drops rings that collapse, and
// writes a compact JSON file: {"source", "countries": [{"id", "name",
// "rings": [[lon, lat, lon, lat, ...], ...]}]}.
//
// Run once from the repository root: node scripts/build_basemap.mjs
// (needs node >= 18, npm and tar). The output is committed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const VERSION = "2.0.2";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "crates/serve/assets/world.json");
const tmp = mkdtempSync(join(tmpdir(), "basemap-"));
try {
  execFileSync("npm", ["pack", `world-atlas@${VERSION}`, "--silent"], { cwd: tmp, stdio: ["ignore", "pipe", "inherit"] });
  const tgz = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
  execFileSync("tar", ["xzf", tgz], { cwd: tmp });
  const topo = JSON.parse(readFileSync(join(tmp, "package/countries-110m.json"), "utf8"));
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  // absolute coordinates of each arc
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
  const ring = (indexes) => {
    const pts = [];
    for (const i of indexes) {
      const a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      pts.push(...(pts.length ? a.slice(1) : a));
    }
    const flat = [];
    let px = null, py = null;
    for (const [x, y] of pts) {
      const rx = Math.round(x * 100) / 100, ry = Math.round(y * 100) / 100;
      if (rx === px && ry === py) continue;
      flat.push(rx, ry);
      px = rx;
      py = ry;
    }
    return flat.length >= 8 ? flat : null;
  };
  const countries = [];
  for (const g of topo.objects.countries.geometries) {
    const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    const rings = [];
    for (const p of polys) for (const r of p) {
      const f = ring(r);
      if (f) rings.push(f);
    }
    if (rings.length) countries.push({ id: g.id ?? null, name: g.properties?.name ?? null, rings });
  }
  const data = {
    source: `Natural Earth 1:110m countries (public domain), via the npm package world-atlas@${VERSION}; converted by scripts/build_basemap.mjs`,
    countries,
  };
  writeFileSync(out, JSON.stringify(data));
  console.log(`wrote ${out}: ${countries.length} countries, ${readFileSync(out).length} bytes`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
