// With the OAuth2 refresh token revoked and a message held, the dashboard
// says one thing — mail cannot go out, because the mailbox must be authorized again — once, in
// plain words, naming the configured (Custom) provider; and a failed code exchange tells the admin
// to click Authorize again. Real OAuth2 server (oauth2-mock-server) and real SMTP server on
// 127.0.0.1; configured through the operator CLI. Runs after oauth.spec.ts and leaves OAuth off.
import net from "node:net";
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect } from "../fixtures/test";
import { adminState, herald } from "../fixtures/env";
import { importConfig } from "../sending/helpers";
import { startTestSmtpServer, type TestSmtpServer } from "../../lib/testing/smtp";
import { startMockProvider, type MockProvider } from "../../lib/oauth/testing/mock-provider";

const MAILBOX = "reauth@herald.test";
const MAIL_PID = "com.day.cq.mailer.DefaultMailService";
const OAUTH_PID = "com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl";

let mock: MockProvider;
let smtp: TestSmtpServer;
let ctx: BrowserContext;
let page: Page;

test.describe.configure({ mode: "serial", timeout: 240_000 });

function configure(tokenUrl = mock.tokenUrl) {
  importConfig(OAUTH_PID, {
    authUrl: mock.authUrl,
    tokenUrl,
    scopes: ["openid", "email", "offline_access", "https://mail.herald.test/smtp"],
    clientId: mock.clientId,
    clientSecret: mock.clientSecret,
  });
  importConfig(MAIL_PID, {
    "smtp.host": "127.0.0.1",
    "smtp.port": smtp.port,
    "smtp.user": MAILBOX,
    "from.address": `Herald <${MAILBOX}>`,
    "smtp.starttls": true,
    "smtp.requiretls": true,
    "oauth.flow": true,
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test.beforeAll(async ({ browser }) => {
  mock = await startMockProvider({ email: MAILBOX, accessTtl: 3600 });
  smtp = await startTestSmtpServer({ starttls: true, requireAuth: true, xoauth2: async (user, token) => user === MAILBOX && (await mock.verifyAccessToken(token)).ok });
  ctx = await browser.newContext({ storageState: adminState() });
  page = await ctx.newPage();
});

test.afterAll(async () => {
  // Leave OAuth off and nothing connected, as the specs after this one expect.
  try {
    await page.goto("/configuration/oauth");
    const disconnect = page.getByRole("button", { name: "Disconnect" });
    if (await disconnect.isEnabled().catch(() => false)) {
      page.once("dialog", (d) => d.accept());
      await disconnect.click();
      await expect(page.getByTestId("oauth-status")).not.toHaveAttribute("data-status", /^(connected|reauth_needed|attention)$/);
    }
  } finally {
    importConfig(MAIL_PID, { "smtp.host": "127.0.0.1", "smtp.port": smtp.port, "from.address": "herald@example.com", "oauth.flow": false });
    await ctx?.close();
    await smtp?.stop();
    await mock?.stop();
  }
});

test("a failed code exchange says to click Authorize again: nothing retries a code", async () => {
  configure(`http://127.0.0.1:${await closedPort()}/token`);
  await page.goto("/configuration/oauth");
  await page.getByRole("link", { name: "Authorize", exact: true }).click();
  const outcome = page.getByTestId("authorize-outcome");
  await expect(outcome).toHaveAttribute("data-ok", "false");
  await expect(outcome).toContainText("The provider could not be reached");
  await expect(outcome).toContainText("click Authorize again");
  await expect(outcome).not.toContainText(/will try again/i);
});

test("refresh token revoked, a message held: one red status on the dashboard, each reason once, the provider named", async () => {
  configure();
  // An access token that lapses at once: the next send must refresh, and the provider refuses
  // (with Google's wording, from a Custom provider).
  mock.setAccessTtl(1);
  await page.goto("/configuration/oauth");
  await page.getByRole("link", { name: "Authorize", exact: true }).click();
  await expect(page.getByTestId("authorize-outcome")).toHaveAttribute("data-ok", "true");
  mock.failRefreshes({ error: "invalid_grant", error_description: "Token has been expired or revoked." });
  const { key } = JSON.parse(herald(["apikey", "create", "--name", "reauth-dashboard", "--scopes", "send", "--json"])) as { key: string };
  const auth = { authorization: `Bearer ${key}` };
  const accepted = await page.request.post("/api/v1/mail", { headers: auth, data: { to: ["held@example.com"], subject: "Held while re-authorizing", text: "x" } });
  expect(accepted.status()).toBe(202);

  await expect(async () => {
    await page.goto("/");
    await expect(page.getByTestId("sending-verdict")).toHaveAttribute("data-level", "error", { timeout: 1000 });
    await expect(page.getByTestId("dashboard-oauth-status")).toHaveAttribute("data-status", "reauth_needed", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  const status = page.getByTestId("sending-status");
  await expect(page.getByTestId("sending-verdict")).toHaveText("Mail cannot go out");
  const reasons = page.getByTestId("sending-reasons").locator("li");
  await expect(reasons).toHaveCount(1);
  await expect(reasons.first()).toContainText("OAuth2 authorization no longer works");
  await expect(reasons.first()).toContainText(/The OAuth2 provider at 127\.0\.0\.1:\d+ no longer accepts the stored refresh token/);
  await expect(reasons.first().getByRole("link", { name: "Re-authorize on the OAuth2 page" })).toHaveAttribute("href", "/configuration/oauth");
  const text = (await page.locator("main").innerText()).replace(/\s+/g, " ");
  for (const bad of ["Re-authorization needed: Re-authorization needed", "worker:", "not-used", "reauthorization-needed", "Google says", "mail can go out"]) expect(text).not.toContain(bad);
  // The OAuth2 card says the same, and its reason does not repeat its own title.
  await expect(page.getByTestId("dashboard-reauth-reason")).not.toContainText("Re-authorization needed");
  await expect(status).toBeVisible();
  // The message is still queued, nothing lost.
  await expect(page.getByRole("link", { name: /^[1-9]\d* queued$/ })).toBeVisible();
});
