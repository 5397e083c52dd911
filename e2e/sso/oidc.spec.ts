// Single sign-on with OpenID Connect against a real provider on loopback (oauth2-mock-server):
// discovery, JWKS, signed ID tokens whose claims the test sets, PKCE, state and nonce.
import { test, expect } from "../fixtures/test";
import { ADMIN, AUTHOR } from "../fixtures/env";
import { startTestIdp, type TestIdp } from "../../lib/testing/oidc-idp";
import { IDP_LABEL, configureOidc, disableOidc, setPolicy, signInWithSso } from "./helpers";

let idp: TestIdp;

test.beforeAll(async () => {
  idp = await startTestIdp();
  configureOidc(idp);
});

test.afterAll(async () => {
  setPolicy({});
  disableOidc();
  await idp?.stop();
});

test.afterEach(() => {
  idp.tamper({});
});

test("an admin by group claim signs in with the provider: PKCE, state and nonce sent, audited", async ({ page, adminPage }) => {
  idp.setUser({ sub: "sso-ann", email: "ann@corp.test", name: "Ann Admin", email_verified: true, groups: ["staff", "herald-admins"] });
  await signInWithSso(page);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("ann@corp.test · admin");
  const auth = idp.authorizeRequests.at(-1)!;
  expect(auth.code_challenge_method).toBe("S256");
  expect(auth.code_challenge).toBeTruthy();
  expect(auth.state).toBeTruthy();
  expect(auth.nonce).toBeTruthy();
  expect(auth.scope).toBe("openid email profile");
  expect(idp.clientAuthFailures).toBe(0);

  await adminPage.goto("/audit");
  await expect(adminPage.getByRole("row").filter({ hasText: "auth.signin" }).filter({ hasText: "ann@corp.test" }).first()).toContainText("oidc");
});

test("an author by group claim; the role follows the claim at the next sign-in; a renamed mailbox is the same account", async ({ browser, adminPage }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  idp.setUser({ sub: "sso-theo", email: "theo@corp.test", name: "Theo SSO", groups: ["herald-authors"] });
  await signInWithSso(page);
  await expect(page.getByTestId("current-user")).toContainText("theo@corp.test · author");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await ctx.close();

  // The provider now puts Theo in the admin group, and his mailbox was renamed.
  const ctx2 = await browser.newContext();
  const page2 = await ctx2.newPage();
  idp.setUser({ sub: "sso-theo", email: "theodore@corp.test", name: "Theo SSO", groups: ["herald-admins"] });
  await signInWithSso(page2);
  await expect(page2.getByTestId("current-user")).toContainText("theodore@corp.test · admin");
  await ctx2.close();

  await adminPage.goto("/users");
  await expect(adminPage.getByRole("cell", { name: "theodore@corp.test", exact: true })).toBeVisible();
  await expect(adminPage.getByRole("cell", { name: "theo@corp.test", exact: true })).toHaveCount(0);
});

test("sign-out ends Herald's session and offers the provider's sign-out (end_session_endpoint)", async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  idp.setUser({ sub: "sso-sid", email: "sid@corp.test", name: "Sid SSO", groups: ["herald-authors"] });
  await signInWithSso(page);
  await expect(page.getByTestId("current-user")).toContainText("sid@corp.test · author");
  const cookies = await ctx.cookies();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You are signed out of Herald" })).toBeVisible();
  const link = page.getByRole("link", { name: `Sign out of ${IDP_LABEL} too` });
  const href = new URL((await link.getAttribute("href"))!);
  expect(`${href.origin}${href.pathname}`).toBe(`${idp.issuer}/endsession`);
  expect(href.searchParams.get("client_id")).toBe(idp.clientId);
  expect(href.searchParams.get("post_logout_redirect_uri")).toMatch(/\/login$/);

  // Herald's session is over on the server: the old cookie, replayed, opens nothing.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const again = await replay.newPage();
  await again.goto("/templates");
  await expect(again).toHaveURL(/\/login/);
  await replay.close();

  // The provider's sign-out is reached with Herald's client ID, and sends the user back to sign-in.
  const before = idp.endSessionRequests.length;
  await link.click();
  await expect.poll(() => idp.endSessionRequests.length).toBe(before + 1);
  expect(idp.endSessionRequests.at(-1)!.client_id).toBe(idp.clientId);
  await expect(page).toHaveURL(/\/login$/);
  await ctx.close();
});

test("refused with a clear page: another domain, no matching group", async ({ page }) => {
  idp.setUser({ sub: "sso-eve", email: "eve@elsewhere.test", groups: ["herald-admins"] });
  await signInWithSso(page);
  await expect(page).toHaveURL(/\/login\/refused\?reason=domain/);
  await expect(page.getByRole("heading", { name: "You cannot sign in to Herald" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not in a domain that may use this console");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);

  idp.setUser({ sub: "sso-sam", email: "sam@corp.test", groups: ["sales"] });
  await signInWithSso(page);
  await expect(page).toHaveURL(/\/login\/refused\?reason=no_role/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("in no group that Herald knows");
});

for (const [what, tampering] of [
  ["a tampered state", { state: "forged-state-value" }],
  ["an ID token for another client (aud)", { aud: "some-other-client" }],
  ["an ID token with another nonce", { nonce: "replayed-nonce" }],
  ["an ID token from another issuer", { iss: "http://127.0.0.1:1/evil" }],
] as const) {
  test(`${what} is refused`, async ({ page }) => {
    idp.setUser({ sub: "sso-ann", email: "ann@corp.test", groups: ["herald-admins"] });
    idp.tamper(tampering);
    await signInWithSso(page);
    await expect(page).toHaveURL(/\/login\?.*error=/);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("answer was refused");
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("local passwords off: an author's password is refused, the break-glass admin still signs in with one", async ({ browser, adminPage }) => {
  // The admin who turns passwords off stays signed in.
  setPolicy({ "local.passwords": false });
  await adminPage.goto("/");
  await expect(adminPage.getByTestId("current-user")).toContainText(ADMIN.email);

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: `Sign in with ${IDP_LABEL}` })).toBeVisible();
  await page.getByText("Break-glass sign-in with a password").click();
  await page.getByLabel("Email").fill(AUTHOR.email);
  await page.getByLabel("Password").fill(AUTHOR.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Sign-in with a password is turned off; use single sign-on.");

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toContainText(ADMIN.email);
  await ctx.close();
  setPolicy({});

  // Back on: the author signs in with the password again.
  const ctx2 = await browser.newContext();
  const p2 = await ctx2.newPage();
  // (The fixture's signIn would also match "Sign in with Corp IdP" while single sign-on is on.)
  await p2.goto("/login");
  await p2.getByLabel("Email").fill(AUTHOR.email);
  await p2.getByLabel("Password").fill(AUTHOR.password);
  await p2.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(p2.getByTestId("current-user")).toContainText(AUTHOR.email);
  await ctx2.close();
});
