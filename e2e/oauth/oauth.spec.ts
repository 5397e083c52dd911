// OAuth2 end to end: a real OAuth2 server (oauth2-mock-server: real RS256-signed tokens, plus the
// checks of a real provider: client secret, single-use codes, PKCE, rotating refresh tokens) and a
// real SMTP server that offers only XOAUTH2 and verifies each token's signature against the OAuth2
// server's JWKS, both on 127.0.0.1, started by this spec. The admin applies the Custom preset
// pointed at them, authorizes in the browser, sends mail, watches the token expire and refresh,
// meets invalid_grant, re-authorizes and disconnects — and no token ever shows up anywhere.
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect } from "../fixtures/test";
import { ADMIN, adminState, authorState, herald } from "../fixtures/env";
import { databaseText } from "../fixtures/database";
import { startTestSmtpServer, type TestSmtpServer } from "../../lib/testing/smtp";
import { startMockProvider, type MockProvider } from "../../lib/oauth/testing/mock-provider";

const MAILBOX = "mailer@herald.test";
const MAIL_PID = "com.day.cq.mailer.DefaultMailService";
const OAUTH_PID = "com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl";

let mock: MockProvider;
let smtp: TestSmtpServer;
let ctx: BrowserContext;
let page: Page;
/** Every token the SMTP server was shown, with its verdict. */
const offered: { token: string; ok: boolean; reason?: string }[] = [];
/** Every response body the browser received (pages, server actions, API). */
const bodies: string[] = [];
/** Messages the SMTP server received for one recipient (other queued mail may pass through too). */
const deliveredTo = (to: string) => smtp.messages.filter((m) => m.to.includes(to));

/** Screenshots for people (test-results/artifacts, like the other specs). */
const shot = (name: string) => page.screenshot({ path: path.join(process.env.HERALD_E2E_SHOTS ?? "test-results/artifacts", name), fullPage: true });

/** The provider's redirect back to Herald, for the reuse check. */
let callbackUrl = "";

test.describe.configure({ mode: "serial" });

/**
 * A forced refresh within 5 s of the last token the provider issued returns that token instead of
 * asking again (FORCE_DEDUP_MS, lib/oauth/tokens.ts). A Test that must reach the provider waits
 * that window out: the passing of time since the last token request is the condition here, so
 * this is the one wait by the clock, and only for what is left of the window.
 */
async function outsideRefreshDedupWindow() {
  const lastTokenRequest = mock.requests.at(-1)?.at ?? 0;
  const left = 5_000 + 500 - (Date.now() - lastTokenRequest);
  if (left > 0) await new Promise((r) => setTimeout(r, left));
}

async function adminContext(browser: Browser) {
  const c = await browser.newContext({ storageState: adminState() });
  await c.grantPermissions(["clipboard-read", "clipboard-write"]);
  c.on("response", async (r) => {
    if (r.url().startsWith(mock.url)) return; // the provider's own answers are not Herald's
    try {
      bodies.push(await r.text());
    } catch {
      /* redirects have no body */
    }
  });
  c.on("request", (r) => {
    if (r.url().includes("/api/mailer/oauth2/token?")) callbackUrl = r.url();
  });
  return c;
}

test.beforeAll(async ({ browser }) => {
  mock = await startMockProvider({ email: MAILBOX, accessTtl: 3600 });
  smtp = await startTestSmtpServer({
    starttls: true,
    requireAuth: true,
    // Only XOAUTH2 is offered (no password accounts); the token must verify against the JWKS.
    xoauth2: async (user, token) => {
      const v = await mock.verifyAccessToken(token);
      const ok = v.ok && user === MAILBOX;
      offered.push({ token, ok, reason: v.reason });
      return ok;
    },
  });
  ctx = await adminContext(browser);
  page = await ctx.newPage();
});

test.afterAll(async () => {
  await ctx?.close();
  await smtp?.stop();
  await mock?.stop();
});

test("both endpoints answer 404 while no OAuth2 provider is configured", async () => {
  for (const p of ["/api/mailer/oauth2/authorize", "/api/mailer/oauth2/token?code=abc&state=def"]) {
    const res = await page.request.get(p, { maxRedirects: 0 });
    expect(res.status(), p).toBe(404);
  }
});

test("the admin applies the Custom preset pointed at the local OAuth2 and SMTP servers", async () => {
  await page.goto("/configuration/oauth");
  await expect(page.getByTestId("oauth-status")).toHaveAttribute("data-status", "not_configured");
  await page.getByLabel("Custom").check();
  // The redirect URL to register at the provider is this console's token endpoint, with a copy button.
  const redirect = page.getByLabel("Redirect URL", { exact: true });
  await expect(redirect).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/api\/mailer\/oauth2\/token$/);
  await page.getByRole("button", { name: "Copy redirect URL" }).click();
  await expect(page.getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await redirect.inputValue());

  await page.getByLabel("Client ID").fill(mock.clientId);
  await page.getByLabel("Client secret").fill(mock.clientSecret);
  await page.getByLabel("Mailbox (SMTP user)").fill(MAILBOX);
  await page.getByLabel("From address").fill(`Herald <${MAILBOX}>`);
  await page.getByLabel("Authorization URL").fill(mock.authUrl);
  await page.getByLabel("Token URL", { exact: true }).fill(mock.tokenUrl);
  await page.getByLabel("Scopes (one per line)").fill(["openid", "email", "offline_access", "https://mail.herald.test/smtp"].join("\n"));
  await page.getByLabel("SMTP host").fill("127.0.0.1");
  await page.getByLabel("SMTP port").fill("24");
  await page.getByLabel("Encryption").selectOption("starttls");
  await page.getByLabel("Require StartTLS").check();
  await page.getByRole("button", { name: "Apply and save" }).click();
  await expect(page.locator("#oauth-smtp-port-error")).toHaveText("SMTP port must be between 25 and 65535.");

  await page.getByLabel("SMTP port").fill(String(smtp.port));
  await page.getByRole("button", { name: "Apply and save" }).click();
  await expect(page.getByText(/Saved: OAuth2 provider v\d+, Mail Service v\d+\./)).toBeVisible();
  await expect(page.getByTestId("oauth-status")).toHaveAttribute("data-status", "not_connected");
  await expect(page.getByRole("link", { name: "Authorize", exact: true })).toBeVisible();

  // Both services were written: the Mail Service now signs in with XOAUTH2 as the mailbox.
  await page.goto(`/configuration/${MAIL_PID}`);
  await expect(page.getByTestId("oauth-banner")).toContainText("OAuth2 page");
  await expect(page.getByLabel("SMTP server port")).toHaveValue(String(smtp.port));
  await expect(page.getByLabel("SMTP user")).toHaveValue(MAILBOX);
  await expect(page.getByLabel("OAuth flow")).toBeChecked();
  await expect(page.getByLabel("Use StartTLS")).toBeChecked();
  // The client secret is stored, never shown.
  await page.goto(`/configuration/${OAUTH_PID}`);
  await expect(page.getByTestId("oauth-banner")).toContainText("token store");
  expect(await page.content()).not.toContain(mock.clientSecret);
});

test("only admins may start it, and a tampered state is refused with 400 and nothing stored", async ({ browser }) => {
  const author = await browser.newContext({ storageState: authorState() });
  expect((await author.request.get("/api/mailer/oauth2/authorize", { maxRedirects: 0 })).status()).toBe(403);
  await author.close();
  const anonymous = await browser.newContext();
  const anon = await anonymous.request.get("/api/mailer/oauth2/authorize", { maxRedirects: 0, headers: { accept: "text/html" } });
  expect(anon.status()).toBe(303);
  expect(anon.headers().location).toContain("/login?callbackUrl=");
  await anonymous.close();
  // Another site cannot start it in the admin's browser.
  expect((await page.request.get("/api/mailer/oauth2/authorize", { maxRedirects: 0, headers: { "sec-fetch-site": "cross-site" } })).status()).toBe(403);

  // Start for real (the binding cookie is set), get the provider's answer, tamper with the state.
  const start = await page.request.get("/api/mailer/oauth2/authorize", { maxRedirects: 0 });
  expect(start.status()).toBe(302);
  const cookie = (await ctx.cookies()).find((c) => c.name === "herald_oauth_binding");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/api/mailer/oauth2" });
  const toProvider = new URL(start.headers().location!);
  expect(toProvider.origin).toBe(mock.url);
  expect(toProvider.searchParams.get("code_challenge_method")).toBe("S256");
  const back = new URL((await fetch(toProvider, { redirect: "manual" })).headers.get("location")!);
  const state = back.searchParams.get("state")!;
  back.searchParams.set("state", `${state.slice(0, -2)}${state.endsWith("AA") ? "BB" : "AA"}`);
  const res = await page.goto(back.toString());
  expect(res?.status()).toBe(400);
  await expect(page.getByTestId("oauth-error")).toContainText("does not match any authorization");
  expect(mock.requests.filter((r) => r.grantType === "authorization_code")).toHaveLength(0);
  await page.goto("/configuration/oauth");
  await expect(page.getByTestId("oauth-status")).toHaveAttribute("data-status", "not_connected");
});

test("Authorize: the admin signs in at the provider, comes back connected, and a test email arrives", async () => {
  await page.goto("/configuration/oauth");
  await page.getByRole("link", { name: "Authorize", exact: true }).click();
  await expect(page).toHaveURL(/\/configuration\/oauth\?attempt=/);
  await expect(page.getByTestId("authorize-outcome")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("authorize-outcome")).toContainText(`Connected as ${MAILBOX}`);
  await expect(page.getByTestId("oauth-status")).toHaveAttribute("data-status", "connected");
  await expect(page.getByTestId("connected-account")).toHaveText(MAILBOX);
  await expect(page.getByTestId("token-expiry")).toHaveText(/^in (59|60):\d\d min|in 1 h 00 min$/);
  await expect(page.getByTestId("scopes")).toContainText("✓ https://mail.herald.test/smtp");
  await shot("oauth-connected.png");
  // The code was exchanged with the PKCE verifier and the client secret.
  const exchange = mock.requests.find((r) => r.grantType === "authorization_code")!;
  expect(exchange).toMatchObject({ status: 200, clientSecretOk: true });
  expect(exchange.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);

  await page.getByLabel("Recipient").fill("ops@example.com");
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByTestId("send-result")).toHaveAttribute("data-ok", "true", { timeout: 20_000 });
  await expect(page.getByText(/Sent to ops@example\.com through 127\.0\.0\.1:\d+/)).toBeVisible();
  await expect(page.getByTestId("transcript")).toContainText("AUTH XOAUTH2");
  await expect.poll(() => deliveredTo("ops@example.com").length).toBe(1);
  expect(deliveredTo("ops@example.com")[0]).toMatchObject({ authUser: MAILBOX, secure: true });
  expect(offered.length).toBeGreaterThan(0);
  expect(offered.every((o) => o.ok && o.token === mock.issued.accessTokens[0])).toBe(true);

  // The Mail Service page's "Send test email" uses XOAUTH2 with the same connection.
  await page.goto(`/configuration/${MAIL_PID}`);
  await page.getByLabel("Recipient").fill("ops2@example.com");
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByText(/Sent to ops2@example\.com through 127\.0\.0\.1:\d+/)).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => deliveredTo("ops2@example.com").length).toBe(1);
  expect(deliveredTo("ops2@example.com")[0]!.authUser).toBe(MAILBOX);

  // The provider's answer cannot be used twice.
  expect(callbackUrl).toContain("state=");
  const again = await page.goto(callbackUrl);
  expect(again?.status()).toBe(400);
  await expect(page.getByTestId("oauth-error")).toContainText("already used");
});

test("the access token expires → it is refreshed before the next send, and the rotated refresh token is stored", async () => {
  await page.goto("/configuration/oauth");
  // Test fetches a new token (a 5-second one) and logs in without sending.
  await outsideRefreshDedupWindow();
  mock.setAccessTtl(5);
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-result")).toHaveAttribute("data-ok", "true", { timeout: 20_000 });
  mock.setAccessTtl(3600);
  await expect(page.locator('[data-step="token"]')).toContainText("New access token from the provider");
  await expect(page.locator('[data-step="auth"]')).toContainText(`Logged in as ${MAILBOX} with XOAUTH2`);
  const received = deliveredTo(ADMIN.email).length;
  const [rt1, rt2] = mock.issued.refreshTokens;
  expect(rt2).toBeTruthy();
  const shortLived = mock.issued.accessTokens[1];

  // The countdown runs out in the browser; the token is dead at the SMTP server too.
  // Test logs in and sends nothing.
  await expect(page.locator('[data-step="data"]')).toHaveCount(0);
  expect(deliveredTo(ADMIN.email)).toHaveLength(received);
  await expect(page.getByTestId("token-expiry")).toHaveAttribute("data-expired", "true", { timeout: 10_000 });
  await expect(page.getByTestId("token-expiry")).toHaveText(/^expired/);
  expect((await mock.verifyAccessToken(shortLived!)).reason).toBe("expired");

  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByTestId("send-result")).toHaveAttribute("data-ok", "true", { timeout: 20_000 });
  await expect.poll(() => deliveredTo(ADMIN.email).length).toBe(received + 1);
  // Exactly one refresh after the expiry (whoever needed the token first: this send or the outbox
  // worker's pre-batch check), presenting the rotated refresh token — the first one died on use,
  // so a lost rotation would have been answered with invalid_grant.
  const refreshes = mock.requests.filter((r) => r.grantType === "refresh_token");
  expect(refreshes.map((r) => [r.refreshToken, r.status])).toEqual([
    [rt1, 200],
    [rt2, 200],
  ]);
  // The short-lived token was offered while valid (by Test), never after it expired.
  expect(offered.filter((o) => o.token === shortLived).every((o) => o.ok)).toBe(true);
  expect(offered.at(-1)).toEqual({ token: mock.issued.accessTokens[2], ok: true, reason: undefined });
  await page.reload();
  await expect(page.getByTestId("last-refresh")).toContainText("ok");
  await expect(page.getByTestId("last-refresh")).toContainText("rotated 2 times");
  await expect(page.getByTestId("token-expiry")).toHaveText(/^in (59|60):\d\d min|in 1 h 00 min$/);
});

test("the provider answers invalid_grant → mail is held, the page and the dashboard say re-authorize; Re-authorize sends it", async () => {
  mock.failRefreshes({ error: "invalid_grant", error_description: "AADSTS50173: The provided grant has expired due to it being revoked." });
  await page.goto("/configuration/oauth");
  await outsideRefreshDedupWindow();
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-result")).toHaveAttribute("data-ok", "false", { timeout: 20_000 });
  await expect(page.locator('[data-step="token"]')).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("test-result")).toContainText("Re-authorization needed");
  await expect(page.getByTestId("oauth-status")).toHaveAttribute("data-status", "reauth_needed");
  await expect(page.getByTestId("reauth-reason")).toContainText("password changed");
  await shot("oauth-reauth-needed.png");

  // Sending now fails without touching SMTP, and says why.
  const before = smtp.connections();
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByTestId("send-result")).toHaveAttribute("data-ok", "false", { timeout: 20_000 });
  await expect(page.getByTestId("send-error")).toContainText("Re-authorize");
  expect(smtp.connections()).toBe(before);

  // A notification accepted now stays queued: nothing is lost, no attempt is burnt.
  const { key } = JSON.parse(herald(["apikey", "create", "--name", "oauth-e2e", "--scopes", "send", "--json"])) as { key: string };
  const auth = { authorization: `Bearer ${key}` };
  const accepted = await page.request.post("/api/v1/mail", { headers: auth, data: { to: ["queued@example.com"], subject: "Held while re-authorizing", text: "Sent after Re-authorize." } });
  expect(accepted.status()).toBe(202);
  const id = ((await accepted.json()) as { messages: { id: string }[] }).messages[0]!.id;
  // Held, and the API says so (with the reason), not a healthy-looking "queued"; no attempt counted.
  const state = async () => (await (await page.request.get(`/api/v1/messages/${id}`, { headers: auth })).json()) as { status: string; attempts: number };
  await expect.poll(async () => (await state()).status, { timeout: 30_000 }).toBe("held");
  expect(await state()).toMatchObject({ status: "held", attempts: 0 });
  expect(smtp.messages.some((m) => m.to.includes("queued@example.com"))).toBe(false);

  await page.goto("/");
  await expect(page.getByTestId("dashboard-oauth-status")).toHaveAttribute("data-status", "reauth_needed");
  await expect(page.getByTestId("dashboard-reauth-reason")).toContainText("password changed");
  await shot("oauth-dashboard.png");
  await page.getByRole("link", { name: "Re-authorize", exact: true }).click();
  await expect(page).toHaveURL(/\/configuration\/oauth$/);

  mock.failRefreshes(false);
  await page.getByRole("link", { name: "Re-authorize", exact: true }).click();
  await expect(page.getByTestId("authorize-outcome")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("oauth-status")).toHaveAttribute("data-status", "connected");
  // The held message goes out as soon as the mailbox is authorized again.
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/messages/${id}`, { headers: auth })).json()) as { status: string }).status, { timeout: 20_000 })
    .toBe("sent");
  expect(smtp.messages.find((m) => m.to.includes("queued@example.com"))?.authUser).toBe(MAILBOX);
  expect(offered.at(-1)?.ok).toBe(true);
});

test("Disconnect deletes the tokens; the OAuth flow is switched off again", async () => {
  await page.goto("/configuration/oauth");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("Disconnected: the tokens were deleted.")).toBeVisible();
  await expect(page.getByTestId("oauth-status")).toHaveAttribute("data-status", "not_connected");
  await expect(page.getByRole("button", { name: "Send test email" })).toBeDisabled();
  await expect(page.getByRole("link", { name: "Authorize", exact: true })).toBeVisible();
  // Leave the Mail Service as other specs expect it: password sign-in, not XOAUTH2.
  await page.goto(`/configuration/${MAIL_PID}`);
  await page.getByLabel("OAuth flow").uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Saved as version \d+/)).toBeVisible();
});

test("no token appears in any page, response or log, nor in clear in the database", async () => {
  for (const p of ["/", "/configuration", "/configuration/oauth", `/configuration/${MAIL_PID}`, `/configuration/${OAUTH_PID}`, `/configuration/${OAUTH_PID}/history`, "/mail-log", "/audit"]) {
    const res = await page.goto(p);
    bodies.push((await res?.text()) ?? "");
  }
  bodies.push(await (await page.request.get(`/api/config/export?pid=${OAUTH_PID}`)).text());
  const tokens = [...mock.issued.accessTokens, ...mock.issued.refreshTokens, ...mock.issued.idTokens];
  expect(tokens.length).toBeGreaterThanOrEqual(10);
  expect(bodies.length).toBeGreaterThan(20);
  const all = bodies.join("\n");
  expect(all).toContain("AUTH XOAUTH2"); // the transcripts are in there, redacted
  for (const t of tokens) {
    expect(all.includes(t), "token in a response").toBe(false);
    expect(all.includes(Buffer.from(t).toString("base64")), "base64 token in a response").toBe(false);
  }
  expect(all).not.toContain(mock.clientSecret);
  const raw = databaseText();
  expect(raw).toContain("mailer@herald.test");
  for (const t of tokens) expect(raw.includes(t), "token in the database file").toBe(false);
  expect(raw).not.toContain(mock.clientSecret);
});
