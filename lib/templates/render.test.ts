import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { sampleData } from "./catalog";
import { parseProperties } from "./properties";
import { compileTemplate, renderTemplate, scanPlaceholders } from "./render";

const here = path.dirname(fileURLToPath(import.meta.url));

function aemTemplate(name: string): Map<string, string> {
  const r = parseProperties(fs.readFileSync(path.join(here, "__vectors__/reader", `${name}.properties`)));
  if (!r.ok) throw new Error(r.error.message);
  return r.entries;
}

const dashes = "-".repeat(85);

describe("renderTemplate", () => {
  it("renders AEM's workflow template with the 24 workflow variables", () => {
    const data = sampleData("workflow");
    const r = renderTemplate(aemTemplate("aem-workflow-en"), data, { family: "workflow" });
    expect(r.subject).toBe("Workflow notification: NodeTransition");
    expect(r.subjectForSending).toBe(r.subject);
    expect(r.body).toBe(
      `${dashes}\n` +
        " Time: 2026-03-14 09:26:53\n" +
        " Step: Approve Content\n" +
        " User: Jonas Weber (jweber)\n" +
        " Workflow: Request for Activation\n" +
        ` ${dashes}\n\n` +
        "Content: http://localhost:4502/bin/wcmcommand?cmd=open&path=/content/wknd/us/en/adventures/bali-surf-camp\n" +
        `\n ${dashes}\n` +
        " View the overview in your http://localhost:4502/aem/inbox\n" +
        ` ${dashes}\n` +
        " This is an automatically generated message. Please do not reply.",
    );
    expect(r.problems).toEqual([]);
    expect(r.errors).toEqual([]);
  });

  it("substitutes once: a value that contains ${x} is inserted as it is", () => {
    const r = renderTemplate(
      { subject: "${a}", header: "${a}|", message: "${b}", footer: "" },
      { a: "${b}", b: "${a} $& $1 $$ \\n" },
    );
    expect(r.subject).toBe("${b}");
    expect(r.body).toBe("${b}|${a} $& $1 $$ \\n");
    expect(r.problems).toEqual([]);
  });

  it("leaves unknown and missing variables as written and reports each name once", () => {
    const r = renderTemplate(
      {
        subject: "Page event ${userId} ${bogus}",
        header: "${time}\n${userId}",
        message: "${modifications} ${bogus}",
        footer: "${also.bogus}",
      },
      { time: "now" },
      { family: "page" },
    );
    expect(r.subject).toBe("Page event ${userId} ${bogus}");
    expect(r.body).toBe("now\n${userId}${modifications} ${bogus}${also.bogus}");
    expect(r.problems).toEqual([
      { name: "userId", reason: "missing", keys: ["subject", "header"] },
      { name: "bogus", reason: "unknown", keys: ["subject", "message"] },
      { name: "modifications", reason: "missing", keys: ["message"] },
      { name: "also.bogus", reason: "unknown", keys: ["footer"] },
    ]);
  });

  it("without a family every unresolved name is missing; a variables list decides too", () => {
    const t = { subject: "${x}", header: "", message: "${y}", footer: "" };
    expect(renderTemplate(t, {}).problems.map((p) => p.reason)).toEqual(["missing", "missing"]);
    expect(renderTemplate(t, {}, { variables: ["x"] }).problems).toEqual([
      { name: "x", reason: "missing", keys: ["subject"] },
      { name: "y", reason: "unknown", keys: ["message"] },
    ]);
  });

  it("treats null, undefined and non-primitive values as missing; numbers and booleans as text", () => {
    const t = { subject: "${a} ${b} ${c} ${d} ${e} ${f}", header: "", message: "", footer: "" };
    const r = renderTemplate(t, { a: 1.5, b: true, c: null, d: undefined, e: { toString: () => "x" } as never, f: 10n });
    expect(r.subject).toBe("1.5 true ${c} ${d} ${e} 10");
    expect(r.problems.map((p) => p.name)).toEqual(["c", "d", "e"]);
  });

  it("never resolves a name through Object.prototype", () => {
    const t = { subject: "${constructor} ${__proto__} ${toString} ${hasOwnProperty}", header: "", message: "", footer: "" };
    const r = renderTemplate(t, {});
    expect(r.subject).toBe("${constructor} ${__proto__} ${toString} ${hasOwnProperty}");
    expect(r.problems).toHaveLength(4);
    // Own properties with those names are fine.
    const own = renderTemplate(t, JSON.parse('{"constructor":"c","__proto__":"p","toString":"t","hasOwnProperty":"h"}'));
    expect(own.subject).toBe("c p t h");
  });

  it("accepts a Map of values", () => {
    const r = renderTemplate({ subject: "${a.b}", header: "", message: "", footer: "" }, new Map([["a.b", "ok"]]));
    expect(r.subject).toBe("ok");
  });

  it("only replaces well-formed placeholders", () => {
    const t = { subject: "", header: "${} ${ time} $time {time} ${time ${a${time}} $${time}", message: "", footer: "" };
    const r = renderTemplate(t, { time: "T", a: "A" });
    expect(r.body).toBe("${} ${ time} $time {time} ${time ${aT} $T");
  });

  it("substitutes each key on its own: a placeholder cannot straddle header and message", () => {
    const r = renderTemplate({ subject: "s", header: "x ${", message: "time}", footer: "" }, { time: "T" });
    expect(r.body).toBe("x ${time}");
    expect(r.problems).toEqual([]);
  });

  it("reports a line break written in the subject, and sends it with a space", () => {
    const r = renderTemplate({ subject: "Line one\nLine two", header: "", message: "", footer: "" }, {});
    expect(r.subject).toBe("Line one\nLine two");
    expect(r.subjectForSending).toBe("Line one Line two");
    expect(r.errors).toEqual([expect.objectContaining({ code: "subject-line-break", key: "subject" })]);
  });

  it("catches line breaks that arrive through a value (no header injection)", () => {
    const r = renderTemplate(
      { subject: "Re: ${title}", header: "", message: "", footer: "" },
      { title: "x\r\nBcc: victim@example.com\ry\u2028z\u0085w" },
    );
    expect(r.subjectForSending).toBe("Re: x Bcc: victim@example.com y z w");
    expect(r.subjectForSending).not.toMatch(/[\r\n]/);
    expect(r.errors[0]!.code).toBe("subject-line-break");
    expect(r.errors[0]!.message).toMatch(/value/);
  });

  it("reports missing keys and renders the rest", () => {
    const r = renderTemplate(new Map([["message", "only ${x}"]]), { x: "this" });
    expect(r.subject).toBe("");
    expect(r.body).toBe("only this");
    expect(r.errors.map((e) => [e.code, e.key])).toEqual([
      ["missing-key", "subject"],
      ["missing-key", "header"],
      ["missing-key", "footer"],
    ]);
  });

  it("ignores inherited properties of a plain-object template", () => {
    const entries = Object.create({ subject: "inherited" }) as Record<string, string>;
    entries.header = "h";
    const r = renderTemplate(entries, {});
    expect(r.subject).toBe("");
    expect(r.errors.map((e) => e.key)).toContain("subject");
  });

  it("property: rendering equals a naive split-and-join, and values are never expanded", () => {
    const name = fc.constantFrom("a", "b.c", "host.prefix", "x_y");
    const value = fc.string({ maxLength: 12 }).map((s) => s + "${a}");
    const staticText = fc.string({ maxLength: 10 }).filter((s) => !s.includes("$"));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(staticText, name), { maxLength: 8 }),
        staticText,
        fc.record({ a: value, "b.c": value, "host.prefix": value, x_y: value }),
        (parts, tail, data) => {
          const message = parts.map(([s, n]) => s + "${" + n + "}").join("") + tail;
          const expected = parts.map(([s, n]) => s + data[n as keyof typeof data]).join("") + tail;
          const r = renderTemplate({ subject: "", header: "", message, footer: "" }, data);
          expect(r.body).toBe(expected);
          expect(r.problems).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("compileTemplate", () => {
  it("lists variables, unknown variables and missing keys once", () => {
    const t = compileTemplate(aemTemplate("aem-workflow-en"), { family: "workflow" });
    expect(t.variables).toEqual([
      "event.EventType",
      "event.TimeStamp",
      "item.node.title",
      "participant.name",
      "participant.id",
      "model.title",
      "host.prefix",
      "payload.path.open",
    ]);
    expect(t.unknownVariables).toEqual([]);
    expect(t.missingKeys).toEqual([]);
    expect(t.subjectHasLineBreak).toBe(false);
    expect(Object.isFrozen(t)).toBe(true);

    const forum = compileTemplate(aemTemplate("aem-forum-en"), { family: "page" });
    expect(forum.unknownVariables).toEqual(["forum.path", "host.prefix"]);
  });

  it("renders the same from a compiled template as from entries", () => {
    const entries = aemTemplate("aem-page-en");
    const data = sampleData("page");
    const compiled = compileTemplate(entries, { family: "page" });
    expect(renderTemplate(compiled, data)).toEqual(renderTemplate(entries, data, { family: "page" }));
    expect(renderTemplate(compiled, data).body).toContain(" PageModified => /content/wknd/us/en/adventures/bali-surf-camp\n");
  });

  it("refuses an unknown family", () => {
    expect(() => compileTemplate({}, { family: "newsletter" as never })).toThrow(/Unknown template family/);
  });
});

describe("scanPlaceholders", () => {
  it("finds placeholders with positions and the ${ that are not placeholders", () => {
    const s = scanPlaceholders("a ${x.y} ${ bad} ${} ${open ${z}");
    expect(s.placeholders).toEqual([
      { name: "x.y", start: 2, end: 8 },
      { name: "z", start: 28, end: 32 },
    ]);
    expect(s.malformed.map((m) => m.text)).toEqual(["${", "${}", "${open"]);
  });
});
