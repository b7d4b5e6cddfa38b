import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { echo, fail } from "../../../lib/echo"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => echo(req, res)
export const POST = async (req: MedusaRequest, res: MedusaResponse) =>
  (req.body as any)?.fail ? fail(res) : echo(req, res)
