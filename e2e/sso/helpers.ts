// Shared set-up for the single sign-on specs: the test identity provider (oauth2-mock-server) and
// Herald's OIDC and sign-in policy services configured through the operator CLI.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { herald } from "../fixtures/env";
import type { TestIdp } from "../../lib/testing/oidc-idp";

export const OIDC_PID = "com.herald.auth.OidcProvider";
export const POLICY_PID = "com.herald.auth.SignInPolicy";
export const IDP_LABEL = "Corp IdP";

export function importConfig(pid: string, values: Record<string, unknown>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-sso-"));
  const file = path.join(dir, `${pid}.cfg.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  return herald(["config", "import", file]);
}

export function configureOidc(idp: TestIdp, patch: Record<string, unknown> = {}) {
  return importConfig(OIDC_PID, {
    enabled: true,
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: ["openid", "email", "profile"],
    buttonLabel: IDP_LABEL,
    allowedDomains: ["corp.test"],
    roleClaim: "groups",
    adminValues: ["herald-admins"],
    authorValues: ["herald-authors"],
    unmatched: "refuse",
    ...patch,
  });
}

export function disableOidc() {
  return importConfig(OIDC_PID, { enabled: false });
}

export function setPolicy(values: { "local.passwords"?: boolean; "totp.required"?: "off" | "admins" | "everyone" }) {
  return importConfig(POLICY_PID, { "local.passwords": true, "totp.required": "off", ...values });
}

/** Clicks "Sign in with Corp IdP" on the login page; the test provider answers at once. */
export async function signInWithSso(page: Page) {
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${IDP_LABEL}` }).click();
}
