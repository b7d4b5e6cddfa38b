// The details of Medusa's order change actions, read from the installed
// server's code, for the spec rule action-details (openapi/models.json's
// "order_change_actions", written by models.cjs).
//
// An order change action ({action, details, ...}) carries in `details` a
// record whose keys depend on the action: the workflows that create actions
// write them and the order module's handler of each action reads them. For
// every value of @medusajs/utils' ChangeActionType this finds:
//   - written: the keys of every `details: {...}` object literal that sits in
//     the same object literal as `action: <...>ChangeActionType.<VALUE>` (or
//     the value as a string), in the dist code of @medusajs/core-flows and
//     @medusajs/order; always: the keys every such literal writes;
//   - read: every `action.details.<key>` (or `?.`) in the order module's
//     handler of the action (dist/utils/actions/*.js, the file that registers
//     it with registerActionType).
// A literal with a spread (`...x`) is marked open: its keys are not all known.
// The script only reads files.
"use strict";
const path = require("path");
const fs = require("fs");

function jsFiles(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...jsFiles(p));
    else if (e.name.endsWith(".js")) out.push(p);
  }
  return out.sort();
}

// For each "{" its matching "}", skipping strings, template literals and
// comments (the compiled code has no regular expressions with braces in the
// files this reads; an unbalanced file yields no literals rather than wrong
// ones).
function braces(src) {
  const close = new Map();
  const open = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === "\\") i++;
    } else if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      i = src.indexOf("*/", i + 2);
      if (i < 0) return new Map();
      i++;
    } else if (c === "{") open.push(i);
    else if (c === "}") {
      if (!open.length) return new Map();
      close.set(open.pop(), i);
    }
  }
  return open.length ? new Map() : close;
}

// The top-level entries of the object literal src[from+1 .. to-1].
function entries(src, from, to) {
  const out = [];
  let depth = 0;
  let start = from + 1;
  for (let i = from + 1; i <= to; i++) {
    const c = src[i];
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < to && src[i] !== c; i++) if (src[i] === "\\") i++;
    } else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c) && i < to) depth--;
    if ((c === "," && depth === 0) || i === to) {
      const e = src.slice(start, i).trim();
      if (e) out.push({ text: e, at: start + (src.slice(start, i).length - src.slice(start, i).trimStart().length) });
      start = i + 1;
    }
  }
  return out;
}

function changeActions(nm) {
  const utils = require(path.join(nm, "utils"));
  const values = Object.values(utils.ChangeActionType || {}).map(String).sort();
  if (!values.length) throw new Error("@medusajs/utils has no ChangeActionType");
  const known = new Set(values);
  const acts = {};
  for (const v of values) acts[v] = { written: new Set(), always: null, read: new Set(), open: false };

  const files = [...jsFiles(path.join(nm, "core-flows", "dist")), ...jsFiles(path.join(nm, "order", "dist"))];
  const actionRe = /\baction:\s*(?:[\w$.]*ChangeActionType\.([A-Z_]+)|"([A-Z_]+)")/g;
  for (const f of files) {
    const src = fs.readFileSync(f, "utf8");
    if (!src.includes("ChangeActionType") && !/action:\s*"[A-Z_]+"/.test(src)) continue;
    const close = braces(src);
    const opens = [...close.keys()].sort((a, b) => a - b);
    for (const m of src.matchAll(actionRe)) {
      const value = m[1] || m[2];
      if (!known.has(value)) continue;
      // The innermost object literal holding the match.
      let lit = -1;
      for (const o of opens) {
        if (o > m.index) break;
        if (close.get(o) > m.index) lit = o;
      }
      if (lit < 0) continue;
      for (const e of entries(src, lit, close.get(lit))) {
        const d = /^details\s*:\s*\{/.exec(e.text);
        if (!d) continue;
        const dOpen = e.at + d[0].length - 1;
        if (!close.has(dOpen)) continue;
        const keys = new Set();
        for (const k of entries(src, dOpen, close.get(dOpen))) {
          if (k.text.startsWith("...")) {
            acts[value].open = true;
            continue;
          }
          const key = /^["']?([A-Za-z_$][\w$]*)["']?\s*(?::|$)/.exec(k.text);
          if (key) keys.add(key[1]);
        }
        const a = acts[value];
        for (const k of keys) a.written.add(k);
        a.always = a.always === null ? keys : new Set([...a.always].filter((k) => keys.has(k)));
      }
    }
  }
  for (const f of jsFiles(path.join(nm, "order", "dist", "utils", "actions"))) {
    const src = fs.readFileSync(f, "utf8");
    const reg = [...src.matchAll(/registerActionType\(\s*[\w$.]*ChangeActionType\.([A-Z_]+)/g)].map((m) => m[1]);
    if (reg.length !== 1 || !known.has(reg[0])) continue;
    for (const m of src.matchAll(/\baction\.details\??\.([A-Za-z_$][\w$]*)/g)) acts[reg[0]].read.add(m[1]);
  }
  const out = {};
  for (const v of values) {
    const a = acts[v];
    out[v] = { written: [...a.written].sort(), always: [...(a.always || [])].sort(), read: [...a.read].sort() };
    if (a.open) out[v].open = true;
  }
  return out;
}

module.exports = { changeActions };
