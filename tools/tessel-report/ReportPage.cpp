// The page's HTML, styles and script. The script reads the profile from an
// inline <script type="application/json"> and draws: the tile memory heat
// map with the per-tile budget line, a tile's breakdown on click, the
// execution timeline, compute sets ranked by cycles, the largest variables
// and liveness over program positions. A click on a tile (or #tile=N in the
// address) shows that tile. It marks <body data-ready="yes">
// when everything is drawn, and shows any error it meets on the page.
#include "ReportPage.hpp"

namespace tessel::report {

namespace {

const char *const kHead = R"PAGE(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Tessel profile</title>
<style>
body { font: 14px sans-serif; margin: 16px; color: #222; background: #fff; }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 20px 0 6px; }
table { border-collapse: collapse; }
td, th { padding: 2px 10px; text-align: right; border-bottom: 1px solid #ddd; }
td:first-child, th:first-child { text-align: left; }
canvas { border: 1px solid #ccc; display: block; }
.note { color: #666; }
#errors { color: #b00; font-weight: bold; }
.legend span { display: inline-block; width: 12px; height: 12px;
  margin: 0 4px 0 12px; vertical-align: middle; }
</style></head>
<body data-ready="no">
<h1 id="title"></h1>
<div id="errors"></div>
<div id="overview"></div>
<h2>Tile memory</h2>
<div class="note">Each square is a tile, coloured by the bytes it uses
(gaps included) against its budget; red tiles are over budget. Click a
tile for its breakdown.</div>
<canvas id="heatmap" width="720" height="240"></canvas>
<canvas id="tilebars" width="720" height="120"></canvas>
<div class="note">Bars: bytes per tile; the dark red line is the per-tile
budget.</div>
<div id="tile-detail"></div>
<h2>Execution timeline</h2>
<div class="legend"><span style="background:#2e9e4f"></span>compute
<span style="background:#999"></span>sync
<span style="background:#f08c00"></span>exchange
<span style="background:#8a4fd8"></span>host</div>
<canvas id="timeline" width="720" height="60"></canvas>
<div id="timeline-note" class="note"></div>
<h2>Compute sets by cycles</h2>
<table id="compute-sets"></table>
<h2>Largest variables</h2>
<table id="variables"></table>
<h2>Liveness</h2>
<div class="note">Bytes live at each program position: always-live
variables plus those whose lifetime covers the position.</div>
<canvas id="liveness" width="720" height="120"></canvas>
<script type="application/json" id="profile">)PAGE";

const char *const kScript = R"PAGE(</script>
<script>
"use strict";
const OVER = "rgb(220,20,60)", BUDGET = "rgb(120,0,0)";
function el(id) { return document.getElementById(id); }
function fmt(n) { return Number(n).toLocaleString("en-US"); }
function row(cells, head) {
  const tr = document.createElement("tr");
  for (const c of cells) {
    const td = document.createElement(head ? "th" : "td");
    td.textContent = c;
    tr.appendChild(td);
  }
  return tr;
}
function fill(table, head, rows) {
  table.appendChild(row(head, true));
  for (const r of rows) table.appendChild(row(r, false));
}
function tileColour(used, budget) {
  if (used > budget) return OVER;
  if (used === 0) return "rgb(240,244,250)";
  const f = Math.min(1, used / budget);
  const r = Math.round(200 - 190 * f), g = Math.round(225 - 135 * f);
  return "rgb(" + r + "," + g + ",255)";
}
function heatmapLayout(numTiles, canvas) {
  const cols = Math.max(1, Math.ceil(Math.sqrt(numTiles * canvas.width /
                                               canvas.height)));
  const rows = Math.ceil(numTiles / cols);
  const size = Math.max(2, Math.floor(Math.min(canvas.width / cols,
                                               canvas.height / rows)));
  return {cols, size};
}
function drawHeatmap(p) {
  const m = p.memory, used = m.tiles.includingGaps, canvas = el("heatmap");
  const ctx = canvas.getContext("2d"), L = heatmapLayout(used.length, canvas);
  for (let t = 0; t < used.length; ++t) {
    ctx.fillStyle = tileColour(used[t], m.bytesPerTile);
    const x = (t % L.cols) * L.size, y = Math.floor(t / L.cols) * L.size;
    ctx.fillRect(x, y, L.size - (L.size > 4 ? 1 : 0),
                 L.size - (L.size > 4 ? 1 : 0));
  }
  canvas.onclick = (e) => {
    const r = canvas.getBoundingClientRect();
    const t = Math.floor((e.clientY - r.top) / L.size) * L.cols +
              Math.floor((e.clientX - r.left) / L.size);
    if (t >= 0 && t < used.length) location.hash = "tile=" + t;
  };
}
function drawTileBars(p) {
  const m = p.memory, used = m.tiles.includingGaps, canvas = el("tilebars");
  const ctx = canvas.getContext("2d");
  const top = Math.max(m.bytesPerTile, ...used) * 1.1;
  const w = canvas.width / used.length, h = canvas.height;
  for (let t = 0; t < used.length; ++t) {
    ctx.fillStyle = used[t] > m.bytesPerTile ? OVER : "rgb(10,90,255)";
    const bar = used[t] / top * h;
    ctx.fillRect(t * w, h - bar, Math.max(1, w - (w > 3 ? 1 : 0)), bar);
  }
  const y = h - m.bytesPerTile / top * h;
  ctx.strokeStyle = BUDGET;
  ctx.lineWidth = 2;
  ctx.setLineDash([6, 3]);
  ctx.beginPath(); ctx.moveTo(0, y); ctx.lineTo(canvas.width, y); ctx.stroke();
}
function showTile(p, t) {
  const m = p.memory, d = el("tile-detail");
  d.innerHTML = "";
  const h = document.createElement("h2");
  h.textContent = "Tile " + t + ": " + fmt(m.tiles.includingGaps[t]) +
      " B of " + fmt(m.bytesPerTile) + " B (" + fmt(m.tiles.excludingGaps[t]) +
      " B excluding gaps)";
  d.appendChild(h);
  const table = document.createElement("table");
  fill(table, ["category", "bytes"],
       m.categories.map(c => [c, fmt(m.tiles.byCategory[c][t])]));
  d.appendChild(table);
  const vars = p.variables.filter(v => v.tiles.includes(t));
  const list = document.createElement("table");
  fill(list, ["variable on this tile", "category", "bytes (all tiles)"],
       vars.sort((a, b) => b.bytes - a.bytes).slice(0, 20)
           .map(v => [v.name, v.category, fmt(v.bytes)]));
  d.appendChild(list);
}
function drawTimeline(p) {
  const e = p.execution, canvas = el("timeline"), note = el("timeline-note");
  if (!e) { note.textContent = "No execution profile in this file."; return; }
  const ctx = canvas.getContext("2d"), total = Math.max(1, e.cycles.total);
  let at = 0;
  const colours = {compute: "#2e9e4f", sync: "#999", exchange: "#f08c00",
                   host: "#8a4fd8"};
  for (const s of e.steps)
    for (const phase of ["compute", "sync", "exchange", "host"]) {
      const c = s.cycles[phase];
      if (!c) continue;
      ctx.fillStyle = colours[phase];
      ctx.fillRect(at / total * canvas.width, 0,
                   Math.max(1, c / total * canvas.width), canvas.height);
      at += c;
    }
  note.textContent = e.steps.length + " steps, " + fmt(e.cycles.total) +
      " cycles in " + e.runs + " run(s)" +
      (e.stepsNotTraced ? "; " + e.stepsNotTraced + " steps not traced" : "");
}
function computeSets(p) {
  const e = p.execution;
  if (!e) return;
  const sets = [...e.computeSets].sort((a, b) => b.cycles.total -
                                                 a.cycles.total);
  fill(el("compute-sets"), ["compute set", "steps", "cycles", "compute",
                            "sync"],
       sets.map(s => [s.name, fmt(s.steps), fmt(s.cycles.total),
                      fmt(s.cycles.compute), fmt(s.cycles.sync)]));
}
function largestVariables(p) {
  const vars = [...p.variables].sort((a, b) => b.bytes - a.bytes)
                   .slice(0, 25);
  fill(el("variables"), ["variable", "category", "bytes", "tiles",
                         "lifetime"],
       vars.map(v => [v.name, v.category, fmt(v.bytes), v.tiles.length,
                      v.lifetime ? v.lifetime[0] + "-" + v.lifetime[1]
                                 : "always"]));
}
function drawLiveness(p) {
  const canvas = el("liveness"), ctx = canvas.getContext("2d");
  let always = 0, last = 0;
  for (const v of p.variables) {
    if (v.lifetime) last = Math.max(last, v.lifetime[1]);
    else always += v.bytes;
  }
  const live = new Array(last + 1).fill(always);
  for (const v of p.variables)
    if (v.lifetime)
      for (let i = v.lifetime[0]; i <= v.lifetime[1]; ++i) live[i] += v.bytes;
  const top = Math.max(1, ...live), w = canvas.width / live.length;
  ctx.fillStyle = "#5a7";
  live.forEach((b, i) => {
    const h = b / top * canvas.height;
    ctx.fillRect(i * w, canvas.height - h, Math.max(1, w - 1), h);
  });
}
function overview(p) {
  const t = p.target, m = p.memory, o = el("overview");
  el("title").textContent = "Tessel profile: " + t.architecture + ", " +
      t.numIPUs + " IPU(s), " + fmt(t.numTiles) + " tiles of " +
      fmt(t.bytesPerTile) + " B";
  const table = document.createElement("table");
  table.id = "overview-table";
  const rows = [
    ["Memory, including gaps",
     fmt(m.total.includingGaps) + " B", "total-memory"],
    ["Memory, excluding gaps", fmt(m.total.excludingGaps) + " B", ""],
    ["Tiles over budget", m.overBudgetTiles.length +
     (m.overBudgetTiles.length ? " (tile " + m.overBudgetTiles.join(", ") +
      ")" : ""), "over-budget"],
    ["Total cycles", p.execution ? fmt(p.execution.cycles.total) : "not run",
     "total-cycles"]];
  for (const [k, v, id] of rows) {
    const tr = row([k, v], false);
    if (id) tr.lastChild.id = id;
    table.appendChild(tr);
  }
  o.appendChild(table);
  if (p.outOfMemory) {
    const d = document.createElement("p");
    d.id = "out-of-memory";
    d.textContent = p.outOfMemory;
    d.style.color = "#b00";
    o.appendChild(d);
  }
}
try {
  const p = JSON.parse(el("profile").textContent);
  overview(p);
  drawHeatmap(p);
  drawTileBars(p);
  drawTimeline(p);
  computeSets(p);
  largestVariables(p);
  drawLiveness(p);
  // The tile shown is the one the address names (#tile=N, which a click
  // sets), else the fullest.
  const used = p.memory.tiles.includingGaps;
  const fromHash = () => {
    const m = /^#tile=(\d+)$/.exec(location.hash);
    return m && Number(m[1]) < used.length ? Number(m[1])
                                           : used.indexOf(Math.max(...used));
  };
  window.addEventListener("hashchange", () => showTile(p, fromHash()));
  showTile(p, fromHash());
  document.body.dataset.ready = "yes";
} catch (err) {
  el("errors").textContent = "The report could not be drawn: " + err;
  throw err;
}
</script>
</body></html>
)PAGE";

/// JSON text made safe inside <script>: no "</" can end the element.
std::string scriptSafe(const std::string &json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<')
      out += "\\u003c";
    else
      out += json[i];
  }
  return out;
}

} // namespace

std::string reportPage(const std::string &profileJson,
                       const std::string &title) {
  std::string page = kHead;
  page += scriptSafe(profileJson);
  page += kScript;
  std::string marker = "<title>Tessel profile</title>";
  std::string escaped;
  for (char c : title)
    escaped += c == '<'   ? std::string("&lt;")
               : c == '&' ? std::string("&amp;")
                          : std::string(1, c);
  page.replace(page.find(marker), marker.size(),
               "<title>Tessel profile: " + escaped + "</title>");
  return page;
}

} // namespace tessel::report
