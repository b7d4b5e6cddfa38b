// The query side of validators.cjs: what the installed server's query
// validators (validateAndTransformQuery) take, as facts (`make validator-facts`,
// "queries" in openapi/validators.json) and compared with the spec's query
// parameters (`make validator-check`).
//
// Two facts of @medusajs/framework decide what a query validator refuses:
//   - zodValidator (dist/zod/zod-helpers.js) calls .strict() on any schema that
//     has it before parsing: every top-level z.object validator refuses unknown
//     keys at run time, whatever its own catchall says. A schema without
//     .strict (a .transform pipe) keeps what it declares; nested objects
//     (operator maps, relation filters) are never made strict and drop keys
//     they do not know, silently.
//   - middlewares the router mounts on a whole namespace before any route can
//     take a key out of req.query before validation (applyLocale reads
//     `locale` on /store and deletes it). Found by running each such
//     middleware on a recording query object, never from a list of names.
"use strict";
const path = require("path");

// kinds describes a zod type as what a query string can carry: a sorted list
// of "string", "number", "boolean", "array", "object", "ops" (an operator
// object: every key starts with "$"), "null", "any"; optional when absent is
// fine. ops holds each operator's kinds; keys the nested keys of an object.
function kinds(s, depth = 0) {
  const out = { kinds: new Set(), optional: false, nullable: false };
  walk(s, out, depth);
  return out;
}
function walk(s, out, depth) {
  if (typeof s === "function") s = s(undefined);
  if (!s || !s._zod || depth > 24) { out.kinds.add("any"); return; }
  const d = s._zod.def;
  switch (d.type) {
    case "optional": case "default": case "prefault":
      out.optional = true; return walk(d.innerType, out, depth + 1);
    case "nullable": out.nullable = true; return walk(d.innerType, out, depth + 1);
    case "readonly": case "catch": case "nonoptional": return walk(d.innerType, out, depth + 1);
    case "pipe": // preprocess(fn, T) is a pipe from a transform: T says what is
      // taken, after the function parsed the query string's text
      if (d.in && d.in._zod.def.type === "transform") { out.parsed = true; return walk(d.out, out, depth + 1); }
      return walk(d.in, out, depth + 1);
    case "lazy": return walk(d.getter(), out, depth + 1);
    case "union":
      for (const o of d.options) walk(o, out, depth + 1);
      return;
    case "undefined": out.optional = true; return;
    case "null": out.nullable = true; return;
    case "string": case "enum": case "literal": case "date": case "bigint":
      out.kinds.add(d.type === "literal" && typeof d.values?.[0] === "boolean" ? "boolean" : "string"); return;
    case "number": case "int": out.kinds.add("number"); return;
    case "boolean": out.kinds.add("boolean"); return;
    case "array": {
      out.kinds.add("array");
      const e = kinds(d.element, depth + 1);
      out.items = merge(out.items, e);
      return;
    }
    case "object": {
      const names = Object.keys(d.shape);
      if (names.length > 0 && names.every((n) => n.startsWith("$") && n !== "$and" && n !== "$or")) {
        out.kinds.add("ops");
        out.ops = out.ops || {};
        for (const n of names) out.ops[n] = kinds(d.shape[n], depth + 1);
      } else {
        out.kinds.add("object");
        out.keys = out.keys || {};
        for (const n of names) out.keys[n] = kinds(d.shape[n], depth + 1);
        out.strict = !!(d.catchall && d.catchall._zod.def.type === "never");
      }
      return;
    }
    case "record": out.kinds.add("object"); return;
    default: out.kinds.add("any");
  }
}
function merge(a, b) {
  if (!a) return b;
  b.kinds.forEach((k) => a.kinds.add(k));
  a.optional = a.optional || b.optional;
  return a;
}

// top is the validator's top-level object and whether it refuses unknown keys
// at run time (see above); null when the schema is not an object.
function top(schema) {
  let s = schema, strict = "strict" in schema;
  for (let i = 0; s && s._zod && i < 10; i++) {
    const d = s._zod.def;
    if (d.type === "object") {
      return { shape: d.shape, strict: strict || !!(d.catchall && d.catchall._zod.def.type === "never") };
    }
    if (d.type === "pipe") s = d.in && d.in._zod.def.type === "transform" ? d.out : d.in;
    else if (d.innerType) s = d.innerType;
    else return null;
  }
  return null;
}

// consumedKeys runs the framework's namespace middlewares that read req.query
// on a recording query and returns, per namespace, the keys they delete.
// Today only applyLocale exists (on /store); a release without it gives {}.
function consumedKeys(nm, req) {
  const out = {};
  let mws;
  try {
    mws = req(path.join(nm, "framework/dist/http/middlewares/index.js"));
  } catch {
    return out;
  }
  // the router mounts applyLocale on /store (dist/http/router.js)
  const probes = [["applyLocale", "/store"]];
  for (const [name, ns] of probes) {
    const fn = mws[name];
    if (typeof fn !== "function") continue;
    const deleted = [];
    const query = new Proxy({}, {
      get: (_, k) => (typeof k === "string" ? "en" : undefined),
      has: () => true,
      deleteProperty: (_, k) => { deleted.push(String(k)); return true; },
    });
    try {
      fn({ query, get: () => undefined, headers: {} }, {}, () => {});
    } catch { /* a middleware that needs more than a query: not a query consumer */ }
    if (deleted.length) out[ns] = [...new Set(deleted)].sort();
  }
  return out;
}

// facts: one route's query validator as JSON for openapi/validators.json.
function factsOf(schema) {
  const t = top(schema);
  if (!t) return undefined;
  const keys = {};
  for (const k of Object.keys(t.shape).sort()) keys[k] = kindFacts(kinds(t.shape[k]));
  return { strict: t.strict, keys };
}
function kindFacts(k, depth = 0) {
  const e = { kinds: [...k.kinds].sort() };
  if (k.optional) e.optional = true;
  if (k.nullable) e.nullable = true;
  if (k.parsed) e.parsed = true;
  if (k.items && depth < 4) {
    e.items = [...k.items.kinds].sort();
    if (k.items.parsed) e.items_parsed = true;
  }
  if (k.ops && depth < 4) {
    e.operators = {};
    for (const o of Object.keys(k.ops).sort()) e.operators[o] = kindFacts(k.ops[o], depth + 1);
  }
  return e;
}

// ---- spec side ----
function deref(doc, s, seen = new Set()) {
  while (s && s.$ref) {
    if (seen.has(s.$ref)) return {};
    seen.add(s.$ref);
    s = s.$ref.split("/").slice(1).reduce((o, k) => o[k], doc);
  }
  return s || {};
}
// specKinds: the kinds of a spec schema, in the same words as kinds().
function specKinds(doc, s, depth = 0) {
  s = deref(doc, s);
  const out = new Set();
  if (depth > 8) return out;
  for (const b of [...(s.oneOf || []), ...(s.anyOf || []), ...(s.allOf || [])]) specKinds(doc, b, depth + 1).forEach((k) => out.add(k));
  const props = specProps(doc, s);
  const names = Object.keys(props);
  if (names.length && names.every((n) => n.startsWith("$") && n !== "$and" && n !== "$or")) out.add("ops");
  else if (names.length && names.some((n) => n.startsWith("$") && n !== "$and" && n !== "$or")) out.add("ops"), out.add("object");
  else if (s.type === "object" || names.length) out.add("object");
  if (s.type === "array") out.add("array");
  if (s.type === "string") out.add("string");
  if (s.type === "number" || s.type === "integer") out.add("number");
  if (s.type === "boolean") out.add("boolean");
  return out;
}
function specProps(doc, s, depth = 0) {
  s = deref(doc, s);
  const out = {};
  if (depth > 8) return out;
  Object.assign(out, s.properties || {});
  for (const b of s.allOf || []) Object.assign(out, specProps(doc, b, depth + 1));
  return out;
}

// a spec kind the validator takes: numbers and booleans arrive as strings, and
// Medusa's validators coerce them where they declare number or boolean.
function fits(specK, v, parsed) {
  if (v.has("any")) return true;
  if (v.has(specK)) return true;
  if ((specK === "number" || specK === "boolean") && v.has("string")) return true;
  if (specK === "string" && parsed && (v.has("number") || v.has("boolean"))) return true;
  return false;
}
// wireItems: whether an array's elements, which a query string always sends
// as text, can pass the validator's element type.
function wireItems(v) {
  if (!v.items) return true;
  const k = v.items.kinds;
  return k.has("string") || k.has("any") || k.has("object") || k.has("ops") || v.items.parsed;
}

// GUARDED: the query classes an unexplained finding of makes
// `make validator-check` fail (the rule validator-queries fixes each of them;
// a new one means a new Medusa release or a rule that stopped matching).
// query-consumed is explained by definition; query-undocumented is listed
// and counted only (adding is compatible and optional).
const GUARDED = ["query-refused", "query-ignored", "query-operator-ignored", "query-operand",
  "query-operand-items", "query-type", "query-over-required", "query-undocumented-required"];
// EXPLAINED: why a guarded query finding is left (openapi/README.md, the
// query class table).
const EXPLAINED = {
  "consumed": "a namespace middleware reads it and takes it out of the query before validation",
  "shared-operator-map": "in an operator-map component other parameters share, whose validators take it; a per-site type would rename the shared one",
  "required-kept": "optional would change the Go field from T to *T, for a call that works",
  "last-param": "the operation's last query parameter: its Params type is part of the API",
};

// compare reports, for one operation, where its documented query parameters
// and the route's query validator disagree.
function compare(doc, where, op, schema, consumed, report) {
  const t = top(schema);
  if (!t) return false;
  const params = (op.parameters || []).map((p) => deref(doc, p)).filter((p) => p.in === "query");
  const documented = new Set(params.map((p) => p.name));
  let n = 0;
  for (const p of params) {
    n++;
    if (!(p.name in t.shape)) {
      if (consumed.includes(p.name)) report("query-consumed", where, p.name, "consumed");
      else report(t.strict ? "query-refused" : "query-ignored", where, p.name, params.length === 1 ? "last-param" : "");
      continue;
    }
    const v = kinds(t.shape[p.name]);
    if (p.required && v.optional) report("query-over-required", where, p.name, "required-kept");
    if (!p.required && !v.optional) report("query-under-required", where, p.name);
    const sk = specKinds(doc, p.schema);
    const ok = [...sk].some((k) => fits(k, v.kinds, v.parsed));
    if (sk.size && !ok) report("query-type", where, `${p.name}: spec ${[...sk].join("|")}, server ${[...v.kinds].sort().join("|")}`);
    if (sk.has("ops") && v.ops) {
      const sp = specProps(doc, p.schema);
      for (const [o, os] of Object.entries(sp)) {
        if (o === "$and" || o === "$or") continue;
        if (!(o in v.ops)) { report("query-operator-ignored", where, `${p.name}[${o}]`, shared(p.schema, o, "declared")); continue; }
        const ov = v.ops[o], osk = specKinds(doc, os);
        const ok2 = [...osk].some((k) => fits(k, ov.kinds, ov.parsed));
        if (!ok2) report("query-operand", where, `${p.name}[${o}]: spec ${[...osk].join("|")}, server ${[...ov.kinds].sort().join("|")}`, shared(p.schema, o, "list"));
        else if (osk.has("array") && ov.kinds.has("array") && !ov.parsed && !wireItems(ov) && ![...osk].some((k) => k !== "array" && fits(k, ov.kinds, ov.parsed)))
          report("query-operand-items", where, `${p.name}[${o}]: server takes a list of ${[...ov.items.kinds].sort().join("|")}, a query string sends text`, shared(p.schema, o, "text"));
      }
    }
  }
  for (const [k, s] of Object.entries(t.shape)) {
    if (documented.has(k)) continue;
    const v = kinds(s);
    report(v.optional ? "query-undocumented" : "query-undocumented-required", where, `${k}: ${[...v.kinds].sort().join("|")}`);
  }
  return n;
}

// prepare records, for one spec, what the validators of every top-level site
// of each operator-map component take (validatorOf(METHOD, path) is the
// route's query validator or undefined), for shared() below.
let uses = new Map(); // component $ref → operator → {declared, list, text}
function prepare(doc, validatorOf) {
  uses = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [m, op] of Object.entries(item)) {
      const schema = validatorOf(m.toUpperCase(), path);
      const t = schema && top(schema);
      if (!t) continue;
      for (const p of (op.parameters || []).map((x) => deref(doc, x)).filter((x) => x.in === "query")) {
        const ref = refOf(p.schema);
        if (!ref || !(p.name in t.shape)) continue;
        const v = kinds(t.shape[p.name]);
        if (!v.ops) continue;
        const u = uses.get(ref) || {};
        uses.set(ref, u);
        for (const [o, ov] of Object.entries(v.ops)) {
          const e = (u[o] = u[o] || { declared: true, list: false, text: false });
          e.list = e.list || ov.kinds.has("array");
          e.text = e.text || !ov.kinds.has("array") || ov.parsed || wireItems(ov);
        }
      }
    }
  }
}
function refOf(schema) {
  return schema && (schema.$ref || (schema.allOf && schema.allOf.length === 1 && schema.allOf[0].$ref)) || "";
}
// shared: "shared-operator-map" when the operator lives in a component and
// another site's validator takes what this one does not (what = "declared",
// "list" or "text"); validator-queries leaves those, and changes the rest.
function shared(schema, o, what) {
  const u = uses.get(refOf(schema));
  return u && u[o] && u[o][what] ? "shared-operator-map" : "";
}

module.exports = { factsOf, consumedKeys, prepare, compare, top, GUARDED, EXPLAINED };
