// Lists, per route, where the spec's request documentation and the server's
// validators disagree. It loads the installed @medusajs/medusa's route
// middlewares, records the zod schema each validateAndTransformBody /
// validateAndTransformQuery was given, and compares it with the fixed spec
// (after the spec rules) that oapi-codegen reads.
//
//   node openapi/scripts/validators.cjs APP_DIR SPEC.json [SPEC.json ...]
//   make validator-check   (the fixed specs of `make generate`, the test server's install)
//
// Output: one line per finding (an explained one says why), then counts per
// class; the exit status is 1 when a request-body or guarded query finding is not explained
// (EXPLAINED, GUARDED below), so `make validator-check` is a guard. Classes:
//   refused      a body property the spec documents that a strict validator refuses,
//                or that the validator refuses whatever its value (a removed property)
//   over-required a body property the spec requires that the validator takes as optional
//   undocumented a body property the validator requires that the spec does not have
//   no-body      a documented JSON body on a route whose validator takes none
//   unwritable   an optional body property the validator takes that the spec does
//                not document (no branch of a union has it): a typed body cannot
//                send it (listed, not guarded: see openapi/README.md, Known limits)
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
// Values of every JSON kind: a key whose schema takes none of them (and
// takes absence) is a property the server refuses whatever its value, such
// as a product update's `options` ("removed in version 2.16.0").
const probes = [null, "", "x", 0, 1, true, false, [], {}, ["x"], { x: "x" }];
function takes(s, value) {
  try { return s.safeParse(value).success; } catch { return false; }
}
function field(v) {
  let optional = false, nullable = false, refused = false;
  let s = resolve(v);
  const top = s;
  let refined = false; // a refinement on the key or a wrapper of it
  for (let i = 0; s && s._zod && i < 20; i++) {
    const d = s._zod.def;
    if ((d.checks || []).length > 0) refined = true;
    if (d.type === "any" || d.type === "unknown") {
      // absence passes `any`; a refinement on it, or on the optional
      // around it (2.21: z.any().optional().superRefine), may refuse every value
      optional = true;
      if (refined && !probes.some((p) => takes(top, p))) refused = true;
      break;
    }
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
  let inner = s, list = false;
  if (inner && inner._zod && inner._zod.def.type === "array") { inner = inner._zod.def.element; list = true; }
  return { optional, nullable, refused, inner, list, kind: kindOf(v) };
}

// kindOf: the JSON type a key's schema takes, for the spec rule
// validator-shapes to type a property the spec lacks: "string", "number",
// "integer", "boolean", "object" (a record), a list of one of those
// ("array" with items), or an enum of strings. undefined when the schema is
// not one of these (objects, mixed unions, any): such a key is not typed.
function kindOf(v, depth = 0) {
  let s = resolve(v);
  if (!s || !s._zod || depth > 20) return undefined;
  const d = s._zod.def;
  switch (d.type) {
    case "optional": case "nullable": case "default": case "prefault": case "readonly": case "catch": case "nonoptional":
      return kindOf(d.innerType, depth + 1);
    case "pipe":
      return kindOf(d.in, depth + 1);
    case "string":
      return { type: "string" };
    case "boolean":
      return { type: "boolean" };
    case "number":
      return { type: (d.checks || []).some((c) => /int/.test((c._zod && c._zod.def.format) || "")) ? "integer" : "number" };
    case "enum": {
      const vals = Object.values(d.entries);
      return vals.every((x) => typeof x === "string") ? { type: "string", enum: vals } : undefined;
    }
    case "literal":
      return d.values.every((x) => typeof x === "string") ? { type: "string", enum: [...d.values] } : undefined;
    case "record":
      return { type: "object" };
    case "array": {
      const el = kindOf(d.element, depth + 1);
      return el && el.type !== "array" && el.type !== "object" ? { type: "array", items: el } : undefined;
    }
    case "union": {
      const parts = d.options.map((o) => resolve(o)).filter((o) => !["null", "undefined"].includes(o._zod.def.type)).map((o) => kindOf(o, depth + 1));
      if (parts.length === 0 || parts.some((x) => !x)) return undefined;
      const same = parts.every((x) => JSON.stringify(x) === JSON.stringify(parts[0]));
      return same ? parts[0] : undefined;
    }
    default:
      return undefined;
  }
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

// bodyUses: per spec, how many operations' request bodies reach each
// component schema (through $ref, properties, items and unions).
const bodyUses = new Map();
function countBodyUses(doc) {
  const uses = new Map();
  const walk = (s, seen) => {
    if (!s || typeof s !== "object") return;
    if (Array.isArray(s)) { s.forEach((x) => walk(x, seen)); return; }
    if (typeof s.$ref === "string" && s.$ref.startsWith("#/components/")) {
      if (seen.has(s.$ref)) return;
      seen.add(s.$ref);
      walk(deref(doc, { $ref: s.$ref }), seen);
      return;
    }
    for (const v of Object.values(s)) walk(v, seen);
  };
  for (const item of Object.values(doc.paths || {})) {
    for (const op of Object.values(item)) {
      if (!op || !op.requestBody) continue;
      const seen = new Set();
      walk(op.requestBody, seen);
      for (const ref of seen) {
        if (!ref.startsWith("#/components/schemas/")) continue;
        const name = ref.slice(21);
        uses.set(name, (uses.get(name) || 0) + 1);
      }
    }
  }
  bodyUses.set(doc, uses);
}

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
// ctx.branch names the shared component when the schema is (inside) a union
// branch that other operations' bodies share (see EXPLAINED below).
function compare(doc, where, schema, v, prefix, depth, ctx = {}) {
  if (!v || depth > 6) return;
  let sch = deref(doc, schema);
  if (sch.type === "array" && sch.items) sch = deref(doc, sch.items);
  if ((sch.oneOf || sch.anyOf) && !sch.properties) {
    // a union: compare each object branch with the validator's merged shape
    // (a key one branch documents is writable through that branch)
    const siblings = new Set();
    for (const b of sch.oneOf || sch.anyOf) Object.keys(specProps(doc, b).props).forEach((k) => siblings.add(k));
    for (const b of sch.oneOf || sch.anyOf) {
      const name = b && b.$ref && b.$ref.startsWith("#/components/schemas/") ? b.$ref.slice(21) : "";
      const branch = ctx.branch || (name && (bodyUses.get(doc).get(name) || 0) > 1 ? name : "");
      compare(doc, where, b, v, prefix, depth + 1, { ...ctx, branch, siblings });
    }
    return;
  }
  const s = specProps(doc, sch);
  if (Object.keys(s.props).length === 0) return;
  for (const k of Object.keys(s.props)) {
    if (!(k in v.keys) || v.keys[k].refused) {
      if (v.strict || (k in v.keys)) report("refused", where, prefix + k, ctx.branch ? "shared-branch" : "");
      continue;
    }
    compare(doc, where, s.props[k], shapeOf(v.keys[k].inner), prefix + k + ".", depth + 1, { ...ctx, siblings: undefined });
  }
  // an object the validator upserts (an optional "id": with it an item
  // updates a record, without it creates one) that the spec documents
  // without "id" describes new records only
  const upsert = v.keys.id && v.keys.id.optional && !("id" in s.props);
  for (const k of s.required) {
    if (k in v.keys && v.keys[k].optional && !v.keys[k].byUnion) report("over-required", where, prefix + k, upsert ? "upsert-create" : "");
  }
  for (const [k, f] of Object.entries(v.keys)) {
    if (!f.optional && !(k in s.props)) report("undocumented", where, prefix + k);
    else if (!f.refused && !(k in s.props) && !(ctx.siblings && ctx.siblings.has(k))) report("unwritable", where, prefix + k);
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
    if (f.refused) e.refused = true;
    if (f.kind) e.kind = f.kind;
    const sub = facts(shapeOf(f.inner), depth + 1);
    if (sub) e.shape = sub;
    if (sub && f.list) e.list = true; // a list of such objects
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

// EXPLAINED: the findings that are not errors of the spec, each for a
// general reason documented in openapi/README.md ("Spec against the
// server's validators"). Any other finding makes the check fail.
const EXPLAINED = {
  // over-required in an object the validator upserts (it takes an optional
  // "id": an item with it updates that record, one without creates a record)
  // and the spec documents without "id": the spec's object describes a new
  // record, which needs what the validator leaves optional for updates (the
  // workflow refuses a new variant without its title, a new price without
  // its amount or currency; a required list may be sent empty).
  "upsert-create": "the validator also updates by id; the spec's object (no id) creates, and creating needs it",
  // refused in a component that is a branch of this body's union and that
  // other bodies share: validator-shapes gives a route its own copy of a
  // shared component, but not of a union branch, whose name is part of the
  // union's As/From/Merge method names.
  "shared-branch": "in a union branch other bodies share (their validators take it); leave it unset here",
};
const consumed = querySide.consumedKeys(nm, req);
// GUARDED: the classes an unexplained finding of makes the check fail: the
// request bodies, and the query classes validators-query.cjs guards.
const GUARDED = new Set(["refused", "over-required", "undocumented", "no-body", ...querySide.GUARDED]);
Object.assign(EXPLAINED, querySide.EXPLAINED);
const findings = new Map();
const counts = {};
let unexplained = 0;
function report(cls, where, what, why = "") {
  const line = `${cls}\t${where}\t${what}`;
  const guarded = GUARDED.has(cls);
  const prev = findings.get(line);
  if (prev !== undefined) {
    // the same property through two union branches: explained only when
    // explained through both
    if (prev && !why) { findings.set(line, ""); if (guarded) unexplained++; }
    return;
  }
  findings.set(line, why);
  counts[cls] = (counts[cls] || 0) + 1;
  if (!why && guarded) unexplained++;
}
for (const file of specs) {
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  countBodyUses(doc);
  querySide.prepare(doc, (m, p) => (server[`${m} ${key(p)}`] || {}).query);
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
[...findings.keys()].sort().forEach((f) => {
  const why = findings.get(f);
  console.log(why ? `${f}\texplained (${why}): ${EXPLAINED[why]}` : f);
});
console.log("checked:", JSON.stringify(checked), "server routes:", Object.keys(server).length);
console.log("counts:", JSON.stringify(counts), "unexplained findings:", unexplained);
if (unexplained > 0) {
  console.error(`validator-check: ${unexplained} request disagreement(s) (bodies and query parameters) between the spec and the server's validators that no documented reason explains (openapi/README.md, "Spec against the server's validators"): fix them by a spec rule`);
  process.exit(1);
}
