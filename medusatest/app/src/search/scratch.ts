// A second index over products, for DELETE /admin/search-indexes/{id} in
// medusa-go's tests: deleting it leaves the products index alone. The
// Search Module creates its record again when the server starts, and a
// delete of an index it already deleted answers the same way.
import * as utils from "@medusajs/framework/utils"

const { defineSearchIndex, search, graphSeed } = utils as any

export default defineSearchIndex
  ? defineSearchIndex({
      name: "scratch",
      entity: "product",
      fields: search.define({ id: search.keyword().filterable(), title: search.text().searchable() }),
      seed: graphSeed({ fields: ["id", "title"] }),
    })
  : undefined
