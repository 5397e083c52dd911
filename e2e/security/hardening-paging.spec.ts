// Huge or odd paging and list parameters. The probe's
// `?page=99999999999999999999` gave 500 everywhere; now the API answers 400 naming the parameter
// and the pages clamp. A property-based run (fast-check) sends every list parameter of every list
// route and page a mix of huge numbers, fractions, signs, repeats and control characters.
import fc from "fast-check";
import { test, expect } from "../fixtures/test";
import { bearer, createKey } from "../sending/helpers";

const HUGE = "99999999999999999999";

const PAGES: Record<string, string[]> = {
  "/recipients": ["q", "page"],
  "/outbox": ["status", "recipient", "family", "from", "to", "page"],
  "/audit": ["page", "action"],
  "/mail-log": ["result", "page"],
  "/mailbox": ["q"],
};
const API: Record<string, string[]> = { "/api/v1/recipients": ["page", "pageSize", "q", "language"] };

const value = fc.oneof(
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom(HUGE, "1e400", "1e21", "-1", "0", "NaN", "Infinity", "0x10", "1.5", "", " ", "+7", "9007199254740993", "2026-13-45", "+275760-09-13T00:00:00Z", "%00", "a\u0000b", "sent", "dead"),
  fc.double().map(String),
  fc.string({ maxLength: 30 }),
);
/** A query string: some of the route's parameters, each once or repeated. */
const query = (params: string[]) =>
  fc.array(fc.tuple(fc.constantFrom(...params), value), { minLength: 1, maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString());

test.describe.configure({ timeout: 240_000 });

test("the probe's page number: pages clamp, the API names the parameter", async ({ adminPage, request }) => {
  for (const route of Object.keys(PAGES)) {
    const r = await adminPage.request.get(`${route}?page=${HUGE}`);
    expect(r.status(), route).toBe(200);
  }
  const key = createKey("hardening-paging", "recipients");
  const r = await request.get(`/api/v1/recipients?page=${HUGE}`, { headers: bearer(key) });
  expect(r.status()).toBe(400);
  const body = await r.json();
  expect(body.error.message).toMatch(/^page must be a whole number from 1 to 1000000/);
  expect(Object.keys(body.error.fields ?? {})).toEqual(["page"]);
});

test("every list page answers 200 to any list parameters (property-based)", async ({ adminPage }) => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...Object.keys(PAGES)).chain((route) => query(PAGES[route]!).map((q) => `${route}?${q}`)),
      async (url) => {
        const r = await adminPage.request.get(url, { maxRedirects: 0 });
        expect(r.status(), url).toBe(200);
      },
    ),
    { numRuns: 40 },
  );
});

test("the list API answers 200, or 400 naming the parameter (property-based)", async ({ request }) => {
  const key = createKey("hardening-paging-fc", "recipients");
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...Object.keys(API)).chain((route) => query(API[route]!).map((q) => ({ route, url: `${route}?${q}` }))),
      async ({ route, url }) => {
        const r = await request.get(url, { headers: bearer(key) });
        expect([200, 400], url).toContain(r.status());
        if (r.status() === 400) {
          const body = await r.json();
          const named = Object.keys(body.error.fields ?? {});
          expect(named.length, url).toBe(1);
          expect(API[route], url).toContain(named[0]);
          expect(body.error.message.startsWith(`${named[0]} `), url).toBe(true);
        }
      },
    ),
    { numRuns: 40 },
  );
});
