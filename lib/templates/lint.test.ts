import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FAMILIES, sampleData, type FamilyId } from "./catalog";
import { isIsoLanguage } from "./languages";
import { formatDiagnostics, hasLintErrors, lintTemplate, type LintDiagnostic } from "./lint";
import { parseProperties } from "./properties";
import { compileTemplate, renderTemplate } from "./render";
import { resolveLanguage } from "./resolve";

const here = path.dirname(fileURLToPath(import.meta.url));
const TEMPLATES = path.resolve(here, "../../templates");
const SHIPPED_LANGUAGES = ["de", "en", "fr", "ja", "ko"];

const brief = (ds: LintDiagnostic[]) => ds.map((d) => [d.severity, d.code, d.line, d.column]);

function shipped(family: string, lang: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(TEMPLATES, family, `${lang}.txt`)));
}

describe("shipped default templates (templates/<family>/<lang>.txt)", () => {
  it("exist for every family in en, de, fr, ja, ko, named by ISO 639-1 codes", () => {
    // Beside the families: _layout, the shared frame of the HTML part (lib/templates/html.test.ts).
    expect(fs.readdirSync(TEMPLATES).sort()).toEqual(["_layout", ...FAMILIES.map((f) => f.id).sort()]);
    for (const f of FAMILIES) {
      const files = fs.readdirSync(path.join(TEMPLATES, f.id)).filter((n) => n.endsWith(".txt")).sort();
      expect(files).toEqual(SHIPPED_LANGUAGES.map((l) => `${l}.txt`));
      for (const file of files) expect(isIsoLanguage(file.slice(0, -4))).toBe(true);
    }
  });

  for (const f of FAMILIES) {
    for (const lang of SHIPPED_LANGUAGES) {
      it(`${f.id}/${lang}.txt lints clean, is plain UTF-8 with LF, and renders every placeholder`, () => {
        const bytes = shipped(f.id, lang);
        const diagnostics = lintTemplate(f.id, bytes);
        expect(formatDiagnostics(diagnostics, `${f.id}/${lang}.txt`)).toBe("");
        expect(bytes.slice(0, 3)).not.toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
        expect(bytes.includes(13)).toBe(false);
        const parsed = parseProperties(bytes);
        if (!parsed.ok) throw new Error(parsed.error.message);
        expect([...parsed.entries.keys()]).toEqual(["subject", "header", "message", "footer"]);
        const r = renderTemplate(parsed.entries, sampleData(f.id), { family: f.id });
        expect(r.problems).toEqual([]);
        expect(r.errors).toEqual([]);
        expect(r.subject).not.toMatch(/[\r\n]|\$\{/);
        expect(r.body).not.toContain("${");
        // Clean text: no line of the email starts with the stray space of AEM's "\n \" layout.
        expect(r.body.split("\n").filter((l) => l.startsWith(" "))).toEqual([]);
      });
    }
  }

  it("translations use the same variables as the English template", () => {
    for (const f of FAMILIES) {
      const vars = (lang: string) => {
        const p = parseProperties(shipped(f.id, lang));
        if (!p.ok) throw new Error(p.error.message);
        return [...compileTemplate(p.entries, { family: f.id }).variables].sort();
      };
      const en = vars("en");
      for (const lang of SHIPPED_LANGUAGES) expect(vars(lang), `${f.id}/${lang}`).toEqual(en);
    }
  });

  it("keep the structure SPEC.md prescribes", () => {
    const entries = (family: FamilyId, lang: string) => {
      const p = parseProperties(shipped(family, lang));
      if (!p.ok) throw new Error(p.error.message);
      return p.entries;
    };
    const forum = entries("forum", "en");
    expect(forum.get("subject")).toBe("[CQ Forum Notification]");
    expect(forum.get("message")).toBe("Page: ${host.prefix}${forum.path}.html\n");
    const wf = entries("workflow", "en");
    expect(wf.get("subject")).toBe("Workflow notification: ${event.EventType}");
    expect(wf.get("message")).toBe("Content: ${host.prefix}${payload.path.open}\n");
    for (const lang of SHIPPED_LANGUAGES) {
      expect(entries("workflow", lang).get("footer")).toContain("${host.prefix}/aem/inbox");
      expect(entries("workflow", lang).get("message")).toMatch(/\$\{host\.prefix\}\$\{payload\.path\.open\}\n$/);
      expect(entries("forum", lang).get("message")).toMatch(/\$\{host\.prefix\}\$\{forum\.path\}\.html\n$/);
      const page = entries("page", lang);
      expect(page.get("header")).toMatch(/^-{85}\n.*\$\{time\}\n.*\$\{userFullName\} \(\$\{userId\}\)\n-{85}\n\n$/);
      expect(page.get("message")).toContain("${modifications}");
    }
  });

  it("resolve to the recipient's language or English", () => {
    expect(resolveLanguage("ko_KR", SHIPPED_LANGUAGES).language).toBe("ko");
    expect(resolveLanguage("es", SHIPPED_LANGUAGES).language).toBe("en");
  });
});

describe("lintTemplate", () => {
  const ok = "subject=S\nheader=H\nmessage=M ${time}\nfooter=F\n";

  it("accepts AEM's own default templates for their families", () => {
    for (const [family, file] of [
      ["page", "aem-page-en"],
      ["forum", "aem-forum-en"],
      ["workflow", "aem-workflow-en"],
    ] as const) {
      const bytes = fs.readFileSync(path.join(here, "__vectors__/reader", `${file}.properties`));
      expect(lintTemplate(family, bytes)).toEqual([]);
    }
  });

  it("reports missing required keys as errors", () => {
    const ds = lintTemplate("page", "subject=S\nmessage=M\n");
    expect(brief(ds)).toEqual([
      ["error", "missing-key", 1, 1],
      ["error", "missing-key", 1, 1],
    ]);
    expect(ds.map((d) => d.key)).toEqual(["header", "footer"]);
    expect(hasLintErrors(ds)).toBe(true);
  });

  it("warns about unknown keys and suggests the intended one", () => {
    const ds = lintTemplate("page", ok + "Subject=oops\nfooterr=x\n");
    expect(brief(ds)).toEqual([
      ["warning", "unknown-key", 5, 1],
      ["warning", "unknown-key", 6, 1],
    ]);
    expect(ds[0]!.message).toContain('Did you mean "subject"?');
    expect(ds[1]!.message).toContain('Did you mean "footer"?');
    expect([ds[0]!.endLine, ds[0]!.endColumn]).toEqual([5, 8]);
    expect(hasLintErrors(ds)).toBe(false);
  });

  it("marks unknown variables where they are, also on continuation lines and after escapes", () => {
    const text = "subject=S ${userid}\nheader=\\u00e9\\t\\\n   x ${host.prefix}\nmessage=${modifications}\nfooter=F\n";
    const ds = lintTemplate("page", text);
    expect(brief(ds)).toEqual([
      ["warning", "unknown-variable", 1, 11],
      ["warning", "unknown-variable", 3, 6],
    ]);
    expect(ds[0]).toMatchObject({ variable: "userid", key: "subject", endLine: 1, endColumn: 20 });
    expect(ds[0]!.message).toContain("Did you mean ${userId}?");
    expect(ds[1]).toMatchObject({ variable: "host.prefix", key: "header", endColumn: 20 });
    expect(ds[1]!.message).toContain("Known variables: ${time}, ${userFullName}, ${userId}, ${modifications}");
    expect(text.slice(ds[1]!.from, ds[1]!.to)).toBe("${host.prefix}");
  });

  it("reports a line break in the subject as an error at the escape", () => {
    const ds = lintTemplate("forum", "subject=[Forum]\\n${time}\nheader=\nmessage=\nfooter=\n");
    expect(brief(ds)).toEqual([["error", "subject-line-break", 1, 16]]);
    expect([ds[0]!.to - ds[0]!.from]).toEqual([2]);
    const uEscape = lintTemplate("forum", "subject=a\\u000Ab\nheader=\nmessage=\nfooter=\n");
    expect(uEscape[0]).toMatchObject({ code: "subject-line-break", column: 10, endColumn: 16 });
    // A continuation without \n joins lines: no line break, no error.
    expect(lintTemplate("forum", "subject=[Forum \\\n  Notification]\nheader=\nmessage=\nfooter=\n")).toEqual([]);
  });

  it("warns about a multi-line variable in the subject and about an empty subject", () => {
    expect(brief(lintTemplate("page", "subject=${modifications}\nheader=\nmessage=\nfooter=\n"))).toEqual([
      ["warning", "multiline-variable-in-subject", 1, 9],
    ]);
    expect(brief(lintTemplate("page", "subject=  \nheader=\nmessage=\nfooter=\n"))).toEqual([["warning", "empty-subject", 1, 1]]);
  });

  it("warns about ${ that is not a placeholder", () => {
    const ds = lintTemplate("forum", "subject=S\nheader=${ time}\nmessage=${}\nfooter=${forum.path\n");
    expect(brief(ds)).toEqual([
      ["warning", "malformed-placeholder", 2, 8],
      ["warning", "malformed-placeholder", 3, 9],
      ["warning", "malformed-placeholder", 4, 8],
    ]);
  });

  it("passes on Properties errors with their lines: malformed \\u, invalid UTF-8", () => {
    expect(brief(lintTemplate("page", ok + "x=\\u12\n"))).toEqual([
      ["warning", "unknown-key", 5, 1],
      ["error", "malformed-unicode-escape", 5, 3],
    ]);
    const bytes = new Uint8Array([...new TextEncoder().encode("subject=caf"), 0xe9, ...new TextEncoder().encode("\nheader=\nmessage=\nfooter=\n")]);
    expect(brief(lintTemplate("page", bytes))).toEqual([["error", "invalid-utf8", 1, 12]]);
  });

  it("turns a byte order mark into an error and explains the missing first key", () => {
    const ds = lintTemplate("page", "\ufeff" + ok);
    expect(brief(ds)).toEqual([
      ["error", "byte-order-mark", 1, 1],
      ["error", "missing-key", 1, 1],
    ]);
    expect(ds[1]!.message).toContain("byte order mark");
  });

  it("warns about duplicates and continuations into blank lines", () => {
    const ds = lintTemplate("page", "subject=A\nsubject=B\nheader=x\\\n\nmessage=\nfooter=\n");
    expect(brief(ds)).toEqual([
      ["warning", "duplicate-key", 1, 1],
      ["warning", "blank-continuation-line", 3, 9],
    ]);
  });

  it("formats diagnostics for the CLI, sorted by position", () => {
    const ds = lintTemplate("page", "footer=F\nsubject=${nope}\n");
    expect(formatDiagnostics(ds, "page/en.txt").split("\n")).toEqual([
      expect.stringMatching(/^page\/en\.txt:1:1: error missing-key: Missing key "header"/),
      expect.stringMatching(/^page\/en\.txt:1:1: error missing-key: Missing key "message"/),
      expect.stringMatching(/^page\/en\.txt:2:9: warning unknown-variable: Unknown variable \$\{nope\}/),
    ]);
  });

  it("refuses an unknown family", () => {
    expect(() => lintTemplate("newsletter" as never, ok)).toThrow(TypeError);
  });
});
