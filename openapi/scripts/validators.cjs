// Lists, per route, where the spec's request documentation and the server's
// validators disagree. It loads the installed @medusajs/medusa's route
// middlewares, records the zod schema each validateAndTransformBody /
// validateAndTransformQuery was given, and compares it with the fixed spec
// (after the spec rules) that oapi-codegen reads.
//
//   node openapi/scripts/validators.cjs APP_DIR SPEC.json [SPEC.json ...]
//   make validator-check   (the fixed specs of `make generate`, the test server's install)
//
// Output: one line per finding, then counts per class. Classes:
//   refused      a body property the spec documents that a strict validator refuses
//   over-required a body property the spec requires that the validator takes as optional
//   undocumented a body property the validator requires that the spec does not have
//   no-body      a documented JSON body on a route whose validator takes none
//   query-*      the query side, from validators-query.cjs: query-refused (a
//                documented parameter the validator refuses; every top-level
//                object validator is strict at run time), query-ignored (dropped
//                silently), query-consumed (read and removed before validation),
//                query-undocumented[-required], query-over-/under-required,
//                query-type, query-operand and query-operator-ignored (operator maps)
// Nested objects and lists of objects are compared too (paths like
// "variants.prices.amount"). A finding is a fact about the server to fix by a
// general spec rule or to explain in openapi/README.md; the script never
// changes the spec.
"use strict";
const path = require("path");
const fs = require("fs");
const { createRequire } = require("module");

const [appDir, ...specs] = process.argv.slice(2);
const factsMode = specs[0] === "--facts";
if (!appDir || specs.length === 0) {
  console.error("usage: validators.cjs APP_DIR SPEC.json... | validators.cjs APP_DIR --facts");
  process.exit(2);
}
if (!fs.existsSync(path.join(appDir, "node_modules", "@medusajs", "medusa"))) {
  console.error(`validators: ${appDir} has no node_modules/@medusajs/medusa: run make medusa-up once (it installs the server)`);
  process.exit(2);
}
const req = createRequire(path.join(path.resolve(appDir), "package.json"));

// Tag the middlewares with the schema they validate against.
// By file: the packages' "exports" do not list their dist/ files.
const nm = path.join(path.resolve(appDir), "node_modules", "@medusajs");
const body = req(path.join(nm, "framework/dist/http/utils/validate-body.js"));
const query = req(path.join(nm, "framework/dist/http/utils/validate-query.js"));
const realBody = body.validateAndTransformBody;
const realQuery = query.validateAndTransformQuery;
const querySide = require("./validators-query.cjs");
body.validateAndTransformBody = (schema) => Object.assign(realBody(schema), { __body: schema });
query.validateAndTransformQuery = (schema, cfg) => Object.assign(realQuery(schema, cfg), { __query: schema });

const all = req(path.join(nm, "medusa/dist/api/middlewares.js"));
const routes = (all.default || all).routes || all.default || all;

// ---- zod 4 introspection ----
function resolve(s) {
  if (typeof s === "function") s = s(undefined); // additional_data factories
  return s;
}
// shapeOf flattens a schema into {keys: {name: {optional, nullable}}, strict}
// or null when it is not an object (a union of objects is merged).
function shapeOf(s, depth = 0) {
  s = resolve(s);
  if (!s || !s._zod || depth > 20) return null;
  const d = s._zod.def;
  switch (d.type) {
    case "object": {
      const keys = {};
      for (const [k, v] of Object.entries(d.shape)) keys[k] = field(v);
      const strict = !!(d.catchall && d.catchall._zod.def.type === "never");
      return { keys, strict };
    }
    case "pipe":
      return shapeOf(d.in, depth + 1);
    case "optional": case "nullable": case "default": case "prefault": case "readonly": case "catch": case "nonoptional":
      return shapeOf(d.innerType, depth + 1);
    case "lazy":
      return shapeOf(d.getter(), depth + 1);
    case "union": {
      const parts = d.options.map((o) => shapeOf(o, depth + 1)).filter(Boolean);
      if (parts.length === 0) return null;
      const keys = {};
      for (const p of parts) for (const [k, v] of Object.entries(p.keys)) {
        const inAll = parts.every((q) => k in q.keys);
        const anyOptional = parts.some((q) => k in q.keys && q.keys[k].optional);
        // a key only some branches have is optional because of the union
        // (the spec's branches say which): not an over-required finding
        if (!keys[k]) keys[k] = { ...v, optional: anyOptional || !inAll, byUnion: !anyOptional && !inAll };
      }
      return { keys, strict: parts.every((p) => p.strict) };
    }
    case "intersection": {
      const l = shapeOf(d.left, depth + 1), r = shapeOf(d.right, depth + 1);
      if (!l || !r) return l || r;
      return { keys: { ...l.keys, ...r.keys }, strict: l.strict && r.strict };
    }
    default:
      return null;
  }
}
function field(v) {
  let optional = false, nullable = false;
  let s = resolve(v);
  for (let i = 0; s && s._zod && i < 20; i++) {
    const d = s._zod.def;
    if (d.type === "optional" || d.type === "default" || d.type === "prefault") optional = true;
    else if (d.type === "nullable") nullable = true;
    else if (d.type === "pipe") { s = d.in; continue; }
    else if (d.type === "union") {
      for (const o of d.options) {
        const t = resolve(o)._zod.def.type;
        if (t === "undefined") optional = true;
        if (t === "null") nullable = true;
      }
      break;
    } else break;
    s = d.innerType;
  }
  // what a nested object or a list of objects is checked against
  let inner = s;
  if (inner && inner._zod && inner._zod.def.type === "array") inner = inner._zod.def.element;
  return { optional, nullable, inner };
}

// ---- spec ----
function deref(doc, s, seen = new Set()) {
  while (s && s.$ref) {
    if (seen.has(s.$ref)) return {};
    seen.add(s.$ref);
    s = s.$ref.split("/").slice(1).reduce((o, k) => o[k], doc);
  }
  return s || {};
}
function specProps(doc, s, depth = 0) {
  s = deref(doc, s);
  const out = { props: {}, required: new Set() };
  if (depth > 10) return out;
  for (const r of s.required || []) out.required.add(r);
  for (const [k, v] of Object.entries(s.properties || {})) out.props[k] = v;
  for (const sub of s.allOf || []) {
    const p = specProps(doc, sub, depth + 1);
    Object.assign(out.props, p.props);
    p.required.forEach((r) => out.required.add(r));
  }
  return out;
}
const key = (p) => p.replace(/\{[^}]+\}/g, "{}").replace(/:[A-Za-z_]+/g, "{}").replace(/\/$/, "");

// server routes: "METHOD key" → {body, query}
const server = {};
for (const r of routes) {
  if (!r.matcher || typeof r.matcher !== "string") continue;
  const methods = [].concat(r.method || r.methods || ["GET", "POST", "DELETE"]);
  for (const m of methods) {
    const k = `${m.toUpperCase()} ${key(r.matcher)}`;
    const e = (server[k] = server[k] || {});
    for (const mw of r.middlewares || []) {
      if (mw.__body) e.body = mw.__body;
      if (mw.__query) e.query = mw.__query;
    }
  }
}

// compare reports where a spec object schema and a validator's object shape
// disagree, then descends into properties that are objects or lists of them.
function compare(doc, where, schema, v, prefix, depth) {
  if (!v || depth > 6) return;
  let sch = deref(doc, schema);
  if (sch.type === "array" && sch.items) sch = deref(doc, sch.items);
  if ((sch.oneOf || sch.anyOf) && !sch.properties) {
    // a union: compare each object branch with the validator's merged shape
    for (const b of sch.oneOf || sch.anyOf) compare(doc, where, b, v, prefix, depth + 1);
    return;
  }
  const s = specProps(doc, sch);
  if (Object.keys(s.props).length === 0) return;
  for (const k of Object.keys(s.props)) {
    if (!(k in v.keys)) {
      if (v.strict) report("refused", where, prefix + k);
      continue;
    }
    compare(doc, where, s.props[k], shapeOf(v.keys[k].inner), prefix + k + ".", depth + 1);
  }
  for (const k of s.required) {
    if (k in v.keys && v.keys[k].optional && !v.keys[k].byUnion) report("over-required", where, prefix + k);
  }
  for (const [k, f] of Object.entries(v.keys)) {
    if (!f.optional && !(k in s.props)) report("undocumented", where, prefix + k);
  }
}
const checked = { body: 0, query: 0, queryParams: 0 };
// --facts: the body validators' shapes as JSON, for the spec rule
// validator-shapes (openapi/validators.json, `make validator-facts`).
function facts(v, depth = 0) {
  if (!v || depth > 6) return undefined;
  const out = { strict: v.strict, keys: {} };
  for (const k of Object.keys(v.keys).sort()) {
    const f = v.keys[k];
    const e = {};
    if (f.optional) e.optional = true;
    if (f.byUnion) e.union = true;
    if (f.nullable) e.nullable = true;
    const sub = facts(shapeOf(f.inner), depth + 1);
    if (sub) e.shape = sub;
    out.keys[k] = e;
  }
  return out;
}
if (factsMode) {
  const pkg = JSON.parse(fs.readFileSync(path.join(nm, "medusa", "package.json"), "utf8"));
  const bodies = {};
  for (const k of Object.keys(server).sort()) {
    const shape = server[k].body && facts(shapeOf(server[k].body));
    if (shape) bodies[k] = shape;
  }
  const queries = {};
  for (const k of Object.keys(server).sort()) {
    const shape = server[k].query && querySide.factsOf(server[k].query);
    if (shape) queries[k] = shape;
  }
  const consumed = querySide.consumedKeys(nm, req);
  process.stdout.write(JSON.stringify({ medusa: pkg.version, bodies, queries, consumed }, null, 1) + "\n");
  process.exit(0);
}

const consumed = querySide.consumedKeys(nm, req);
const findings = new Set();
const counts = {};
function report(cls, where, what) {
  const line = `${cls}\t${where}\t${what}`;
  if (findings.has(line)) return; // the same property through two union branches
  findings.add(line);
  counts[cls] = (counts[cls] || 0) + 1;
}
for (const file of specs) {
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const [p, item] of Object.entries(doc.paths || {})) {
    for (const [m, op] of Object.entries(item)) {
      if (!["get", "post", "delete", "put", "patch"].includes(m)) continue;
      const where = `${m.toUpperCase()} ${p}`;
      const srv = server[`${m.toUpperCase()} ${key(p)}`];
      if (!srv) continue; // not a core route (or matched by a pattern)
      const content = op.requestBody && deref(doc, op.requestBody).content;
      const json = content && content["application/json"];
      if (json && json.schema) {
        if (!srv.body) {
          report("no-body", where, "documented JSON body; the route has no body validator");
        } else {
          checked.body++;
          compare(doc, where, json.schema, shapeOf(srv.body), "", 0);
        }
      }
      if (srv.query) {
        const ns = Object.keys(consumed).find((n) => p === n || p.startsWith(n + "/"));
        const n = querySide.compare(doc, where, op, srv.query, ns ? consumed[ns] : [], report);
        if (n !== false) { checked.query++; checked.queryParams += n; }
      }
    }
  }
}
[...findings].sort().forEach((f) => console.log(f));
console.log("checked:", JSON.stringify(checked), "server routes:", Object.keys(server).length);
console.log("counts:", JSON.stringify(counts));
