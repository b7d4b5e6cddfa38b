import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { appendFileSync } from "fs"

// Medusa never returns a password-reset token over HTTP: it emits
// `auth.password_reset` for a notification provider to deliver. The test
// server has no such provider, so this subscriber appends every event as one
// JSON line to $MEDUSA_RESET_TOKEN_FILE, where internal/medusatest reads it.
type ResetEvent = { entity_id: string; actor_type: string; token: string }

export default async function recordResetToken({ event }: SubscriberArgs<ResetEvent>) {
  const file = process.env.MEDUSA_RESET_TOKEN_FILE
  if (!file) {
    return
  }
  const line = { ...event.data, at: new Date().toISOString() }
  appendFileSync(file, JSON.stringify(line) + "\n", { mode: 0o600 })
}

export const config: SubscriberConfig = { event: "auth.password_reset" }
