import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sampleData } from "@/lib/templates";
import { buildPreview, createPreviewer, parseSampleData, sampleRecipient, splitLeadingSpace } from "./preview-model";

const shipped = (family: string, lang: string) => fs.readFileSync(path.join(process.cwd(), "templates", family, `${lang}.txt`), "utf8");

describe("live preview model", () => {
  it("renders AEM's page template with its leading spaces, exactly as the server would", () => {
    const aem = fs.readFileSync(path.join(process.cwd(), "lib/templates/__vectors__/reader/aem-page-en.properties"), "utf8");
    const p = buildPreview("page", aem, sampleData("page"));
    expect(p.parseError).toBeNull();
    expect(p.subject).toBe("[CQ Page Event Notification]: Page Event");
    expect(p.body.split("\n").slice(0, 4)).toEqual([
      "-".repeat(85),
      " Time: 2026-03-14 09:26:53",
      " User: Alison Parker (aparker)",
      " " + "-".repeat(85),
    ]);
    expect(p.body).toContain(" PageModified => /content/wknd/us/en/adventures/bali-surf-camp\nPageCreated => ");
    expect(p.problems).toEqual([]);
  });

  it("reports unknown and missing variables and leaves them as written", () => {
    const text = shipped("forum", "en").replace(/^subject=.*$/m, "subject=${forum.title} at ${time}");
    const p = buildPreview("forum", text, { time: "noon" });
    expect(p.subject).toBe("${forum.title} at noon");
    expect(p.problems.map((x) => [x.name, x.reason])).toEqual([
      ["forum.title", "unknown"],
      ["forum.path", "missing"],
      ["host.prefix", "missing"],
    ]);
  });

  it("keeps previewing a file Java would refuse, and says why", () => {
    const p = buildPreview("page", "subject=Caf\\u00g9\nheader=h\nmessage=m\nfooter=f", {});
    expect(p.parseError?.line).toBe(1);
    expect(p.parseError?.message).toMatch(/malformed \\uXXXX escape/);
    expect(p.subject).toBe("Caf\\u00g9");
    expect(p.body).toBe("hmf");
    expect(p.errors).toEqual([]);
  });

  it("sends a multi-line subject as one line and reports it", () => {
    const p = buildPreview("page", "subject=a\\nb\nheader=\nmessage=\nfooter=", {});
    expect(p.subject).toBe("a b");
    expect(p.errors.map((e) => e.code)).toEqual(["subject-line-break"]);
  });

  it("returns the same result object when an edit leaves the values unchanged", () => {
    const preview = createPreviewer("workflow");
    const data = sampleData("workflow");
    const text = shipped("workflow", "de");
    const a = preview(text, data);
    const b = preview("# a new comment\n" + text, data);
    expect(b).toBe(a);
    const c = preview(text.replace("Zeit:", "Uhrzeit:"), data);
    expect(c).not.toBe(a);
    expect(c.body).toContain("Uhrzeit: 2026-03-14 09:26:53");
    // New sample data renders again.
    const d = preview(text.replace("Zeit:", "Uhrzeit:"), { ...data, "event.TimeStamp": "later" });
    expect(d.body).toContain("Uhrzeit: later");
  });

  it("parses the sample data JSON without ever throwing, pointing at the mistake", () => {
    expect(parseSampleData('{"time": "now", "n": 3, "b": true, "x": null}')).toEqual({ ok: true, data: { time: "now", n: 3, b: true, x: null } });
    const trailing = parseSampleData('{\n  "time": "now",\n}');
    expect(trailing).toMatchObject({ ok: false, line: 3, column: 1 });
    expect(trailing.ok ? "" : trailing.message).toMatch(/^Line 3, column 1: /);
    expect(parseSampleData('{"time": ')).toMatchObject({ ok: false });
    expect(parseSampleData("")).toEqual({ ok: false, message: "Enter a JSON object, e.g. {}.", i18n: { key: "sampleEmpty", values: {} } });
    expect(parseSampleData("[1]")).toMatchObject({ ok: false, message: expect.stringMatching(/must be a JSON object/) });
    expect(parseSampleData('{"time": {"h": 1}}')).toEqual({
      ok: false,
      message: '"time" must be a string, number, true/false or null — not an object.',
      i18n: { key: "sampleBadValue", values: { name: "time", kind: "object" } },
    });
  });

  it("shows a sample recipient and splits leading spaces", () => {
    expect(sampleRecipient("workflow", sampleData("workflow"))).toBe("Jonas Weber <jonas.weber@wknd.example>");
    expect(sampleRecipient("workflow", {})).toBe("participant@example.com");
    expect(sampleRecipient("page", {})).toMatch(/@/);
    expect(splitLeadingSpace(" Time: x")).toEqual([" ", "Time: x"]);
    expect(splitLeadingSpace("\t x")).toEqual(["\t ", "x"]);
    expect(splitLeadingSpace("none")).toEqual(["", "none"]);
  });
});
