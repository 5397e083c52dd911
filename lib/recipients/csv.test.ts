import { describe, it, expect } from "vitest";
import { csvHeader, csvRow, parseCsv, parseRecipientsCsv } from "./csv";
import { formatSubscriptions, parseSubscriptions, recipientSchema } from "./schema";

describe("parseCsv", () => {
  it("reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM", () => {
    const r = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\n\nlast,,\n');
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ["a", "b", "c"] },
        { line: 2, cells: ["x, y", 'say "hi"', "two\nlines"] },
        { line: 5, cells: ["last", "", ""] },
      ],
    });
  });
  it("names the line of a quote that is never closed", () => {
    expect(parseCsv('a\n"open,b\nc')).toEqual({ ok: false, error: 'line 2: a quoted cell is never closed (a " is missing)' });
  });
});

describe("subscription notation", () => {
  it("round-trips page subscriptions with event types and forum subscriptions", () => {
    const parsed = parseSubscriptions("page:/content/site[PageModified|PageActivated]; forum:/content/forum/f ;page:/content/b");
    expect(parsed.ok).toBe(true);
    const r = recipientSchema.parse({ id: "x", email: "x@example.com", name: "X", subscriptions: parsed.ok ? parsed.value : [] });
    expect(formatSubscriptions(r.subscriptions)).toBe("page:/content/site[PageModified|PageActivated]; forum:/content/forum/f; page:/content/b");
  });
  it("explains a malformed entry", () => {
    expect(parseSubscriptions("pages:/x")).toMatchObject({ ok: false, error: expect.stringContaining('"pages:/x" is not a subscription') });
    expect(parseSubscriptions("forum:/f[PageModified]")).toMatchObject({ ok: false, error: expect.stringContaining("no event types") });
  });
});

describe("parseRecipientsCsv", () => {
  it("validates each row on its own and reports every reason with the line and field", () => {
    const text = [
      "email,name,language,subscriptions,id,shoeSize",
      "ada@example.com,Ada,en,page:/content/site,ada,42",
      "JONAS@Example.com,Jonas,de_CH,page:/content/site[PageModified],,",
      "not-an-address,Bad,en,,bad,",
      "eve@example.com,,xx,page:content/site,eve,",
      "ada2@example.com,Ada Two,en,,ada,",
      "ada@example.com,Ada Again,en,,ada3,",
    ].join("\n");
    const f = parseRecipientsCsv(text);
    expect(f.ok).toBe(true);
    expect(f.ignoredColumns).toEqual(["shoeSize"]);
    const [ada, jonas, bad, eve, dupId, dupEmail] = f.rows;
    expect(ada).toMatchObject({ ok: true, data: { id: "ada", email: "ada@example.com", language: "en" } });
    // id defaults to the (lower-cased) email; de_CH is stored as de.
    expect(jonas).toMatchObject({ ok: true, line: 3, data: { id: "jonas@example.com", email: "jonas@example.com", language: "de" } });
    expect(bad).toMatchObject({ ok: false, line: 4, errors: [{ field: "email", message: expect.stringContaining("not a valid email address") }] });
    expect(eve?.ok).toBe(false);
    if (eve && !eve.ok) {
      const fields = eve.errors.map((e) => e.field).sort();
      expect(fields).toEqual(["language", "name", "subscriptions.0.path"]);
      expect(eve.errors.find((e) => e.field === "language")!.message).toContain('"xx" is not an ISO 639-1 language code');
    }
    expect(dupId).toMatchObject({ ok: false, errors: [{ field: "id", message: '"ada" is already on line 2 of this file' }] });
    expect(dupEmail).toMatchObject({ ok: false, errors: [{ field: "email", message: "ada@example.com is already on line 2 of this file" }] });
  });

  it("refuses a file without the required columns, naming them", () => {
    expect(parseRecipientsCsv("id,language\nx,en")).toMatchObject({ ok: false, fileErrors: [expect.stringContaining("missing: email, name")] });
    expect(parseRecipientsCsv("")).toMatchObject({ ok: false });
  });

  it("writes what it reads, and defuses spreadsheet formulas both ways", () => {
    const row = {
      id: "=cmd",
      email: "f@example.com",
      name: '-Name, "quoted"',
      familyName: "+x",
      language: "de",
      subscriptions: [{ kind: "page" as const, path: "/content/a", eventTypes: ["PageCreated" as const] }],
    };
    const text = csvHeader() + csvRow(row);
    expect(text).toContain(`'=cmd`);
    expect(text).toContain(`"'-Name, ""quoted"""`);
    const back = parseRecipientsCsv(text);
    expect(back.rows[0]).toMatchObject({ ok: true, data: { id: "=cmd", name: '-Name, "quoted"', familyName: "+x", subscriptions: row.subscriptions } });
  });

  it("reads and writes the plainTextOnly column (true/false, yes/no, 1/0, empty = false) and names a bad value", () => {
    const text = [
      "id,email,name,plainTextOnly",
      "a,a@example.com,A,true",
      "b,b@example.com,B,no",
      "c,c@example.com,C,",
      "d,d@example.com,D,maybe",
    ].join("\n");
    const r = parseRecipientsCsv(text);
    expect(r.rows.map((x) => (x.ok ? x.data.plainTextOnly : x.errors))).toEqual([true, false, false, [{ field: "plainTextOnly", message: '"maybe" is not true or false' }]]);
    const row = { id: "a", email: "a@example.com", name: "A", familyName: "", language: "en", plainTextOnly: true, subscriptions: [] };
    expect(csvHeader()).toBe("id,email,name,familyName,language,subscriptions,plainTextOnly\r\n");
    expect(csvRow(row)).toBe("a,a@example.com,A,,en,,true\r\n");
    expect(parseRecipientsCsv(csvHeader() + csvRow(row)).rows[0]).toMatchObject({ ok: true, data: { plainTextOnly: true } });
  });
});
