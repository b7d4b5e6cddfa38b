// Medusa backend used only by medusa-go's integration tests.
// Everything is configured from the environment that scripts/medusa-up.sh sets.
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const secret = (name: string, fallback: string) => process.env[name] || fallback

// Whether the app installed a package: the loyalty plugin is pinned by
// testdata/medusa-server only (it has no release for the next server's Medusa).
const installed = (name: string) => {
  try {
    require.resolve(`${name}/package.json`, { paths: [process.cwd()] })
    return true
  } catch {
    return false
  }
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:7001",
      authCors: process.env.AUTH_CORS || "http://localhost:7001,http://localhost:8000",
      jwtSecret: secret("JWT_SECRET", "medusa-go-test-jwt"),
      cookieSecret: secret("COOKIE_SECRET", "medusa-go-test-cookie"),
      // The "verified" actor type must confirm its email before a login
      // gives it a full token (Medusa 2.15+ verification): medusa-go's
      // verification tests log in as that actor; customers and users are
      // unaffected.
      // Medusa lets users log in with emailpass only unless told otherwise;
      // the test provider "sso" (src/modules/test-sso) is for users too.
      authMethodsPerActor: { user: ["emailpass", "sso"] },
      authVerificationsPerActor: {
        verified: [{ entity_type: "email", auth_provider: "emailpass" }],
      },
    },
  },
  modules: [
    {
      // Uploaded files are served by this server under /static; their URLs
      // must name the port the tests started it on.
      resolve: "@medusajs/medusa/file",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/file-local",
            id: "local",
            options: { backend_url: (process.env.MEDUSA_BACKEND_URL || "http://localhost:9000") + "/static" },
          },
        ],
      },
    },
    {
      // Multi-factor authentication (Medusa 2.15+) needs a key to encrypt
      // TOTP secrets; without it the /auth/mfa routes refuse to work. MFA is
      // only asked of identities that enrolled a factor.
      resolve: "@medusajs/medusa/auth",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/auth-emailpass", id: "emailpass" },
          // src/modules/test-sso: an identity provider's claims, for
          // POST /auth/{auth_provider}/user (2.21+)
          { resolve: "./src/modules/test-sso", id: "sso" },
        ],
        mfa: { encryption_key: secret("AUTH_MFA_ENCRYPTION_KEY", "medusa-go-test-mfa-encryption-key") },
      },
    },
    // Medusa's Search Module (2.21+: GET /admin/search, /admin/search-indexes,
    // POST /store/search) with its PostgreSQL provider, so the index lives in
    // the test database (src/search/products.ts declares it). Only the search
    // routes read it: every other route answers as without it.
    ...(installed("@medusajs/search")
      ? [
          {
            resolve: "@medusajs/medusa/search",
            options: { providers: [{ resolve: "@medusajs/medusa/search-postgres", id: "postgres" }] },
          },
        ]
      : []),
    // Role-based access control (/admin/rbac/*, /admin/users/{id}/roles):
    // only on the server make test-rbac starts, which sets Medusa's own
    // feature flag MEDUSA_FF_RBAC=true; the module needs the flag and the
    // flag needs the module. Every other test runs without them, as most
    // shops do.
    ...(process.env.MEDUSA_FF_RBAC === "true" ? [{ resolve: "@medusajs/medusa/rbac" }] : []),
    {
      // Locales and entity translations (/admin/locales, /admin/translations,
      // /store/locales): behind the "translation" flag below, which the
      // default module list reads before the flag is registered, so the
      // module is named here too.
      resolve: "@medusajs/medusa/translation",
    },
  ],
  // Gift cards and store-credit accounts (/admin/gift-cards, /store/gift-cards,
  // /admin/store-credit-accounts, /store/store-credit-accounts): Medusa's
  // loyalty plugin, not part of @medusajs/medusa.
  plugins: installed("@medusajs/loyalty-plugin") ? [{ resolve: "@medusajs/loyalty-plugin", options: {} }] : [],
  featureFlags: {
    translation: true,
    // Saved data-table views and property labels (/admin/views,
    // /admin/property-labels); kept by the settings module, on by default.
    view_configurations: true,
  },
  // The dashboard is not needed by an API client and would need a vite build.
  admin: { disable: true },
})
