// A redirect-style ("SSO") auth provider for medusa-go's tests of
// POST /auth/{auth_provider}/user (Medusa 2.21+), which creates or links the
// admin user of an identity such a provider verified: the identity must carry
// the provider's claims (user_metadata.email, given_name, family_name), which
// emailpass never sets. It trusts the email in the request body, so it belongs
// only on this loopback test server.
import { AbstractAuthModuleProvider, ModuleProvider, Modules } from "@medusajs/framework/utils"

class TestSSOProvider extends AbstractAuthModuleProvider {
  static identifier = "test-sso"
  static DISPLAY_NAME = "Test SSO"

  async authenticate(data: any, authIdentityService: any) {
    const email = data?.body?.email
    if (typeof email !== "string" || !email) {
      return { success: false, error: "email is required" }
    }
    let authIdentity
    try {
      authIdentity = await authIdentityService.retrieve({ entity_id: email })
    } catch {
      authIdentity = await authIdentityService.create({
        entity_id: email,
        user_metadata: { email, given_name: data?.body?.given_name ?? "Test", family_name: data?.body?.family_name ?? "SSO" },
      })
    }
    return { success: true, authIdentity }
  }
}

export default ModuleProvider(Modules.AUTH, { services: [TestSSOProvider] })
