// `herald template parse|render|lint`, run as an operator would: `node bin/herald.mjs template …`
// in a child process, on committed fixtures (and on the Java-computed reader vectors, so the CLI's
// JSON is checked against what java.util.Properties really produced).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { addLanguage, saveTemplate } from "@/lib/templates-store/store";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/herald.mjs");
const FIX = "cli/__fixtures__/template";
const VECTORS = "lib/templates/__vectors__/reader";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function herald(args: string[], opts: { dataDir?: string; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, HERALD_DATA_DIR: opts.dataDir ?? path.join(os.tmpdir(), "herald-cli-unused") }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

const javaExpected = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, VECTORS, `${name}.expected.json`), "utf8")) as { ok: boolean; entries: [string, string][] };

describe("herald template parse", () => {
  const cases = ["aem-page-en", "aem-workflow-en", "continuation-five-backslashes", "escaped-separators-in-key", "unicode-escapes", "cr-only", "duplicate-keys", "raw-unicode"];

  it.each(cases)("prints %s as Java read it: one JSON object, keys sorted, UTF-8", async (name) => {
    const expected = javaExpected(name);
    expect(expected.ok).toBe(true);
    const r = await herald(["template", "parse", `${VECTORS}/${name}.properties`]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    expect(Object.entries(out)).toEqual(expected.entries);
    const keys = Object.keys(out);
    expect(keys).toEqual([...keys].sort());
  });

  it("writes non-ASCII text as UTF-8, not as \\u escapes", async () => {
    const r = await herald(["template", "parse", "templates/workflow/ja.txt"]);
    expect(r.code).toBe(0);
    const subject = (JSON.parse(r.stdout) as Record<string, string>).subject;
    expect(subject).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(r.stdout).toContain(subject);
  });

  it("names the file and line of a malformed \\u escape, exit code 2", async () => {
    const nonhex = await herald(["template", "parse", `${VECTORS}/malformed-u-nonhex.properties`]);
    expect(nonhex.code).toBe(2);
    expect(nonhex.stdout).toBe("");
    expect(nonhex.stderr).toMatch(new RegExp(`^${VECTORS}/malformed-u-nonhex\\.properties:3: malformed \\\\uXXXX escape "[^"]+": \\\\u must be followed by exactly four hexadecimal digits`));
    expect(nonhex.stderr.trim().split("\n")).toHaveLength(1);

    const continued = await herald(["template", "parse", `${VECTORS}/malformed-u-in-continuation.properties`]);
    expect(continued.code).toBe(2);
    expect(continued.stderr).toMatch(/^lib\/templates\/__vectors__\/reader\/malformed-u-in-continuation\.properties:3: malformed \\uXXXX escape "\\uZ": /);
  });

  it("refuses invalid UTF-8 with the line, and a missing file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-cli-"));
    const file = path.join(dir, "latin1.txt");
    fs.writeFileSync(file, Buffer.concat([Buffer.from("subject=ok\nheader=Gr"), Buffer.from([0xfc]), Buffer.from("n\n")]));
    const bad = await herald(["template", "parse", file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`${file}:2: invalid UTF-8 (bytes 0xFC at byte 20). Templates must be saved as UTF-8.\n`);

    const missing = await herald(["template", "parse", path.join(dir, "nope.txt")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.txt: no such file");
  });
});

describe("herald template render", () => {
  let dataDir: string;
  beforeAll(async () => {
    // The CLI renders the stored templates: give it a database with an added language.
    dataDir = useFreshDataDir("herald-cli-render-");
    await addLanguage("workflow", "es", "ada@herald.test");
    const en = fs.readFileSync(path.join(ROOT, "templates/workflow/en.txt"), "utf8");
    await saveTemplate("workflow", "es", en.replace(/^subject=.*$/m, "subject=Notificación: ${event.EventType}"), "ada@herald.test");
  });

  it("prints Subject, a blank line, then the body, with the --data values", async () => {
    const r = await herald(["template", "render", "workflow", "de", "--data", `${FIX}/workflow-data.json`], { dataDir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rule = "-".repeat(85);
    expect(r.stdout).toBe(
      [
        "Subject: Workflow-Benachrichtigung: WorkflowCompleted",
        "",
        rule,
        "Zeit: 2026-04-01 08:00:00",
        "Schritt: Übersetzung prüfen",
        "Benutzer: Jonas Weber (jweber)",
        "Workflow: Übersetzung",
        rule,
        "",
        "Inhalt: https://author.wknd.example/editor.html/content/wknd/de/start.html",
        "",
        rule,
        "Alle Ihre Aufgaben finden Sie in Ihrem Posteingang: https://author.wknd.example/aem/inbox",
        rule,
        "Diese Nachricht wurde automatisch erstellt. Bitte antworten Sie nicht darauf.",
        "",
      ].join("\n"),
    );
  });

  it("uses the recipient's language when there is a template, else English, and says so", async () => {
    const es = await herald(["template", "render", "workflow", "es"], { dataDir });
    expect(es.code).toBe(0);
    expect(es.stdout.split("\n")[0]).toBe("Subject: Notificación: NodeTransition");
    expect(es.stderr).toBe("");

    const pt = await herald(["template", "render", "workflow", "pt-BR", "--data", "-"], { dataDir, input: '{"event.EventType": "NodeTransition"}' });
    expect(pt.code).toBe(0);
    expect(pt.stdout.split("\n")[0]).toBe("Subject: Workflow notification: NodeTransition");
    expect(pt.stderr).toContain('herald: warning: Language: No template in "pt"; using "en".');
    expect(pt.stderr).toMatch(/No value for \$\{host\.prefix\}; it was left as written/);
    expect(pt.stdout).toContain("${host.prefix}/aem/inbox");
  });

  it("renders a template file given with --file", async () => {
    const r = await herald(["template", "render", "page", "en", "--file", `${VECTORS}/aem-page-en.properties`], { dataDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Subject: [CQ Page Event Notification]: Page Event\n\n");
    // AEM's leading spaces are part of the values.
    expect(r.stdout).toContain("\n Time: 2026-03-14 09:26:53\n User: Alison Parker (aparker)\n");
  });

  it("refuses bad data and unknown families with exit code 2, naming the field", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-cli-"));
    fs.writeFileSync(path.join(dir, "nested.json"), '{"time": {"at": 1}}');
    fs.writeFileSync(path.join(dir, "broken.json"), '{"time": ');
    const nested = await herald(["template", "render", "page", "en", "--data", path.join(dir, "nested.json")], { dataDir });
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain("data.time: Must be a string, number, boolean or null.");
    const broken = await herald(["template", "render", "page", "en", "--data", path.join(dir, "broken.json")], { dataDir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json: not valid JSON/);
    const family = await herald(["template", "render", "newsletter", "en"], { dataDir });
    expect(family.code).toBe(2);
    expect(family.stderr).toContain('"newsletter" is not a template family (page, forum, workflow, collection)');
  });
});

describe("herald template lint", () => {
  it("passes the shipped templates", async () => {
    const r = await herald(["template", "lint"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("20 files checked: 0 errors, 0 warnings\n");
  });

  it("prints errors and warnings as file:line:col and exits 1 on errors", async () => {
    const r = await herald(["template", "lint", `${FIX}/broken`]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toContain(
      `${FIX}/broken/page/en.txt:3:12: error malformed-unicode-escape: malformed \\uXXXX escape "\\u00g": \\u must be followed by exactly four hexadecimal digits (0-9, A-F). Java's Properties.load rejects the whole file here; write "\\\\u" for a literal backslash followed by u.`,
    );
    expect(lines).toContain(
      `${FIX}/broken/page/de.txt:1:25: warning unknown-variable: Unknown variable \${userFullname} for page event templates; it is sent as written. Did you mean \${userFullName}?`,
    );
    expect(lines.find((l) => l.startsWith(`${FIX}/broken/page/xx.txt:1:1: error bad-file-name:`))).toContain('"xx" is not a two-letter ISO 639-1 code');
    expect(lines).toContain(`${FIX}/broken/newsletter: warning unknown-family: not a template family (page, forum, workflow, collection); skipped.`);
    expect(lines).toHaveLength(4);
    expect(r.stderr).toBe("2 files checked: 2 errors, 2 warnings\n");
  });

  it("exits 0 when there are only warnings, and lints one file or one family folder", async () => {
    const folder = await herald(["template", "lint", `${FIX}/warnings`]);
    expect(folder.code).toBe(0);
    expect(folder.stdout).toMatch(/^cli\/__fixtures__\/template\/warnings\/forum\/en\.txt:1:17: warning unknown-variable: Unknown variable \$\{forum\.title\}/);
    expect(folder.stderr).toBe("1 file checked: 0 errors, 1 warning\n");

    const file = await herald(["template", "lint", `${FIX}/broken/page/en.txt`]);
    expect(file.code).toBe(1);
    expect(file.stderr).toBe("1 file checked: 1 error, 0 warnings\n");

    const family = await herald(["template", "lint", "templates/workflow"]);
    expect(family.code).toBe(0);
    expect(family.stderr).toBe("5 files checked: 0 errors, 0 warnings\n");
  });

  it("says what is wrong with a folder that holds no templates", async () => {
    const missing = await herald(["template", "lint", "no/such/folder"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no/such/folder: no such file or folder");
    const empty = await herald(["template", "lint", "cli/commands"]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("no template families here");
  });
});
