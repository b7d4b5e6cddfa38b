import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

// What the echo routes answer: enough of the request for medusa-go's tests
// to see what the SDK sent and what Medusa made of it (auth, publishable key,
// locale, parsed qs query, JSON body). Header values are echoed only for
// non-secret headers.
export function echo(req: MedusaRequest, res: MedusaResponse) {
  const r = req as any
  const headers: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(req.headers)) {
    if (k === "authorization" || k === "cookie" || k === "x-publishable-api-key") {
      headers[k] = v ? "[present]" : undefined
    } else if (k.startsWith("x-") || k === "content-type" || k === "accept") {
      headers[k] = Array.isArray(v) ? v.join(", ") : v
    }
  }
  res.status(req.method === "POST" ? 201 : 200).json({
    method: req.method,
    path: req.path,
    query: req.query,
    body: req.body ?? null,
    headers,
    locale: r.locale ?? null,
    actor_type: r.auth_context?.actor_type ?? null,
    actor_id: r.auth_context?.actor_id ?? null,
    sales_channel_ids: r.publishable_key_context?.sales_channel_ids ?? null,
  })
}

// A route answering with a Medusa error, to see it typed on the Go side.
export function fail(res: MedusaResponse) {
  res.status(409).json({ type: "conflict", code: "echo_conflict", message: "echo was asked to fail" })
}
