import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { appendFileSync } from "fs"

// Medusa emits `auth.verification_requested` with the verification code for a
// notification provider to deliver (email verification, Medusa 2.15+). Like
// password-reset.ts, this appends the event as one JSON line (kind
// "verification") to $MEDUSA_RESET_TOKEN_FILE, where internal/medusatest
// reads it.
type VerificationEvent = { entity_id: string; entity_type: string; code: string }

export default async function recordVerificationCode({ event }: SubscriberArgs<VerificationEvent>) {
  const file = process.env.MEDUSA_RESET_TOKEN_FILE
  if (!file) {
    return
  }
  const line = { kind: "verification", ...event.data, at: new Date().toISOString() }
  appendFileSync(file, JSON.stringify(line) + "\n", { mode: 0o600 })
}

export const config: SubscriberConfig = { event: "auth.verification_requested" }
