#include "server/dashboard.h"

namespace cloudemu::server {
namespace {

// Plain HTML and script, no external assets: the dashboard must work with no
// network beyond the emulator itself.
constexpr std::string_view kPage = R"html(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CloudEmu resources</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #1d2330; }
  header { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
  h1 { font-size: 1.3rem; margin: 0; }
  .meta { color: #5a6270; }
  input[type=search] { padding: .3rem .5rem; min-width: 16rem; }
  h2 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e3e6eb; vertical-align: top; }
  th { background: #f4f6f9; font-weight: 600; }
  td.attrs { font-family: ui-monospace, monospace; font-size: 12px; white-space: pre-wrap; color: #3b4350; }
  .empty { color: #8a919c; }
  .error { color: #b00020; }
</style>
</head>
<body>
<header>
  <h1>CloudEmu resources</h1>
  <span class="meta" id="where"></span>
  <input type="search" id="filter" placeholder="filter by type, id or attribute">
  <label><input type="checkbox" id="live" checked> refresh every 2 s</label>
  <span class="meta" id="updated"></span>
</header>
<main id="services"></main>
<script>
"use strict";
const servicesEl = document.getElementById("services");
const filterEl = document.getElementById("filter");
let listing = null;

function text(tag, value, className) {
  const el = document.createElement(tag);
  el.textContent = value;
  if (className) el.className = className;
  return el;
}

function describe(attributes) {
  if (!attributes || typeof attributes !== "object") return "";
  return Object.entries(attributes)
      .filter(([, value]) => !Array.isArray(value) || value.every(v => typeof v !== "object"))
      .map(([key, value]) => key + " = " + (typeof value === "object" ? JSON.stringify(value) : value))
      .join("\n");
}

// Resources may nest (objects inside a bucket): list them flat, parents first.
function flatten(resources, into) {
  for (const resource of resources || []) {
    into.push(resource);
    for (const value of Object.values(resource.attributes || {})) {
      if (Array.isArray(value) && value.some(v => v && typeof v === "object" && v.type)) flatten(value, into);
    }
  }
  return into;
}

function render() {
  if (!listing) return;
  document.getElementById("where").textContent =
      "account " + listing.account_id + " · region " + listing.region;
  const needle = filterEl.value.trim().toLowerCase();
  servicesEl.replaceChildren();
  for (const [service, resources] of Object.entries(listing.services || {})) {
    const rows = flatten(resources, []).filter(r => !needle ||
        JSON.stringify(r).toLowerCase().includes(needle));
    servicesEl.append(text("h2", service + " (" + rows.length + ")"));
    if (rows.length === 0) {
      servicesEl.append(text("p", needle ? "nothing matches" : "no resources", "empty"));
      continue;
    }
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const title of ["type", "id", "arn", "attributes"]) head.append(text("th", title));
    const body = table.createTBody();
    for (const resource of rows) {
      const row = body.insertRow();
      row.append(text("td", resource.type || ""), text("td", resource.id || ""),
                 text("td", resource.arn || ""), text("td", describe(resource.attributes), "attrs"));
    }
    servicesEl.append(table);
  }
}

async function refresh() {
  try {
    const response = await fetch("/_cloudemu/resources", {cache: "no-store"});
    if (!response.ok) throw new Error("HTTP " + response.status);
    listing = await response.json();
    document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
    render();
  } catch (error) {
    document.getElementById("updated").replaceChildren(text("span", "cannot reach the emulator: " + error.message, "error"));
  }
}

filterEl.addEventListener("input", render);
setInterval(() => { if (document.getElementById("live").checked) refresh(); }, 2000);
refresh();
</script>
</body>
</html>
)html";

}  // namespace

protocol::HttpResponse DashboardPage() {
  protocol::HttpResponse response;
  response.status = 200;
  response.headers.Set("content-type", "text/html; charset=utf-8");
  response.headers.Set("cache-control", "no-store");
  response.body = std::string(kPage);
  return response;
}

}  // namespace cloudemu::server
