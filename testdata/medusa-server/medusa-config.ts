// Medusa backend used only by medusa-go's integration tests.
// Everything is configured from the environment that scripts/medusa-up.sh sets.
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const secret = (name: string, fallback: string) => process.env[name] || fallback

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:7001",
      authCors: process.env.AUTH_CORS || "http://localhost:7001,http://localhost:8000",
      jwtSecret: secret("JWT_SECRET", "medusa-go-test-jwt"),
      cookieSecret: secret("COOKIE_SECRET", "medusa-go-test-cookie"),
    },
  },
  // The dashboard is not needed by an API client and would need a vite build.
  admin: { disable: true },
})
