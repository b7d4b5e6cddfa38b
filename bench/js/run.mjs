// Runs @medusajs/js-sdk against the static server of bench/cmd/compare:
// log in (JWT kept in memory, sent as Bearer like the Go SDK's), warm up,
// then N sequential `sdk.store.product.list({ limit: LIMIT })` calls (LIMIT 50 by default).
// Prints one JSON line: CPU and wall time per call, peak RSS.
//
//   node run.mjs BASE_URL N [WARMUP] [LIMIT]
import Medusa from "@medusajs/js-sdk"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"

// The installed version, from its package.json (the package's "exports" do not list it).
const sdkVersion = JSON.parse(readFileSync(
  createRequire(import.meta.url).resolve("@medusajs/js-sdk").replace(/dist\/.*$/, "package.json"), "utf8")).version

const [base, nArg, warmArg, limitArg] = process.argv.slice(2)
const limit = Number(limitArg || 50)
const n = Number(nArg || 300)
const warm = Number(warmArg ?? 30)
if (!base || !(n > 0)) {
  console.error("usage: node run.mjs BASE_URL N [WARMUP] [LIMIT]")
  process.exit(2)
}

const sdk = new Medusa({
  baseUrl: base,
  publishableKey: "pk_bench_static_server_only",
  auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
})

const list = async () => {
  const { products } = await sdk.store.product.list({ limit })
  if (products.length !== limit) throw new Error(`got ${products.length} products`)
}

await sdk.auth.login("customer", "emailpass", { email: "bench@example.com", password: "bench" })
for (let i = 0; i < warm; i++) await list()

const cpu0 = process.cpuUsage()
const t0 = process.hrtime.bigint()
for (let i = 0; i < n; i++) await list()
const wallNs = Number(process.hrtime.bigint() - t0)
const cpu = process.cpuUsage(cpu0)

console.log(JSON.stringify({
  runner: "js-sdk",
  version: `@medusajs/js-sdk ${sdkVersion}, node ${process.version}`,
  calls: n,
  cpu_ms_per_call: (cpu.user + cpu.system) / 1000 / n,
  wall_ms_per_call: wallNs / 1e6 / n,
  peak_rss_kb: process.resourceUsage().maxRSS,
}))
