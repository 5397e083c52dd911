// API keys in the console (shown once, revoked at once), the API page's "try it" form, and the
// per-key rate limit.
import { test, expect } from "../fixtures/test";
import { bearer, createKey } from "./helpers";

test.describe.configure({ mode: "serial" });

test("an admin creates a key (shown once), uses it from the API page, then revokes it", async ({ adminPage: page, request }) => {
  await page.goto("/api-keys");
  await page.getByLabel("Name").fill("e2e console key");
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toHaveText(/^hrld_[A-Za-z0-9_-]{43}$/);
  const key = (await shown.textContent())!;
  const row = page.getByTestId("api-key-row").filter({ hasText: "e2e console key" });
  await expect(row).toContainText(key.slice(0, 13));
  await expect(row).not.toContainText(key.slice(13));

  // The API page sends its page event example with it (nobody subscribed yet: nothing to send).
  await page.goto("/api");
  await page.getByRole("button", { name: /POST\s*\/events\/page/ }).click();
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("try-status")).toHaveText("202");
  await expect(page.getByTestId("try-result")).toContainText('"messages": []');

  await page.goto("/api-keys");
  await expect(row).not.toContainText("never"); // last used is shown
  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  const after = await request.post("/api/v1/mail", { headers: bearer(key), data: { to: "a@example.com", subject: "x", text: "y" } });
  expect(after.status()).toBe(401);
});

test("the OpenAPI document describes the API", async ({ request }) => {
  const r = await request.get("/api/v1/openapi.json");
  expect(r.status()).toBe(200);
  const doc = await r.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/events/page", "/events/workflow", "/mail", "/messages/{id}", "/recipients"]));
  const page = doc.paths["/events/page"].post;
  expect(page.requestBody.content["application/json"].schema.required).toEqual(["type", "paths", "user"]);
  expect(page.parameters.map((p: { name: string }) => p.name)).toContain("Idempotency-Key");
});

test("more requests a minute than the key allows → 429 with Retry-After", async ({ request }) => {
  const key = createKey("e2e slow", "send", 2);
  const send = () => request.get("/api/v1/messages/msg_none", { headers: bearer(key) });
  expect((await send()).status()).toBe(404);
  expect((await send()).status()).toBe(404);
  const limited = await send();
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
});

test("authors cannot open the sending pages or use their actions; they may read the API page", async ({ authorPage }) => {
  for (const route of ["/recipients", "/recipients/new", "/outbox", "/mailbox", "/api-keys"]) {
    const res = await authorPage.goto(route);
    expect(res?.status(), route).toBe(403);
  }
  const csv = await authorPage.request.get("/recipients/export.csv");
  expect(csv.status()).toBe(403);
  await authorPage.goto("/api");
  await expect(authorPage.getByRole("heading", { name: "API", exact: true })).toBeVisible();
  await expect(authorPage.getByText("Only admins can send requests from this page.")).toBeVisible();
});

test("the recipient directory through the API: create, conflict, patch, CSV round trip, delete", async ({ request }) => {
  const key = createKey("e2e directory", "recipients");
  const h = bearer(key);
  const created = await request.post("/api/v1/recipients", {
    headers: h,
    data: { id: "api-user", email: "API.User@Example.com", name: "Api", language: "fr_CA", subscriptions: [{ kind: "forum", path: "/content/forum/x/" }] },
  });
  expect(created.status()).toBe(201);
  expect(await created.json()).toMatchObject({ id: "api-user", email: "api.user@example.com", language: "fr", subscriptions: [{ kind: "forum", path: "/content/forum/x" }] });

  const dup = await request.post("/api/v1/recipients", { headers: h, data: { id: "other", email: "api.user@example.com", name: "Other" } });
  expect(dup.status()).toBe(409);
  expect((await dup.json()).error.fields.email[0]).toContain('already belongs to recipient "api-user"');

  const bad = await request.post("/api/v1/recipients", { headers: h, data: { id: "x y", email: "x@example.com", name: "X", subscriptions: [{ kind: "page", path: "/a", eventTypes: ["PageExploded"] }] } });
  expect(bad.status()).toBe(400);
  expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["id", "subscriptions.0.eventTypes.0"]);

  const patched = await request.patch("/api/v1/recipients/api-user", { headers: h, data: { language: "de" } });
  expect(patched.status()).toBe(200);
  expect((await patched.json()).language).toBe("de");

  const csv = await request.get("/api/v1/recipients.csv", { headers: h });
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toBe("id,email,name,familyName,language,subscriptions,plainTextOnly");
  expect(text).toContain("api-user,api.user@example.com,Api,,de,forum:/content/forum/x");
  const dry = await request.post("/api/v1/recipients.csv?dryRun=true", { headers: { ...h, "content-type": "text/csv" }, data: text });
  expect((await dry.json()).counts.rejected).toBe(0);

  expect((await request.delete("/api/v1/recipients/api-user", { headers: h })).status()).toBe(204);
  expect((await request.get("/api/v1/recipients/api-user", { headers: h })).status()).toBe(404);
  // The send scope does not open the directory.
  expect((await request.get("/api/v1/recipients", { headers: bearer(createKey("e2e send only", "send")) })).status()).toBe(403);
});
