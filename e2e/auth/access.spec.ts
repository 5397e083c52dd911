import { test, expect } from "../fixtures/test";

const CONSOLE_ROUTES = ["/", "/configuration", "/templates", "/outbox", "/mail-log", "/users", "/audit"];
const ADMIN_ONLY = ["/configuration", "/outbox", "/mail-log", "/users", "/audit"];

test("every console route without a session lands on /login", async ({ page }) => {
  for (const route of CONSOLE_ROUTES) {
    await page.goto(route);
    await expect(page, route).toHaveURL(/\/login(\?|$)/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
});

test("an author gets the 403 page on admin-only routes", async ({ authorPage }) => {
  for (const route of ADMIN_ONLY) {
    const res = await authorPage.goto(route);
    expect(res?.status(), route).toBe(403);
    await expect(authorPage.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  }
  // The navigation does not offer them either.
  await authorPage.goto("/");
  await expect(authorPage.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Dashboard", "Templates"]);
});

test("server actions answer 401 without a session and 403 without the role", async ({ adminPage, authorPage, playwright, baseURL }) => {
  // Capture a real server action call (changing a role on /users) to replay it.
  await adminPage.goto("/users");
  const authorRow = adminPage.getByRole("row", { name: /author@herald\.test/ });
  adminPage.once("dialog", (d) => d.accept()); // role changes are confirmed first
  const [request] = await Promise.all([
    adminPage.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    authorRow.getByLabel(/Role of/).selectOption("author"),
  ]);
  const headers = { "next-action": request.headers()["next-action"]!, "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8", accept: "text/x-component" };
  const body = request.postData() ?? "";

  const anon = await playwright.request.newContext({ baseURL });
  const r1 = await anon.post("/users", { headers, data: body, maxRedirects: 0 });
  expect(r1.status()).toBe(401);
  await anon.dispose();

  const cookies = await authorPage.context().cookies();
  const asAuthor = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") },
  });
  const r2 = await asAuthor.post("/users", { headers, data: body, maxRedirects: 0 });
  expect(r2.status()).toBe(403);
  await asAuthor.dispose();
});
