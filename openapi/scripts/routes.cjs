// The installed server's route table as facts (openapi/routes.json, `make
// route-facts`), read by the spec rule release-routes:
//
//   node openapi/scripts/routes.cjs APP_DIR > openapi/routes.json
//
// Per route (one HTTP method of one dist/api/**/route.js of @medusajs/medusa,
// the files Medusa's router mounts, with the methods each exports):
//   auth     the actor and the ways the route's `authenticate` middleware
//            takes ("session", "bearer", "api-key"), and whether it lets an
//            unauthenticated or an unregistered (actorless) caller through;
//   body / query  the export names of the zod validators the route's
//            validateAndTransformBody / validateAndTransformQuery get (their
//            shapes are in openapi/validators.json, `make validator-facts`);
//   answer   the @medusajs/types type the route answers with: the one its own
//            declaration names (route.d.ts, `res: MedusaResponse<T>`), else
//            the one the JS SDK's method for the route returns
//            (@medusajs/js-sdk's dist: the method's `this.client.fetch(path,
//            {method})` in its .js, its `Promise<T>` in its .d.ts); both are
//            kept (`declared`, `sdk`, with the SDK method's name) and the
//            chosen one is converted to JSON Schema by ts-json-schema-generator
//            (tools/tsschema, pinned with its package-lock), its named types in
//            `schemas`.
// Every route's answer is converted, not only the ones the spec lacks: the
// spec rule uses the ones it needs, and the answer check compares the others.
"use strict";
const path = require("path");
const fs = require("fs");
const os = require("os");
const { createRequire } = require("module");

const appDir = process.argv[2];
if (!appDir) {
  console.error("usage: routes.cjs APP_DIR");
  process.exit(2);
}
const app = path.resolve(appDir);
const nm = path.join(app, "node_modules", "@medusajs");
if (!fs.existsSync(path.join(nm, "medusa"))) {
  console.error(`route-facts: ${appDir} has no node_modules/@medusajs/medusa: run make medusa-up once (it installs the server)`);
  process.exit(2);
}
const toolsDir = path.join(__dirname, "..", "..", "tools", "tsschema");
if (!fs.existsSync(path.join(toolsDir, "node_modules", "ts-json-schema-generator"))) {
  console.error(`route-facts: ${toolsDir} is not installed: run (cd tools/tsschema && npm ci)`);
  process.exit(2);
}
const tools = createRequire(path.join(toolsDir, "package.json"));
const ts = tools("typescript");
const tsj = tools("ts-json-schema-generator");
const req = createRequire(path.join(app, "package.json"));
const version = (dir) => JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;

// ---- the middlewares: tag authenticate and the validators -------------------
const auth = req(path.join(nm, "framework/dist/http/middlewares/authenticate-middleware.js"));
const body = req(path.join(nm, "framework/dist/http/utils/validate-body.js"));
const query = req(path.join(nm, "framework/dist/http/utils/validate-query.js"));
const realAuth = auth.authenticate, realBody = body.validateAndTransformBody, realQuery = query.validateAndTransformQuery;
auth.authenticate = (actor, types, options = {}) =>
  Object.assign(realAuth(actor, types, options), {
    __auth: {
      actor: [].concat(actor),
      types: [].concat(types),
      ...(options.allowUnauthenticated ? { optional: true } : {}),
      ...(options.allowUnregistered ? { unregistered: true } : {}),
    },
  });
body.validateAndTransformBody = (schema) => Object.assign(realBody(schema), { __body: schema });
query.validateAndTransformQuery = (schema, cfg) => Object.assign(realQuery(schema, cfg), { __query: schema });

const api = path.join(nm, "medusa", "dist", "api");
const files = (dir, name) => {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p, name));
    else if (e.name === name) out.push(p);
  }
  return out.sort();
};
// the validators' export names, by identity
const names = new Map();
for (const f of files(api, "validators.js")) {
  const m = req(f);
  for (const [k, v] of Object.entries(m)) if (v && typeof v === "object" && !names.has(v)) names.set(v, k);
}
const nameOf = (s) => {
  if (typeof s === "function") s = s(undefined); // additional_data factories
  return names.get(s) || null;
};
const all = req(path.join(api, "middlewares.js"));
const mws = (all.default || all).routes || all.default || all;
const key = (p) => p.replace(/\{[^}]+\}/g, "{}").replace(/:[A-Za-z_]+/g, "{}").replace(/\/$/, "");
const mounted = {};
for (const r of mws) {
  if (!r.matcher || typeof r.matcher !== "string") continue;
  for (const m of [].concat(r.method || r.methods || ["GET", "POST", "DELETE"])) {
    const e = (mounted[`${m.toUpperCase()} ${key(r.matcher)}`] ||= {});
    for (const mw of r.middlewares || []) {
      if (mw.__auth) e.auth = mw.__auth;
      if (mw.__body) e.body = nameOf(mw.__body) || "(unnamed)";
      if (mw.__query) e.query = nameOf(mw.__query) || "(unnamed)";
    }
  }
}

// ---- the route table ---------------------------------------------------------
const NAMESPACES = {
  admin: { auth: { actor: ["user"], types: ["bearer", "session", "api-key"] } },
  store: { auth: { actor: ["customer"], types: ["bearer", "session"], optional: true }, publishable_key: true },
};
const HTTP = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];
const routes = [];
for (const f of files(api, "route.js")) {
  const rel = path.relative(api, path.dirname(f)).split(path.sep);
  const p = "/" + rel.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/");
  const exp = req(f);
  for (const m of HTTP) {
    if (typeof exp[m] !== "function") continue;
    const own = mounted[`${m} ${key(p)}`] || {};
    const r = { method: m, path: p, ...own };
    // The router authenticates every /admin and /store route unless its file
    // exports AUTHENTICATE = false (framework dist/http/router.js,
    // routes-loader.js); a route's own authenticate middleware comes after.
    const ns = NAMESPACES[rel[0]];
    if (!own.auth && ns && exp.AUTHENTICATE !== false) r.auth = ns.auth;
    if (ns && ns.publishable_key) r.publishable_key = true;
    r.file = path.relative(api, f);
    routes.push(r);
  }
}

// ---- answers: route.d.ts, then the JS SDK -------------------------------------
const program = (roots) => ts.createProgram(roots, { allowJs: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022 });
const declFiles = routes.map((r) => path.join(api, r.file.replace(/\.js$/, ".d.ts")));
const sdkDir = path.join(nm, "js-sdk", "dist");
const walk = (dir, ext) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? (e.name === "esm" ? [] : walk(path.join(dir, e.name), ext)) : e.name.endsWith(ext) && !e.name.endsWith(".map") ? [path.join(dir, e.name)] : []);
const sdkFiles = fs.existsSync(sdkDir) ? walk(sdkDir, ".js") : [];
const prog = program([...new Set(declFiles), ...sdkFiles, ...sdkFiles.map((f) => f.replace(/\.js$/, ".d.ts"))]);
const checker = prog.getTypeChecker();

// typeText rewrites a type node so that it can be written in a file of its
// own: each named type becomes an alias imported from the file that declares
// it (library types such as Record stay as they are).
const imports = new Map(); // "file\0name" -> alias
function aliasFor(sym) {
  if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  const decl = (sym.declarations || [])[0];
  if (!decl) return null;
  const file = decl.getSourceFile().fileName;
  if (prog.isSourceFileDefaultLibrary(decl.getSourceFile()) || /typescript[\\/]lib[\\/]lib\./.test(file)) return sym.name;
  const k = `${file}\0${sym.name}`;
  if (!imports.has(k)) imports.set(k, `T${imports.size}_${sym.name}`);
  return imports.get(k);
}
function typeText(node) {
  const src = node.getSourceFile();
  const edits = [];
  const visit = (n) => {
    if (ts.isTypeReferenceNode(n)) {
      const sym = checker.getSymbolAtLocation(n.typeName);
      const a = sym && aliasFor(sym);
      if (!a) throw new Error(`cannot resolve ${n.typeName.getText(src)} in ${src.fileName}`);
      edits.push([n.typeName.getStart(src), n.typeName.getEnd(), a]);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  let text = src.text.slice(node.getStart(src), node.getEnd());
  const base = node.getStart(src);
  for (const [s, e, a] of edits.sort((x, y) => y[0] - x[0])) text = text.slice(0, s - base) + a + text.slice(e - base);
  return text;
}
// declared: `export declare const GET: (req, res: MedusaResponse<T>) => ...`
function declaredAnswer(file, method) {
  const sf = prog.getSourceFile(file);
  if (!sf) return null;
  let out = null;
  sf.forEachChild((st) => {
    if (!ts.isVariableStatement(st)) return;
    for (const d of st.declarationList.declarations) {
      if (d.name.getText(sf) !== method || !d.type || !ts.isFunctionTypeNode(d.type)) continue;
      const res = d.type.parameters[1];
      const t = res && res.type;
      if (t && ts.isTypeReferenceNode(t) && t.typeName.getText(sf) === "MedusaResponse" && t.typeArguments && t.typeArguments.length) {
        out = t.typeArguments[0];
      }
    }
  });
  return out;
}

// The JS SDK: every this.client.fetch(path, {method}) call, with the member
// chain of the function it is in (Search.list, Auth.listProviders,
// Store.product.list).
const sdk = {}; // "METHOD key" -> {name, node}
function literalPath(sf, e, consts) {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isIdentifier(e) && consts.has(e.text)) return consts.get(e.text);
  if (ts.isTemplateExpression(e)) {
    let s = e.head.text;
    for (const span of e.templateSpans) {
      const x = span.expression;
      s += ts.isIdentifier(x) && consts.has(x.text) ? consts.get(x.text) : `{${x.getText(sf)}}`;
      s += span.literal.text;
    }
    return s;
  }
  return null;
}
function memberChain(n) {
  const chain = [];
  for (let p = n.parent; p; p = p.parent) {
    if ((ts.isMethodDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.name) chain.unshift(p.name.getText());
    else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(p.left) && p.left.expression.kind === ts.SyntaxKind.ThisKeyword) chain.unshift(p.left.name.text);
    else if (ts.isClassDeclaration(p) && p.name) { chain.unshift(p.name.text); break; }
  }
  return chain;
}
function declaredMember(dts, chain) {
  const sf = prog.getSourceFile(dts);
  if (!sf) return null;
  let members = null;
  sf.forEachChild((st) => { if (ts.isClassDeclaration(st) && st.name && st.name.text === chain[0]) members = st.members; });
  let node = null;
  for (const name of chain.slice(1)) {
    node = members && [...members].find((m) => m.name && m.name.getText(sf) === name);
    if (!node) return null;
    const t = node.type;
    members = t && ts.isTypeLiteralNode(t) ? t.members : null;
  }
  if (!node) return null;
  let ret = ts.isMethodSignature(node) || ts.isMethodDeclaration(node) ? node.type : node.type && ts.isFunctionTypeNode(node.type) ? node.type.type : null;
  if (ret && ts.isTypeReferenceNode(ret) && ret.typeName.getText(sf) === "Promise" && ret.typeArguments) ret = ret.typeArguments[0];
  return ret && ret.kind !== ts.SyntaxKind.VoidKeyword ? ret : null;
}
for (const f of sdkFiles) {
  const sf = prog.getSourceFile(f);
  if (!sf) continue;
  const consts = new Map();
  const visit = (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isStringLiteral(n.initializer)) consts.set(n.name.text, n.initializer.text);
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "fetch" && /\.client$/.test(n.expression.expression.getText(sf))) {
      const p = n.arguments[0] && literalPath(sf, n.arguments[0], consts);
      let method = "GET";
      const opts = n.arguments[1];
      if (opts && ts.isObjectLiteralExpression(opts)) {
        for (const pr of opts.properties) if (ts.isPropertyAssignment(pr) && pr.name.getText(sf) === "method" && ts.isStringLiteral(pr.initializer)) method = pr.initializer.text.toUpperCase();
      }
      const chain = memberChain(n);
      if (p && p.startsWith("/") && chain.length > 1) {
        const ret = declaredMember(f.replace(/\.js$/, ".d.ts"), chain);
        const k = `${method} ${key(p.replace(/\?.*$/, ""))}`;
        const rel = path.relative(sdkDir, f).replace(/\.js$/, "").replace(/\/index$/, "");
        // the client's property: admin/inventory-item.js is sdk.admin.inventoryItem
        const camel = (w) => w.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
        const e = { name: rel.split(/[\\/]/).map(camel).join(".") + "." + chain.slice(1).join("."), node: ret };
        // the route's first method in file order
        if (!sdk[k]) sdk[k] = e;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}

// ---- conversion ---------------------------------------------------------------
const aliases = []; // [route index, alias]
const lines = [];
routes.forEach((r, i) => {
  const declared = declaredAnswer(path.join(api, r.file.replace(/\.js$/, ".d.ts")), r.method);
  const s = sdk[`${r.method} ${key(r.path)}`];
  const answer = {};
  const text = (n) => n.getText(n.getSourceFile());
  if (declared) answer.declared = text(declared);
  if (s) {
    answer.sdk_method = s.name;
    if (s.node) answer.sdk = text(s.node);
  }
  // A request type is no answer (2.21.2's JS SDK declares admin.user.listRoles
  // to return HttpTypes.AdminGetUserRolesParams, its query's type).
  const isAnswer = (n) => n && !/Params$/.test(text(n).replace(/<[\s\S]*$/, ""));
  const pick = isAnswer(declared) ? declared : s && isAnswer(s.node) ? s.node : null;
  if (!pick && (declared || (s && s.node))) answer.refused = "a request type (…Params) is no answer";
  const chosen = pick ? typeText(pick) : null;
  if (chosen) {
    const alias = `Answer${i}`;
    lines.push(`export type ${alias} = ${chosen};`);
    aliases.push([i, alias]);
  }
  if (Object.keys(answer).length) r.answer = answer;
});
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "route-facts-"));
const entry = path.join(tmp, "answers.ts");
const head = [...imports].map(([k, a]) => {
  const [file, name] = k.split("\0");
  return `import type { ${name} as ${a} } from ${JSON.stringify(file.replace(/\.d\.ts$/, "").replace(/\.js$/, ""))};`;
});
fs.writeFileSync(entry, [...head, ...lines].join("\n") + "\n");
fs.writeFileSync(path.join(tmp, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: true, moduleResolution: "node", module: "commonjs", target: "es2022" }, files: ["answers.ts"] }));
const config = { ...tsj.DEFAULT_CONFIG, path: entry, tsconfig: path.join(tmp, "tsconfig.json"), type: "*", expose: "export", topRef: true, jsDoc: "none", skipTypeCheck: true, additionalProperties: true, sortProps: true };
const genProgram = tsj.createProgram(config);
const genChecker = genProgram.getTypeChecker();
// What JSON.stringify sends: a value whose type declares toJSON() is sent as
// what toJSON returns (Medusa's BigNumber: a number); a type the program
// cannot resolve (a library's class, such as bignumber.js's) is any value.
class ToJSONParser {
  constructor(child) { this.child = child; }
  target(node) {
    if (!ts.isTypeReferenceNode(node)) return null;
    let sym = genChecker.getSymbolAtLocation(node.typeName);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = genChecker.getAliasedSymbol(sym);
    if (!sym || !sym.declarations || sym.declarations.length === 0) return { any: true };
    if (sym.declarations.some((d) => genProgram.isSourceFileDefaultLibrary(d.getSourceFile()))) return null;
    const m = sym.members && sym.members.get("toJSON");
    const d = m && m.declarations && m.declarations[0];
    return d && d.type ? { type: d.type } : null;
  }
  supportsNode(node) { return this.target(node) !== null; }
  createType(node, context) {
    const t = this.target(node);
    return t.any ? new tsj.AnyType() : this.child.createType(t.type, context);
  }
}
const parser = tsj.createParser(genProgram, config, (chain) => chain.addNodeParser(new ToJSONParser(chain)));
const gen = new tsj.SchemaGenerator(genProgram, parser, tsj.createFormatter(config), config);
const schema = gen.createSchema("*");
fs.rmSync(tmp, { recursive: true, force: true });

// Definitions get names a Go generator can use: a generic instantiation
// (AdminSearchResponse<alias-…<string,unknown>>) takes its type's name, with
// a number when two instantiations of one type are used.
const defs = schema.definitions || {};
const rename = new Map();
const taken = new Set(Object.keys(defs).filter((n) => !/[<>]/.test(n) && !/^Answer\d+$/.test(n)));
for (const n of Object.keys(defs).sort()) {
  if (!/[<>]/.test(n)) continue;
  const baseName = n.replace(/<.*$/, "").replace(/[^A-Za-z0-9_]/g, "");
  let name = baseName, i = 2;
  while (taken.has(name)) name = `${baseName}${i++}`;
  taken.add(name);
  rename.set(n, name);
}
const refName = (ref) => decodeURIComponent(ref.replace(/^#\/definitions\//, ""));
const fix = (v) => {
  if (Array.isArray(v)) return v.map(fix);
  if (!v || typeof v !== "object") return v;
  const o = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === "$ref" && typeof x === "string") {
      const n = refName(x);
      o[k] = `#/definitions/${rename.get(n) || n}`;
    } else o[k] = fix(x);
  }
  return o;
};
const schemas = {};
for (const [n, d] of Object.entries(defs)) {
  if (/^Answer\d+$/.test(n)) continue;
  schemas[rename.get(n) || n] = fix(d);
}
for (const [i, alias] of aliases) {
  let d = defs[alias];
  // an alias of one named type is that type
  const s = d && d.$ref ? { $ref: fix(d).$ref } : fix(d);
  routes[i].answer.schema = s;
}
const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]]));
const out = {
  medusa: version(path.join(nm, "medusa")),
  packages: {
    "@medusajs/medusa": version(path.join(nm, "medusa")),
    "@medusajs/types": version(path.join(nm, "types")),
    ...(fs.existsSync(sdkDir) ? { "@medusajs/js-sdk": version(path.join(nm, "js-sdk")) } : {}),
    "ts-json-schema-generator": version(path.join(toolsDir, "node_modules", "ts-json-schema-generator")),
    typescript: ts.version,
  },
  routes,
  schemas: sorted,
};
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
