// Writes the installed Medusa server's data models (DML) as JSON, for the spec
// rule model-columns (openapi/models.json, `make model-facts`).
//
//   node openapi/scripts/models.cjs APP_DIR > openapi/models.json
//
// Every @medusajs package of APP_DIR that has dist/models/index.js is a
// module; each DmlEntity it exports is a model. Per model: its name, table
// name and module; each column (a DML property, the implicit created_at /
// updated_at / deleted_at included) with its DML type, nullability, enum
// values and whether it is computed (not stored); each relation with its kind
// (belongsTo, hasOne, hasOneWithFK, hasMany, manyToMany), the model it points
// to, and for the kinds that store a key on this side (belongsTo,
// hasOneWithFK) the key's column name, as the DML's own getForeignKey names
// it. The script reads the models' definitions through the DML objects'
// parse(); it changes nothing. "order_change_actions" are the keys of each
// order change action's details (actions.cjs).
"use strict";
const path = require("path");
const fs = require("fs");

const appDir = process.argv[2];
if (!appDir) {
  console.error("usage: models.cjs APP_DIR");
  process.exit(2);
}
const nm = path.join(path.resolve(appDir), "node_modules", "@medusajs");
if (!fs.existsSync(path.join(nm, "medusa", "package.json"))) {
  console.error(`models: ${appDir} has no node_modules/@medusajs/medusa: run make medusa-up once (it installs the server)`);
  process.exit(2);
}
// By file: the packages' "exports" do not list their dist/ files.
const helpers = path.join(nm, "utils/dist/dml/helpers/entity-builder/relationship-helpers.js");
if (!fs.existsSync(helpers)) {
  console.error(`models: ${helpers} is missing: this Medusa release lays out its data models differently; update openapi/scripts/models.cjs`);
  process.exit(1);
}
const { getForeignKey } = require(helpers);
const isEntity = (v) => !!(v && v[Symbol.for("isDmlEntity")]);
const isRelation = (v) => !!(v && v[Symbol.for("isRelationship")]);
const keyed = new Set(["belongsTo", "hasOneWithFK"]);

function column(p) {
  const c = { type: p.dataType.name };
  if (p.nullable) c.nullable = true;
  if (p.computed) c.computed = true;
  const choices = p.dataType.options && p.dataType.options.choices;
  if (Array.isArray(choices)) c.values = choices.map(String);
  else if (choices && typeof choices === "object") c.values = Object.values(choices).map(String);
  return c;
}

function relation(name, r, modelName) {
  const p = r.parse(name);
  const target = typeof p.entity === "function" ? p.entity() : p.entity;
  const out = { kind: p.type, model: isEntity(target) ? target.parse().name : String(target && target.name) };
  if (p.nullable) out.nullable = true;
  if (keyed.has(p.type)) out.key = getForeignKey(p);
  if (!out.model) throw new Error(`${modelName}.${name}: relation without a model`);
  return out;
}

const models = [];
const seen = new Map(); // name -> JSON of the model without its module
for (const mod of fs.readdirSync(nm).sort()) {
  const idx = path.join(nm, mod, "dist", "models", "index.js");
  if (!fs.existsSync(idx)) continue;
  let exported;
  try {
    exported = require(idx);
  } catch (err) {
    console.error(`models: loading @medusajs/${mod}'s models failed: ${err.message}`);
    process.exit(1);
  }
  for (const k of Object.keys(exported).sort()) {
    const e = exported[k];
    if (!isEntity(e)) continue;
    const { name, tableName } = e.parse();
    const columns = {};
    const relations = {};
    for (const f of Object.keys(e.schema).sort()) {
      const v = e.schema[f];
      try {
        if (isRelation(v)) relations[f] = relation(f, v, name);
        else columns[f] = column(v.parse(f));
      } catch (err) {
        console.error(`models: @medusajs/${mod} ${name}.${f}: ${err.message}`);
        process.exit(1);
      }
    }
    const body = { name, table: tableName, columns, relations };
    const same = JSON.stringify(body);
    if (seen.has(name)) {
      // The same model from two packages (workflow-engine-inmemory and
      // -redis): once. Two different models of one name: both, the rule
      // matches neither.
      if (seen.get(name) === same) continue;
    }
    seen.set(name, same);
    models.push({ name, table: tableName, module: mod, columns, relations });
  }
}
const pkg = JSON.parse(fs.readFileSync(path.join(nm, "medusa", "package.json"), "utf8"));
let orderChangeActions;
try {
  orderChangeActions = require("./actions.cjs").changeActions(nm);
} catch (err) {
  console.error(`models: reading the order change actions failed: ${err.message}`);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ medusa: pkg.version, models, order_change_actions: orderChangeActions }, null, 1) + "\n");
