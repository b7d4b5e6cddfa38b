// What changed in the facts between two releases, for release-prep's summary:
//
//   node openapi/scripts/facts-diff.cjs BEFORE_DIR AFTER_DIR
//
// Each dir holds validators.json, models.json and (when make route-facts
// exists) routes.json. Per file: the release of each, then per section the
// entries added and removed, and for the entries both have, which of their
// keys (a body's or query's keys, a model's columns and relations) were
// added, removed or changed.
"use strict"
const fs = require("fs")
const path = require("path")

const [before, after] = process.argv.slice(2)
if (!before || !after) {
  console.error("usage: node facts-diff.cjs BEFORE_DIR AFTER_DIR")
  process.exit(2)
}
const read = (dir, f) => {
  const p = path.join(dir, f)
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, "utf8")) : undefined
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)
const isMap = (v) => v && typeof v === "object" && !Array.isArray(v)
// A list of named records (models.json's "models") as a map by name.
const asMap = (v) => (Array.isArray(v) && v.every((x) => x && x.name) ? Object.fromEntries(v.map((x) => [x.name, x])) : v)

// The parts of an entry whose keys are listed: a body's or query's "keys", a
// model's "columns" and "relations"; anything else is compared whole.
const parts = (e) => (isMap(e) ? ["keys", "columns", "relations"].filter((k) => isMap(e[k])) : [])

function diffEntry(a, b) {
  const out = []
  for (const part of parts(b).length ? parts(b) : parts(a)) {
    const x = (a && a[part]) || {}, y = (b && b[part]) || {}
    const add = Object.keys(y).filter((k) => !(k in x))
    const del = Object.keys(x).filter((k) => !(k in y))
    const chg = Object.keys(y).filter((k) => k in x && !same(x[k], y[k]))
    if (add.length) out.push(`+${part} ${add.join(", ")}`)
    if (del.length) out.push(`-${part} ${del.join(", ")}`)
    if (chg.length) out.push(`~${part} ${chg.join(", ")}`)
  }
  if (!out.length && !same(a, b)) out.push("changed")
  return out.join("; ")
}

const limit = Number(process.env.FACTS_DIFF_LIMIT || 40)
for (const file of ["validators.json", "models.json", "routes.json"]) {
  const a = read(before, file), b = read(after, file)
  if (!a && !b) continue
  if (!a || !b) {
    console.log(`${file}: ${a ? "gone" : "new"}`)
    continue
  }
  console.log(`${file}: ${a.medusa || "?"} -> ${b.medusa || "?"}`)
  for (const section of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = asMap(a[section]), y = asMap(b[section])
    if (!isMap(x) && !isMap(y)) continue
    const xs = x || {}, ys = y || {}
    const add = Object.keys(ys).filter((k) => !(k in xs)).sort()
    const del = Object.keys(xs).filter((k) => !(k in ys)).sort()
    const chg = Object.keys(ys).filter((k) => k in xs && !same(xs[k], ys[k])).sort()
    console.log(`  ${section}: ${Object.keys(ys).length} (was ${Object.keys(xs).length}): ${add.length} added, ${del.length} removed, ${chg.length} changed`)
    const show = (sign, keys, f) => {
      for (const k of keys.slice(0, limit)) console.log(`    ${sign} ${k}${f ? "  " + f(k) : ""}`)
      if (keys.length > limit) console.log(`    ${sign} ... ${keys.length - limit} more (FACTS_DIFF_LIMIT)`)
    }
    show("+", add)
    show("-", del)
    show("~", chg, (k) => diffEntry(xs[k], ys[k]))
  }
}
