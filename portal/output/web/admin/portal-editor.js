// 信息报送门户 — the portal's own part of the editor at admin/ (issue 27).
//
// Registers the front-matter format "portal-frontmatter" with Decap CMS, then starts the CMS:
// - reading: YAML 1.2 (the `yaml` package Decap itself uses, served from admin/yaml/), so dates stay text;
// - writing: the shape `new`, `adopt` and `instruct` write (portal/scaffold.py, portal/recording.py):
//   the fields of a new file in the form's order (the order `new` writes), an edited file's fields in its own
//   order; free text (title, author, tags, a 批示's by and note, a periodical's publication...) in double quotes
//   with JSON's escapes, names bare when YAML reads them back unchanged, dates bare as written
//   (2026-12-06 or 2026-12-06 15:10), adoptions and 批示 one `- {...}` line each.
// - naming: a new file is named by the rule `new` uses (reports/YYYY/MM/YYYY-MM-DD-<slug>-<n>.md, the first
//   free n; requests YG-<year>-<nn>.md; incidents/YYYY/…; periodicals/<slug>/<year>-<nn>.md), from
//   portal.json, which the build writes with the names taken at that build.
import { parse, parseDocument } from "./yaml/index.js";

const settings = await fetch("portal.json").then((answer) => answer.json());

const QUOTED = new Set(["title", "author", "tags", "type", "report", "publication", "editor", "signer"]);
const QUOTED_IN = { instructions: new Set(["by", "note"]) };
const MOMENTS = new Set(["date", "event_time", "reported_time", "issued", "deadline"]);
const ITEM_ORDER = {
  adopted: ["by", "date", "form", "in", "route", "points"],
  instructions: ["by", "level", "date", "note"],
  items: ["report", "column"],
};
const OWN = "portal_";
const DELIMITER = /^---[ \t]*$/;
const CLOSING = /^(---|\.\.\.)[ \t]*$/;

function quoted(value) {
  return JSON.stringify(value);
}

function plain(value) {
  // Bare when YAML (1.1, as the portal's reader) reads it back as the same text; else quoted (frontedit.plain).
  if (value && value === value.trim() && !/["'\\#&*!|>%@`]/.test(value)) {
    try {
      const back = parse(`{k: ${value}}`, { version: "1.1" });
      if (back && back.k === value) return value;
    } catch (error) {
      // not plain YAML: quoted below
    }
  }
  return quoted(value);
}

function scalar(key, value, quote) {
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  const text = String(value);
  if (quote) return quoted(text);
  if (MOMENTS.has(key) && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/.test(text)) return text;
  return plain(text);
}

function ordered(object, order) {
  const keys = Object.keys(object).filter((key) => !key.startsWith(OWN));
  const known = order.filter((key) => keys.includes(key));
  return [...known, ...keys.filter((key) => !known.includes(key))];
}

function flowMap(parent, object) {
  const quote = QUOTED_IN[parent] || new Set();
  const parts = ordered(object, ITEM_ORDER[parent] || [])
    .filter((key) => !empty(object[key]))
    .map((key) => `${key}: ${value(key, object[key], quote.has(key))}`);
  return `{${parts.join(", ")}}`;
}

function value(key, item, quote) {
  if (Array.isArray(item)) return `[${item.map((one) => value(key, one, quote)).join(", ")}]`;
  if (item !== null && typeof item === "object") return flowMap(key, item);
  return scalar(key, item, quote);
}

function empty(item) {
  return item === undefined || item === null || item === "" || (Array.isArray(item) && item.length === 0);
}

function field(key, item, had) {
  if (empty(item)) return null;
  if (item === false && !had && (key === "urgent" || key === "draft")) return null;
  const quote = QUOTED.has(key);
  if (Array.isArray(item) && item.some((one) => one !== null && typeof one === "object")) {
    const lines = item.map((one) =>
      one !== null && typeof one === "object" ? `  - ${flowMap(key, one)}` : `  - ${scalar(key, one, quote)}`,
    );
    return `${key}:\n${lines.join("\n")}`;
  }
  return `${key}: ${value(key, item, quote)}`;
}

// An edited file keeps its fields' order; a field it did not have goes after the nearest one before it in the form.
function fieldOrder(data, formOrder) {
  const present = Object.keys(data).filter((key) => key !== "body" && !key.startsWith(OWN));
  const had = Array.isArray(data.portal_keys) ? data.portal_keys.filter((key) => present.includes(key)) : [];
  const order = [...had];
  for (const key of [...formOrder, ...present]) {
    if (order.includes(key) || !present.includes(key)) continue;
    const before = formOrder.slice(0, Math.max(formOrder.indexOf(key), 0)).reverse().find((k) => order.includes(k));
    order.splice(before === undefined ? (had.length ? 0 : order.length) : order.indexOf(before) + 1, 0, key);
  }
  return order;
}

function toFile(data, formOrder = []) {
  const had = new Set(Array.isArray(data.portal_keys) ? data.portal_keys : []);
  const source = typeof data.portal_source === "string" ? JSON.parse(data.portal_source) : {};
  const lines = fieldOrder(data, formOrder)
    .map((key) => {
      const kept = source[key];
      if (kept && JSON.stringify(data[key] === undefined ? null : data[key]) === kept.json) return kept.text;
      return field(key, data[key], had.has(key));
    })
    .filter((line) => line !== null);
  let body = typeof data.body === "string" ? data.body.replace(/\r\n?/g, "\n") : "";
  body = body.replace(/^\n+/, "");
  if (body && !body.endsWith("\n")) body += "\n";
  return `---\n${lines.join("\n")}\n---\n\n${body}`;
}

function fromFile(content) {
  const text = content.replace(/^\ufeff/, "");
  const lines = text.split(/(?<=\n)/);
  if (!lines.length || !DELIMITER.test(lines[0].replace(/\r?\n$/, ""))) return { body: text };
  let end = 1;
  while (end < lines.length && !CLOSING.test(lines[end].replace(/\r?\n$/, ""))) end += 1;
  if (end >= lines.length) return { body: text };
  const document = parseDocument(lines.slice(1, end).join(""));
  if (document.errors.length) throw new Error(document.errors.map((error) => error.message).join("\n"));
  const data = document.toJSON() || {};
  data.portal_keys = Object.keys(data);
  adoptionsAsItems(data);
  data.portal_source = JSON.stringify(sources(lines.slice(1, end), data));
  data.body = lines.slice(end + 1).join("").replace(/^\r?\n/, "");
  return data;
}

// `adopted: 县委办` and `adopted: [县委办]` are shown as items of the form's list (written back as they were
// unless the list was changed: see sources).
function adoptionsAsItems(data) {
  const given = data.adopted;
  const names = typeof given === "string" ? [given] : Array.isArray(given) ? given : null;
  if (!names || !names.some((one) => typeof one === "string")) return;
  data.adopted = names.map((one) => (typeof one === "string" ? { by: one } : one));
}

// Each top-level field's lines as written (with the comment lines after it) and its value as read: a field the
// form leaves unchanged is written back byte for byte, quoting and comments included.
const KEY_LINE = /^[A-Za-z_][\w-]*[ \t]*:/;

function sources(lines, data) {
  const found = {};
  let key = null;
  for (const raw of lines) {
    const line = raw.replace(/\r?\n$/, "");
    if (KEY_LINE.test(line)) {
      key = line.slice(0, line.indexOf(":")).trim();
      found[key] = { text: line, json: JSON.stringify(data[key] === undefined ? null : data[key]) };
    } else if (key !== null) {
      found[key].text += `\n${line}`;
    }
  }
  return found;
}

function firstFree(folder, make) {
  const taken = new Set(settings.taken);
  let number = 1;
  while (taken.has(`${folder}/${make(number)}`)) number += 1;
  return make(number);
}

function two(number) {
  return String(number).padStart(2, "0");
}

// Where a new file goes, by the rule `new` uses; Decap adds -1, -2 only if the name was taken since the build.
function naming(collection, data) {
  const day = String(data.get("date") || data.get("issued") || "").slice(0, 10);
  const [year, month] = day.split("-");
  if (collection === "reports") {
    const slug = settings.sections[data.get("section")] || "x";
    const file = firstFree(`reports/${year}/${month}`, (n) => `${day}-${slug}-${n}`);
    return { portal_year: year, portal_month: month, portal_file: file };
  }
  if (collection === "incidents") {
    const slug = settings.sections[data.get("section")] || "x";
    return { portal_year: year, portal_file: firstFree(`incidents/${year}`, (n) => `${day}-${slug}-${n}`) };
  }
  if (collection === "requests") {
    return { portal_file: firstFree("requests", (n) => `YG-${year}-${two(n)}`) };
  }
  const series = settings.periodicals[data.get("publication")] || "x";
  return { portal_series: series, portal_file: `${year}-${two(data.get("number") || 0)}` };
}

window.CMS.registerCustomFormat("portal-frontmatter", "md", { fromFile, toFile });
window.CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    let data = entry.get("data");
    const named = naming(entry.get("collection"), data);
    for (const [key, part] of Object.entries(named)) data = data.set(key, part);
    return data;
  },
});
window.CMS.init();
