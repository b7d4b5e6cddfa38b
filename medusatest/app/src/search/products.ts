// The products search index of Medusa's Search Module (2.21+): what
// GET /admin/search, /admin/search-indexes and POST /store/search read in
// medusa-go's tests. The module and this file's loader exist only where the
// app installed @medusajs/search (medusa-config.ts); an older Medusa never
// loads src/search. Kept in PostgreSQL by the search-postgres provider, so
// the tests need no search engine.
import * as utils from "@medusajs/framework/utils"

const { defineSearchIndex, search, graphSeed, graphConsume } = utils as any

const fields = ["id", "title", "handle", "status"]

export default defineSearchIndex
  ? defineSearchIndex({
      name: "products",
      entity: "product",
      fields: search.define({
        id: search.keyword().filterable(),
        title: search.text().searchable(),
        handle: search.keyword().filterable(),
        // POST /store/search narrows a products index to published products
        // through this field.
        status: search.keyword().filterable(),
      }),
      events: ["product.created", "product.updated", "product.deleted"],
      consume: graphConsume({ fields }),
      seed: graphSeed({ fields }),
    })
  : undefined
