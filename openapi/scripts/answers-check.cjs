// Compares the fixed spec's answer schemas with the @medusajs/types answers
// of the route facts (openapi/routes.json, make route-facts), route by
// route, the way validators.cjs compares request bodies with the
// validators: the JS SDK's own types are a second witness of what the
// server sends. It prints one line per disagreement and counts per class;
// it changes nothing and guards nothing yet (make answer-check).
//
//   node openapi/scripts/answers-check.cjs openapi/routes.json SPEC.json [SPEC.json ...]
//
// Classes (paths like "order.items[].total"):
//   types-only   a property the types declare and the spec's answer lacks
//                (a typed answer drops it)
//   spec-only    a property the spec documents and the types do not
//   kind         the spec's JSON type differs from the types' (string/number/
//                boolean/object/array; a types value of several kinds is
//                compatible with any of them)
//   required     the types make a property optional that the spec requires
"use strict";
const fs = require("fs");

const [routesFile, ...specs] = process.argv.slice(2);
if (!routesFile || specs.length === 0) {
  console.error("usage: answers-check.cjs routes.json SPEC.json...");
  process.exit(2);
}
const facts = JSON.parse(fs.readFileSync(routesFile, "utf8"));
const key = (p) => p.replace(/\{[^}]+\}/g, "{}");

// types side: definitions of the facts
function tderef(s, seen) {
  for (let i = 0; s && s.$ref && i < 20; i++) {
    const n = decodeURIComponent(s.$ref.replace(/^#\/definitions\//, ""));
    if (seen.has(n)) return null;
    seen = new Set(seen).add(n);
    s = facts.schemas[n];
  }
  return s ? { s, seen } : null;
}
function tnorm(s, seen = new Set()) {
  const r = tderef(s, seen);
  if (!r) return null;
  s = r.s;
  let kinds = new Set(), nullable = false, props = null, required = new Set(), items = null;
  const add = (x) => {
    if (!x) return;
    x.kinds.forEach((k) => kinds.add(k));
    nullable ||= x.nullable;
    if (x.props) { props = { ...(props || {}), ...x.props }; }
    x.required.forEach((k) => required.add(k));
    if (x.items) items = x.items;
  };
  for (const t of [].concat(s.type || [])) t === "null" ? (nullable = true) : kinds.add(t === "integer" ? "number" : t);
  for (const b of s.anyOf || s.oneOf || []) add(tnorm(b, r.seen));
  for (const b of s.allOf || []) add(tnorm(b, r.seen));
  if (s.properties) {
    kinds.add("object");
    props = props || {};
    for (const [k, v] of Object.entries(s.properties)) props[k] = { schema: v, seen: r.seen };
    (s.required || []).forEach((k) => required.add(k));
  }
  if (s.items) { kinds.add("array"); items = { schema: s.items, seen: r.seen }; }
  if (s.enum || s.const !== undefined) for (const v of [].concat(s.enum || [s.const])) v === null ? (nullable = true) : kinds.add(typeof v);
  return { kinds, nullable, props, required, items };
}

// spec side
function sderef(doc, s, seen) {
  for (let i = 0; s && s.$ref && i < 20; i++) {
    if (seen.has(s.$ref)) return null;
    seen = new Set(seen).add(s.$ref);
    s = s.$ref.split("/").slice(1).reduce((o, k) => o && o[decodeURIComponent(k)], doc);
  }
  return s ? { s, seen } : null;
}
function snorm(doc, s, seen = new Set()) {
  const r = sderef(doc, s, seen);
  if (!r) return null;
  s = r.s;
  const kinds = new Set(), required = new Set();
  let props = null, items = null;
  if (s.type) kinds.add(s.type === "integer" ? "number" : s.type);
  for (const b of [...(s.allOf || []), ...(s.oneOf || []), ...(s.anyOf || [])]) {
    const x = snorm(doc, b, r.seen);
    if (!x) continue;
    x.kinds.forEach((k) => kinds.add(k));
    if (x.props) props = { ...(props || {}), ...x.props };
    x.required.forEach((k) => required.add(k));
    if (x.items) items = x.items;
  }
  if (s.properties) {
    kinds.add("object");
    props = props || {};
    for (const [k, v] of Object.entries(s.properties)) props[k] = { schema: v, seen: r.seen };
    (s.required || []).forEach((k) => required.add(k));
  }
  if (s.items) { kinds.add("array"); items = { schema: s.items, seen: r.seen }; }
  return { kinds, props, required, items, open: !!s.additionalProperties || (!s.properties && kinds.has("object")) };
}

const counts = {};
const lines = [];
function report(cls, where, what) {
  counts[cls] = (counts[cls] || 0) + 1;
  lines.push(`${cls}\t${where}\t${what}`);
}
function compare(doc, where, spec, types, path, depth) {
  if (!spec || !types || depth > 8) return;
  if (types.kinds.size === 1 && spec.kinds.size === 1) {
    const [a] = spec.kinds, [b] = types.kinds;
    if (a !== b) report("kind", where, `${path || "(answer)"}: spec ${a}, types ${b}`);
  }
  if (spec.items && types.items) {
    compare(doc, where, snorm(doc, spec.items.schema, spec.items.seen), tnorm(types.items.schema, types.items.seen), path + "[]", depth + 1);
  }
  if (!spec.props || !types.props) return;
  for (const k of Object.keys(types.props).sort()) {
    if (!(k in spec.props)) { if (!spec.open) report("types-only", where, path + (path ? "." : "") + k); continue; }
    if (spec.required.has(k) && !types.required.has(k)) report("required", where, path + (path ? "." : "") + k);
    compare(doc, where, snorm(doc, spec.props[k].schema, spec.props[k].seen), tnorm(types.props[k].schema, types.props[k].seen), path + (path ? "." : "") + k, depth + 1);
  }
  for (const k of Object.keys(spec.props).sort()) if (!(k in types.props)) report("spec-only", where, path + (path ? "." : "") + k);
}

const byKey = new Map();
for (const r of facts.routes) if (r.answer && r.answer.schema) byKey.set(`${r.method} ${key(r.path)}`, r);
let compared = 0;
for (const file of specs) {
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const [p, item] of Object.entries(doc.paths || {})) {
    for (const [m, op] of Object.entries(item)) {
      if (!op || !op.responses) continue;
      const k = `${m.toUpperCase()} ${key(p.replace(/^\/auth\/(customer|user)\//, "/auth/{}/"))}`;
      const r = byKey.get(k) || byKey.get(`${m.toUpperCase()} ${key(p)}`);
      if (!r || op["x-medusa-route"]) continue; // added from the facts: the same witness
      const ok = Object.keys(op.responses).filter((c) => /^2/.test(c)).sort()[0];
      const js = ok && op.responses[ok].content && op.responses[ok].content["application/json"];
      if (!js || !js.schema) continue;
      compared++;
      compare(doc, `${m.toUpperCase()} ${p}`, snorm(doc, js.schema), tnorm(r.answer.schema), "", 0);
    }
  }
}
lines.sort().forEach((l) => console.log(l));
console.log("compared:", compared, "answers; counts:", JSON.stringify(counts));
