// POST /store/search (Medusa 2.21.1+) searches only the indexes the app opts
// in; medusa-go's tests search the products index (src/search/products.ts).
// Older Medusa has no configureStoreSearch and no such route: no middleware.
import * as http from "@medusajs/framework/http"

const { defineMiddlewares, configureStoreSearch } = http as any

export default defineMiddlewares({
  routes: configureStoreSearch
    ? [
        {
          matcher: "/store/search",
          method: ["POST"],
          middlewares: [configureStoreSearch({ allowed_indexes: { products: true } })],
        },
      ]
    : [],
})
