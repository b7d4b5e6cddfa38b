import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { echo } from "../../lib/echo"

// A custom route outside /store and /admin: no publishable key, no auth.
export const GET = async (req: MedusaRequest, res: MedusaResponse) => echo(req, res)
