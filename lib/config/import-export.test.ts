import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineService } from "./define";
import {
  type ConfigFileResult,
  describeProblem,
  describeResets,
  exportAllZip,
  exportCfgJson,
  exportOsgiConfigXml,
  packageFolders,
  parseCfgJson,
  parseConfigFile,
  parseOsgiConfigXml,
  pidFromFileName,
  planImport,
  publicPlan,
  readContentPackage,
  secretPlaceholderName,
} from "./import-export";
import { secretSchema } from "./rules";
import {
  DAM_COLLECTION_PID,
  EMAIL_CHANNEL_PID,
  MAIL_SERVICE_PID,
  OAUTH_PROVIDER_PID,
  OIDC_PROVIDER_PID,
  oidcProvider,
  signInPolicy,
  SERVICES,
  WORKFLOW_EMAIL_PID,
  damCollection,
  alertService,
  ALERTS_PID,
  emailChannel,
  mailService,
  oauthProvider,
  workflowEmail,
} from "./services";

const MAIL_FILE = `${MAIL_SERVICE_PID}.cfg.json`;

function parsed(r: ConfigFileResult) {
  if (!r.ok) throw new Error(`expected the file to parse: ${r.message}`);
  return r;
}

function failed(r: ConfigFileResult) {
  if (r.ok) throw new Error("expected the file to be refused");
  return r;
}

const STORED_MAIL = {
  "smtp.host": "smtp.office365.com",
  "smtp.port": 587,
  "smtp.user": "mailbox@contoso.com",
  "smtp.password": "enc:v1:c2VhbGVkLXZhbHVlLWZvci10ZXN0cy1vbmx5",
  "from.address": "Contoso <mailbox@contoso.com>",
  "smtp.ssl": false,
  "smtp.starttls": true,
  "smtp.requiretls": true,
  "debug.email": false,
  "oauth.flow": false,
};

// ---------------------------------------------------------------------------------------------

describe("file names → PID", () => {
  it("takes the PID from the name, ignoring folders", () => {
    expect(pidFromFileName(`some/dir/${MAIL_FILE}`, "cfg.json")).toEqual({ ok: true, pid: MAIL_SERVICE_PID });
    expect(pidFromFileName(`C:\\x\\${EMAIL_CHANNEL_PID}.xml`, "xml")).toEqual({ ok: true, pid: EMAIL_CHANNEL_PID });
  });

  it("reports factory configurations (~name and the older -name) as unsupported, saying how to fix it", () => {
    const r = failed(parseCfgJson(`${MAIL_SERVICE_PID}~gmail.cfg.json`, "{}"));
    expect(r.kind).toBe("factory");
    expect(r.pid).toBe(MAIL_SERVICE_PID);
    expect(r.message).toContain("is a factory configuration");
    expect(r.message).toContain(`rename the file to ${MAIL_SERVICE_PID}.cfg.json`);
    const old = failed(parseConfigFile(`${MAIL_SERVICE_PID}-gmail.xml`, "<x/>"));
    expect(old.kind).toBe("factory");
    expect(old.message).toContain('older "<pid>-<name>" form');
  });

  it("refuses names that are not a PID", () => {
    const r = failed(parseCfgJson("my settings.cfg.json", "{}"));
    expect(r.kind).toBe("name");
    expect(r.message).toContain("must be <PID>.cfg.json");
    expect(failed(parseConfigFile("settings.json", "{}")).message).toContain("expected <PID>.cfg.json, <PID>.xml or <PID>.config");
  });
});

// ---------------------------------------------------------------------------------------------

describe(".cfg.json", () => {
  it("reads the AEM as a Cloud Service example, typed", () => {
    const text = `{
  "smtp.host": "smtp.office365.com",
  "smtp.port": 587,
  "smtp.starttls": true,
  "oauth.flow": true,
  "smtp.user": "mailbox@contoso.com",
  "from.address": "mailbox@contoso.com"
}`;
    const r = parsed(parseCfgJson(MAIL_FILE, text));
    expect(r.pid).toBe(MAIL_SERVICE_PID);
    expect(r.format).toBe("cfg.json");
    expect(r.values).toEqual({
      "smtp.host": "smtp.office365.com",
      "smtp.port": 587,
      "smtp.starttls": true,
      "oauth.flow": true,
      "smtp.user": "mailbox@contoso.com",
      "from.address": "mailbox@contoso.com",
    });
    expect(r.keyLines["smtp.port"]).toBe(3);
  });

  it("accepts comments, a BOM and bytes", () => {
    const text = '\uFEFF// exported\n{ /* host */ "smtp.host": "h.example.com" }';
    expect(parsed(parseCfgJson(MAIL_FILE, text)).values).toEqual({ "smtp.host": "h.example.com" });
    expect(parsed(parseConfigFile(MAIL_FILE, strToU8('{"smtp.port": 25}'))).values).toEqual({ "smtp.port": 25 });
  });

  it("applies Felix type hints in keys", () => {
    const r = parsed(parseCfgJson(MAIL_FILE, '{"smtp.port:Integer": "587", "smtp.ssl:Boolean": "false", "x:String[]": "a"}'));
    expect(r.values).toEqual({ "smtp.port": 587, "smtp.ssl": false, x: ["a"] });
    const bad = failed(parseCfgJson(MAIL_FILE, '{\n"smtp.port:Integer": "many"}'));
    expect(bad.message).toBe('Line 2: "smtp.port:Integer": "many" is not a Integer.');
    expect(failed(parseCfgJson(MAIL_FILE, '{"a": 1, "a:Integer": 2}')).message).toContain('"a" appears twice');
  });

  it("reports malformed JSON with line and column", () => {
    const r = failed(parseCfgJson(MAIL_FILE, '{\n  "smtp.host": "h",\n  "smtp.port": ,\n}'));
    expect(r).toMatchObject({ kind: "parse", line: 3, column: 16, pid: MAIL_SERVICE_PID });
    expect(r.message).toBe('Line 3, column 16: Expected a value but found ",".');
  });

  it("refuses duplicate keys, a non-object, an empty file and invalid UTF-8", () => {
    expect(failed(parseCfgJson(MAIL_FILE, '{"smtp.host": "a",\n"smtp.host": "b"}')).message).toBe(
      'Line 2, column 1: The key "smtp.host" appears twice (first on line 1).',
    );
    expect(failed(parseCfgJson(MAIL_FILE, '["smtp.host"]'))).toMatchObject({ kind: "format", message: expect.stringMatching(/one JSON object/) });
    expect(failed(parseCfgJson(MAIL_FILE, "")).kind).toBe("parse");
    expect(failed(parseConfigFile(MAIL_FILE, new Uint8Array([0x7b, 0xff, 0x7d]))).message).toBe("The file is not UTF-8 text.");
  });
});

// ---------------------------------------------------------------------------------------------

describe("sling:OsgiConfig XML", () => {
  it("reads the example from AEM's documentation", () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<jcr:root xmlns:sling="http://sling.apache.org/jcr/sling/1.0" xmlns:jcr="http://www.jcp.org/jcr/1.0"
    jcr:primaryType="sling:OsgiConfig" email.from="name@server.com"/>`;
    const r = parsed(parseOsgiConfigXml(`${EMAIL_CHANNEL_PID}.xml`, text));
    expect(r).toMatchObject({ pid: EMAIL_CHANNEL_PID, format: "xml", values: { "email.from": "name@server.com" }, warnings: [] });
  });

  it("reads typed values and arrays, ignoring jcr:* and xmlns attributes", () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<jcr:root xmlns:sling="http://sling.apache.org/jcr/sling/1.0" xmlns:jcr="http://www.jcp.org/jcr/1.0"
    jcr:primaryType="sling:OsgiConfig"
    jcr:mixinTypes="[mix:versionable]"
    authUrl="{String}https://accounts.google.com/o/oauth2/auth"
    scopes="[https://mail.google.com/,https://www.googleapis.com/auth/gmail.send]"
    other="{String}[a\\,b,c]"
    refreshTokenExpiry="{Long}-1"
    ratio="{Double}0.5"
    flag="{Boolean}true"
    untyped="25"/>`;
    const r = parsed(parseOsgiConfigXml(`${OAUTH_PROVIDER_PID}.xml`, text));
    expect(r.values).toEqual({
      authUrl: "https://accounts.google.com/o/oauth2/auth",
      scopes: ["https://mail.google.com/", "https://www.googleapis.com/auth/gmail.send"],
      other: ["a,b", "c"],
      refreshTokenExpiry: -1,
      ratio: 0.5,
      flag: true,
      untyped: "25",
    });
    expect(r.keyLines.scopes).toBe(6);
  });

  it("decodes XML entities and character references", () => {
    const text = `<jcr:root xmlns:jcr="http://www.jcp.org/jcr/1.0" jcr:primaryType="sling:OsgiConfig"
      email.from="&quot;Doe, John&quot; &lt;john@example.com&gt;" x="a&amp;b&#65;&#x42;&apos;"/>`;
    expect(parsed(parseOsgiConfigXml(`${EMAIL_CHANNEL_PID}.xml`, text)).values).toEqual({
      "email.from": '"Doe, John" <john@example.com>',
      x: "a&bAB'",
    });
  });

  it("warns about other namespaced attributes and child nodes", () => {
    const text = `<jcr:root xmlns:jcr="j" xmlns:sling="s" jcr:primaryType="sling:OsgiConfig" sling:resourceType="x" send.email="{Boolean}true"><child jcr:primaryType="nt:unstructured"/></jcr:root>`;
    const r = parsed(parseOsgiConfigXml(`${DAM_COLLECTION_PID}.xml`, text));
    expect(r.values).toEqual({ "send.email": true });
    expect(r.warnings).toEqual([
      "Child nodes of the configuration node are ignored.",
      "The attribute sling:resourceType is node metadata and is ignored.",
    ]);
  });

  it("reports malformed XML with its line", () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<jcr:root xmlns:jcr="j"\n    jcr:primaryType="sling:OsgiConfig" email.from=name@server.com/>`;
    const r = failed(parseOsgiConfigXml(`${EMAIL_CHANNEL_PID}.xml`, text));
    expect(r.kind).toBe("parse");
    expect(r.line).toBe(3);
    expect(r.message).toMatch(/^Line 3, column \d+: The XML is not well-formed: /);

    const unclosed = failed(parseOsgiConfigXml(`${EMAIL_CHANNEL_PID}.xml`, `<jcr:root jcr:primaryType="sling:OsgiConfig">\n<a>\n</jcr:root>`));
    expect(unclosed.message).toMatch(/not well-formed.*closing tag/);
    expect(unclosed.line).toBe(3);
  });

  it("refuses what is not a single sling:OsgiConfig node", () => {
    const f = `${EMAIL_CHANNEL_PID}.xml`;
    expect(failed(parseOsgiConfigXml(f, `<jcr:root xmlns:jcr="j" jcr:primaryType="nt:unstructured"/>`))).toMatchObject({
      kind: "format",
      message: 'The node is not an OSGi configuration: its jcr:primaryType is "nt:unstructured", not "sling:OsgiConfig".',
    });
    expect(failed(parseOsgiConfigXml(f, `<jcr:root xmlns:jcr="j" email.from="a@b.co"/>`)).message).toMatch(/has no jcr:primaryType/);
    expect(failed(parseOsgiConfigXml(f, `<config email.from="a@b.co"/>`)).message).toMatch(/must be <jcr:root/);
    expect(failed(parseOsgiConfigXml(f, `<jcr:root jcr:primaryType="sling:OsgiConfig"/><jcr:root jcr:primaryType="sling:OsgiConfig"/>`)).message).toMatch(
      /more than one top-level element/,
    );
    expect(failed(parseOsgiConfigXml(f, "   ")).message).toBe("The file is empty.");
    expect(failed(parseOsgiConfigXml(f, "not xml")).message).toMatch(/not well-formed/);
  });

  it("refuses DOCTYPEs (entity expansion), bare ampersands and unknown entities", () => {
    const f = `${EMAIL_CHANNEL_PID}.xml`;
    const dt = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<jcr:root jcr:primaryType="sling:OsgiConfig" email.from="&a;"/>`;
    expect(failed(parseOsgiConfigXml(f, dt))).toMatchObject({ line: 2, message: expect.stringMatching(/DOCTYPE declarations are not allowed/) });
    expect(failed(parseOsgiConfigXml(f, `<jcr:root jcr:primaryType="sling:OsgiConfig" email.from="a&b"/>`)).message).toMatch(/bare "&"/);
    expect(failed(parseOsgiConfigXml(f, `<jcr:root jcr:primaryType="sling:OsgiConfig" email.from="a&nbsp;b"/>`)).message).toMatch(
      /"&nbsp;", which XML does not define/,
    );
    expect(failed(parseOsgiConfigXml(f, `<jcr:root jcr:primaryType="sling:OsgiConfig" email.from="a<b"/>`)).kind).toBe("parse");
  });

  it("reports bad typed values with the attribute and line", () => {
    const text = `<jcr:root jcr:primaryType="sling:OsgiConfig"\n  smtp.port="{Long}twenty-five"/>`;
    const r = failed(parseOsgiConfigXml(`${MAIL_SERVICE_PID}.xml`, text));
    expect(r.message).toBe('Line 2: The value of smtp.port cannot be read: "twenty-five" is not a whole number ({Long}).');
    const list = failed(parseOsgiConfigXml(`${OAUTH_PROVIDER_PID}.xml`, `<jcr:root jcr:primaryType="sling:OsgiConfig" scopes="[a,b"/>`));
    expect(list.message).toMatch(/scopes cannot be read: its list "\[…" is not closed/);
  });
});

describe("Felix .config files", () => {
  it("are read through parseConfigFile", () => {
    const r = parsed(parseConfigFile(`${MAIL_SERVICE_PID}.config`, 'smtp.host="h.example.com"\nsmtp.port=I"465"\nsmtp.ssl=B"true"'));
    expect(r).toMatchObject({ format: "config", values: { "smtp.host": "h.example.com", "smtp.port": 465, "smtp.ssl": true } });
    expect(failed(parseConfigFile(`${MAIL_SERVICE_PID}.config`, "smtp.port=465"))).toMatchObject({ kind: "parse", line: 1 });
  });
});

// ---------------------------------------------------------------------------------------------

function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

const OSGI_XML = (attrs: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<jcr:root xmlns:sling="http://sling.apache.org/jcr/sling/1.0" xmlns:jcr="http://www.jcp.org/jcr/1.0"\n    jcr:primaryType="sling:OsgiConfig" ${attrs}/>\n`;

describe("content packages (.zip)", () => {
  const pkg = zipOf({
    "META-INF/vault/filter.xml": '<workspaceFilter version="1.0"><filter root="/apps/acme/config"/></workspaceFilter>',
    "META-INF/vault/properties.xml": "<properties/>",
    "jcr_root/apps/acme/.content.xml": "<jcr:root/>",
    "jcr_root/apps/acme/config/.content.xml": '<jcr:root jcr:primaryType="sling:Folder"/>',
    [`jcr_root/apps/acme/config/${EMAIL_CHANNEL_PID}.xml`]: OSGI_XML('email.from="Acme &lt;web@acme.com&gt;"'),
    [`jcr_root/apps/acme/config.author/${MAIL_SERVICE_PID}.cfg.json`]: JSON.stringify({ "smtp.host": "author-smtp.acme.com", "from.address": "a@acme.com" }),
    [`jcr_root/apps/acme/config/${MAIL_SERVICE_PID}.cfg.json`]: JSON.stringify({ "smtp.host": "smtp.acme.com", "from.address": "a@acme.com" }),
    [`jcr_root/apps/acme/osgiconfig/config.publish.prod/${DAM_COLLECTION_PID}.config`]: 'send.email=B"true"',
    [`jcr_root/apps/acme/config/${WORKFLOW_EMAIL_PID}/.content.xml`]: OSGI_XML('host.prefix="https://author.acme.com"'),
    "jcr_root/apps/acme/config/readme.txt": "hello",
    [`jcr_root/apps/acme/config/${OAUTH_PROVIDER_PID}.cfg`]: "clientId=x",
    [`jcr_root/apps/acme/components/${DAM_COLLECTION_PID}.cfg.json`]: "{}",
    "jcr_root/content/acme/en/.content.xml": "<jcr:root/>",
  });

  it("picks the configuration files under jcr_root/apps/*/config*/ and says which folder each came from", async () => {
    const r = await readContentPackage(pkg);
    if (!r.ok) throw new Error(r.error);
    const files = r.files.map((f) => ({ file: f.file, ok: f.ok, pid: f.ok ? f.pid : undefined, folder: f.folder, runModes: f.runModes }));
    expect(files).toEqual([
      {
        file: `jcr_root/apps/acme/config.author/${MAIL_SERVICE_PID}.cfg.json`,
        ok: true,
        pid: MAIL_SERVICE_PID,
        folder: "config.author",
        runModes: ["author"],
      },
      { file: `jcr_root/apps/acme/config/${MAIL_SERVICE_PID}.cfg.json`, ok: true, pid: MAIL_SERVICE_PID, folder: "config", runModes: [] },
      { file: `jcr_root/apps/acme/config/${EMAIL_CHANNEL_PID}.xml`, ok: true, pid: EMAIL_CHANNEL_PID, folder: "config", runModes: [] },
      { file: `jcr_root/apps/acme/config/${WORKFLOW_EMAIL_PID}/.content.xml`, ok: true, pid: WORKFLOW_EMAIL_PID, folder: "config", runModes: [] },
      {
        file: `jcr_root/apps/acme/osgiconfig/config.publish.prod/${DAM_COLLECTION_PID}.config`,
        ok: true,
        pid: DAM_COLLECTION_PID,
        folder: "config.publish.prod",
        runModes: ["publish", "prod"],
      },
    ]);
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        { path: "jcr_root/apps/acme/config/readme.txt", reason: "Not a configuration file (expected .cfg.json, .xml or .config)." },
        { path: `jcr_root/apps/acme/config/${OAUTH_PROVIDER_PID}.cfg`, reason: expect.stringMatching(/\.cfg files are not supported/) },
        { path: `jcr_root/apps/acme/components/${DAM_COLLECTION_PID}.cfg.json`, reason: expect.stringMatching(/Not in a config folder/) },
      ]),
    );
    expect(r.skipped).toHaveLength(3);
    expect(packageFolders(r.files)).toEqual(["config", "config.author", "config.publish.prod"]);
  });

  it("plans with run modes: the most specific folder wins, others are listed as ignored", async () => {
    const r = await readContentPackage(pkg);
    if (!r.ok) throw new Error(r.error);
    const plan = planImport(r.files, {}, { runModes: ["author"] });
    expect(plan.problems).toEqual([]);
    expect(plan.applicable).toBe(true);
    const mail = plan.services.find((s) => s.pid === MAIL_SERVICE_PID)!;
    expect(mail.folder).toBe("config.author");
    expect(mail.values?.["smtp.host"]).toBe("author-smtp.acme.com");
    expect(plan.services.map((s) => s.pid).sort()).toEqual([EMAIL_CHANNEL_PID, MAIL_SERVICE_PID, WORKFLOW_EMAIL_PID].sort());
    expect(plan.ignored.map((i) => i.file)).toEqual(
      expect.arrayContaining([
        `jcr_root/apps/acme/config/${MAIL_SERVICE_PID}.cfg.json`,
        `jcr_root/apps/acme/osgiconfig/config.publish.prod/${DAM_COLLECTION_PID}.config`,
      ]),
    );

    const publish = planImport(r.files, {}, { runModes: ["publish", "prod"] });
    expect(publish.applicable).toBe(true);
    expect(publish.services.find((s) => s.pid === MAIL_SERVICE_PID)?.values?.["smtp.host"]).toBe("smtp.acme.com");
    expect(publish.services.find((s) => s.pid === DAM_COLLECTION_PID)?.values).toEqual({ "send.email": true });
  });

  it("without run modes, a service configured in two folders is a conflict", async () => {
    const r = await readContentPackage(pkg);
    if (!r.ok) throw new Error(r.error);
    const plan = planImport(r.files, {});
    expect(plan.applicable).toBe(false);
    expect(plan.problems).toEqual([
      {
        kind: "conflict",
        pid: MAIL_SERVICE_PID,
        message: expect.stringMatching(/is configured in 2 files \(config\.author\/.*, config\/.*\)\. Choose the run mode to import/),
      },
    ]);
  });

  it("refuses what is not a zip, or a damaged one", async () => {
    expect(await readContentPackage(strToU8("just text"))).toEqual({ ok: false, error: "The file is not a zip archive (a content package is a .zip file)." });
    const broken = pkg.slice(0, pkg.length - 30);
    const r = await readContentPackage(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/cannot be read/);
  });

  it("reports file errors inside the package with the path", async () => {
    const bad = zipOf({ [`jcr_root/apps/x/config/${MAIL_SERVICE_PID}.cfg.json`]: '{"smtp.host": }' });
    const r = await readContentPackage(bad);
    if (!r.ok) throw new Error(r.error);
    const plan = planImport(r.files, {});
    expect(plan.applicable).toBe(false);
    expect(plan.problems[0]).toMatchObject({ kind: "parse", file: `jcr_root/apps/x/config/${MAIL_SERVICE_PID}.cfg.json`, line: 1 });
  });
});

// ---------------------------------------------------------------------------------------------

describe("planImport", () => {
  const file = (pid: string, values: object) => parseCfgJson(`${pid}.cfg.json`, JSON.stringify(values, null, 2));

  it("lists field-by-field changes against the stored values and is applicable when all is valid", () => {
    const plan = planImport([file(MAIL_SERVICE_PID, { ...STORED_MAIL, "smtp.password": undefined, "smtp.port": 25, "smtp.starttls": false, "smtp.requiretls": false })], {
      [MAIL_SERVICE_PID]: STORED_MAIL,
    });
    expect(plan.applicable).toBe(true);
    expect(plan.problems).toEqual([]);
    const s = plan.services[0];
    expect(s).toMatchObject({ pid: MAIL_SERVICE_PID, name: "Day CQ Mail Service", format: "cfg.json", isNew: false });
    expect(s!.changes).toEqual([
      { key: "smtp.port", label: "SMTP server port", kind: "changed", old: 587, new: 25 },
      { key: "smtp.starttls", label: "Use StartTLS", kind: "changed", old: true, new: false },
      { key: "smtp.requiretls", label: "Require StartTLS", kind: "changed", old: true, new: false },
    ]);
    expect(s!.notes).toEqual(["SMTP password: not in the file, the stored secret is kept."]);
    expect(s!.values?.["smtp.password"]).toBe(STORED_MAIL["smtp.password"]);
  });

  it("replaces the whole configuration: fields missing from the file go back to their defaults", () => {
    const plan = planImport([file(MAIL_SERVICE_PID, { "smtp.host": "smtp.office365.com", "from.address": "mailbox@contoso.com" })], {
      [MAIL_SERVICE_PID]: STORED_MAIL,
    });
    expect(plan.services[0]!.changes.map((c) => [c.key, c.new])).toEqual([
      ["smtp.port", 25],
      ["smtp.user", ""],
      ["from.address", "mailbox@contoso.com"],
      ["smtp.starttls", false],
      ["smtp.requiretls", false],
    ]);
    // The preview says so, naming the keys (not the ones already at their default, nor secrets, which are kept).
    expect(plan.services[0]!.resetToDefaults).toEqual(["smtp.port", "smtp.user", "smtp.starttls", "smtp.requiretls"]);
    expect(describeResets(plan.services[0]!.resetToDefaults)).toBe(
      "4 keys not in the file go back to their defaults: smtp.port, smtp.user, smtp.starttls, smtp.requiretls.",
    );
    expect(describeResets(["smtp.user"])).toBe("1 key not in the file goes back to its default: smtp.user.");
    expect(describeResets([])).toBeNull();
    // A key written in the file is not reset, even when the file sets it to its default value.
    const explicit = planImport([file(MAIL_SERVICE_PID, { ...STORED_MAIL, "smtp.user": "", "smtp.password": undefined })], {
      [MAIL_SERVICE_PID]: STORED_MAIL,
    });
    expect(explicit.services[0]!.resetToDefaults).toEqual([]);
    expect(publicPlan(explicit).services[0]!.resetToDefaults).toEqual([]);
  });

  it('"merge" keeps fields the file does not mention', () => {
    const plan = planImport([file(MAIL_SERVICE_PID, { "smtp.port": 465, "smtp.ssl": true, "smtp.starttls": false, "smtp.requiretls": false })], {
      [MAIL_SERVICE_PID]: STORED_MAIL,
    }, { mode: "merge" });
    expect(plan.services[0]!.resetToDefaults).toEqual([]);
    expect(plan.applicable).toBe(true);
    expect(plan.services[0]!.values).toMatchObject({ "smtp.host": "smtp.office365.com", "smtp.port": 465, "smtp.ssl": true });
  });

  it("compares a service that was never saved with its defaults", () => {
    const plan = planImport([file(EMAIL_CHANNEL_PID, { "email.from": "web@acme.com" })], {});
    expect(plan.services[0]).toMatchObject({
      isNew: true,
      changes: [{ key: "email.from", kind: "changed", old: "no-reply@acme.com", new: "web@acme.com" }],
      values: { "email.from": "web@acme.com" },
    });
  });

  it("reports unknown PIDs", () => {
    const plan = planImport([file("com.example.Unknown", { a: 1 })], {});
    expect(plan.applicable).toBe(false);
    expect(plan.problems).toEqual([
      {
        kind: "unknown-pid",
        file: "com.example.Unknown.cfg.json",
        pid: "com.example.Unknown",
        message: expect.stringMatching(/^com\.example\.Unknown is not a service Herald manages \(it manages: Day CQ Mail Service, /),
      },
    ]);
  });

  it("reports unknown keys with their line and a suggestion", () => {
    const plan = planImport([file(MAIL_SERVICE_PID, { ...STORED_MAIL, "smtp.hots": "x" })], {});
    expect(plan.applicable).toBe(false);
    expect(plan.problems).toEqual([
      {
        kind: "unknown-key",
        file: MAIL_FILE,
        pid: MAIL_SERVICE_PID,
        key: "smtp.hots",
        line: 12,
        message: '"smtp.hots" is not a setting of Day CQ Mail Service. Did you mean "smtp.host"?',
      },
    ]);
    expect(plan.services[0]!.values).toBeUndefined();
  });

  it("reports invalid values with the reason and line", () => {
    const plan = planImport([file(MAIL_SERVICE_PID, { ...STORED_MAIL, "smtp.port": 24, "smtp.ssl": true })], {});
    expect(plan.applicable).toBe(false);
    expect(plan.problems.map((p) => [p.kind, p.key, p.line, p.message])).toEqual([
      ["invalid-value", "smtp.port", 3, "SMTP server port must be between 25 and 65535."],
      ["invalid-value", "smtp.starttls", 8, expect.stringMatching(/Use SSL and Use StartTLS cannot both be on/)],
    ]);
    expect(describeProblem(plan.problems[0]!)).toBe(`${MAIL_FILE}, line 3 (smtp.port): SMTP server port must be between 25 and 65535.`);
  });

  it("coerces numbers and booleans written as text (untyped XML attributes)", () => {
    const xml = parseOsgiConfigXml(
      `${MAIL_SERVICE_PID}.xml`,
      OSGI_XML('smtp.host="h.example.com" smtp.port="587" smtp.starttls="true" from.address="a@b.co"'),
    );
    const plan = planImport([xml], {});
    expect(plan.applicable).toBe(true);
    expect(plan.services[0]!.values).toMatchObject({ "smtp.port": 587, "smtp.starttls": true });

    const bad = planImport([parseOsgiConfigXml(`${MAIL_SERVICE_PID}.xml`, OSGI_XML('smtp.host="h.example.com" smtp.port="lots" from.address="a@b.co"'))], {});
    expect(bad.problems.map((p) => p.message)).toEqual(["SMTP server port must be a number."]);
  });

  it("catches header injection hidden in an XML character reference", () => {
    const xml = parseOsgiConfigXml(`${EMAIL_CHANNEL_PID}.xml`, OSGI_XML('email.from="a@b.co&#13;&#10;Bcc: victim@example.com"'));
    const plan = planImport([xml], {});
    expect(plan.applicable).toBe(false);
    expect(plan.problems[0]!.message).toBe("Sender address must not contain line breaks (it is written into a mail header).");
  });

  it("checks rules between services on the result of the import", () => {
    const mailOn = file(MAIL_SERVICE_PID, { ...STORED_MAIL, "smtp.password": "", "oauth.flow": true });
    const alone = planImport([mailOn], {});
    expect(alone.applicable).toBe(false);
    expect(alone.problems).toEqual([
      {
        kind: "cross-service",
        file: MAIL_FILE,
        pid: OAUTH_PROVIDER_PID,
        key: "authUrl",
        message:
          "OAuth flow is on in Day CQ Mail Service, but CQ Mail SMTP OAuth2 Provider is incomplete. Missing: Authorization URL, Token URL, Client ID and at least one scope.",
      },
    ]);
    expect(alone.services[0]!.values).toBeUndefined();

    const provider = file(OAUTH_PROVIDER_PID, {
      authUrl: "https://accounts.google.com/o/oauth2/auth",
      tokenUrl: "https://accounts.google.com/o/oauth2/token",
      scopes: ["https://mail.google.com/"],
      clientId: "id",
    });
    expect(planImport([mailOn, provider], {}).applicable).toBe(true);

    // Already stored provider counts too.
    const stored = { [OAUTH_PROVIDER_PID]: { authUrl: "https://a.example.com", tokenUrl: "https://t.example.com", clientId: "c", scopes: ["s"] } };
    expect(planImport([mailOn], stored).applicable).toBe(true);

    // Importing an incomplete provider while the stored Mail Service has the OAuth flow on.
    const broken = planImport([file(OAUTH_PROVIDER_PID, { clientId: "" })], { [MAIL_SERVICE_PID]: { ...STORED_MAIL, "oauth.flow": true } });
    expect(broken.applicable).toBe(false);
    expect(broken.problems[0]).toMatchObject({ kind: "cross-service", pid: OAUTH_PROVIDER_PID });
  });

  it("handles secrets: kept on Herald's own export placeholder, noted when in clear text, set from a new placeholder", () => {
    const ownExport = planImport([file(MAIL_SERVICE_PID, { ...STORED_MAIL, "smtp.password": "$[secret:HERALD_SMTP_PASSWORD]" })], {
      [MAIL_SERVICE_PID]: STORED_MAIL,
    });
    expect(ownExport.services[0]!.changes).toEqual([]);
    expect(ownExport.services[0]!.values?.["smtp.password"]).toBe(STORED_MAIL["smtp.password"]);
    expect(ownExport.services[0]!.notes[0]).toMatch(/is how Herald exports this secret; the stored secret is kept/);

    const clear = planImport([file(MAIL_SERVICE_PID, { ...STORED_MAIL, "smtp.password": "plain-pw" })], { [MAIL_SERVICE_PID]: STORED_MAIL });
    expect(clear.applicable).toBe(true);
    expect(clear.services[0]!.changes).toEqual([{ key: "smtp.password", label: "SMTP password", kind: "changed", secret: "changed" }]);
    expect(clear.services[0]!.notes[0]).toMatch(/holds the secret in clear text; it will be stored encrypted/);
    expect(JSON.stringify(publicPlan(clear))).not.toContain("plain-pw");
    expect(clear.services[0]!.values?.["smtp.password"]).toBe("plain-pw");

    const fresh = planImport([file(MAIL_SERVICE_PID, { ...STORED_MAIL, "smtp.password": "$[secret:SMTP_PW]" })], {});
    expect(fresh.services[0]!.changes.find((c) => c.key === "smtp.password")).toMatchObject({ secret: "set", newPlaceholder: "$[secret:SMTP_PW]" });
  });

  it("turns file errors into problems and says when there is nothing to import", () => {
    const plan = planImport([parseCfgJson(`${MAIL_SERVICE_PID}~x.cfg.json`, "{}")], {});
    expect(plan.problems).toEqual([expect.objectContaining({ kind: "factory", pid: MAIL_SERVICE_PID })]);
    expect(planImport([], {})).toEqual({
      applicable: false,
      services: [],
      problems: [{ kind: "empty", message: expect.stringMatching(/^No configuration files were found/) }],
      ignored: [],
    });
  });

  it("publicPlan removes the values to store", () => {
    const plan = planImport([file(DAM_COLLECTION_PID, { "send.email": true })], {});
    expect(plan.services[0]!.values).toEqual({ "send.email": true });
    expect(publicPlan(plan).services[0]).not.toHaveProperty("values");
    expect(plan.services[0]!.values).toEqual({ "send.email": true });
  });
});

// ---------------------------------------------------------------------------------------------

describe("export", () => {
  it("derives stable placeholder names for secrets", () => {
    expect(secretPlaceholderName(mailService, "smtp.password")).toBe("HERALD_SMTP_PASSWORD");
    expect(secretPlaceholderName(oauthProvider, "clientSecret")).toBe("HERALD_OAUTH_CLIENT_SECRET");
    expect(secretPlaceholderName(oauthProvider, "refreshToken")).toBe("HERALD_OAUTH_REFRESH_TOKEN");
    const custom = defineService({
      pid: "com.example.mail.SmtpRelayImpl",
      name: "Relay",
      description: "test service",
      schema: z.strictObject({ "relay.apiKey": secretSchema("API key") }),
      fields: [{ key: "relay.apiKey", label: "API key", type: "secret", default: "", help: "h" }],
    });
    expect(secretPlaceholderName(custom, "relay.apiKey")).toBe("HERALD_SMTP_RELAY_RELAY_API_KEY");
    expect(secretPlaceholderName({ ...custom, envPrefix: "RELAY" }, "relay.apiKey")).toBe("HERALD_RELAY_RELAY_API_KEY");
  });

  it("exportCfgJson: all fields in order, secrets as placeholders, pretty with a final newline", () => {
    const text = exportCfgJson(mailService, STORED_MAIL);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "smtp.port": 587,\n');
    const obj = JSON.parse(text);
    expect(Object.keys(obj)).toEqual(mailService.fields.map((f) => f.key));
    expect(obj["smtp.password"]).toBe("$[secret:HERALD_SMTP_PASSWORD]");
    expect(text).not.toContain("enc:v1");
  });

  it("never writes a secret in clear: clear text, sealed and placeholder-with-default are all replaced", () => {
    const text = exportCfgJson(oauthProvider, {
      clientSecret: "super-secret-value",
      refreshToken: "$[secret:MY_REFRESH;default=leaked-token]",
      clientId: "id",
    });
    expect(text).not.toContain("super-secret-value");
    expect(text).not.toContain("leaked-token");
    const obj = JSON.parse(text);
    expect(obj.clientSecret).toBe("$[secret:HERALD_OAUTH_CLIENT_SECRET]");
    expect(obj.refreshToken).toBe("$[secret:MY_REFRESH]");
    expect(JSON.parse(exportCfgJson(oauthProvider, { clientSecret: "$[env:CS]" })).clientSecret).toBe("$[env:CS]");
    expect(JSON.parse(exportCfgJson(oauthProvider, {})).clientSecret).toBe("");
  });

  it("round-trips: an exported file imported back changes nothing", () => {
    const plan = planImport([parseCfgJson(MAIL_FILE, exportCfgJson(mailService, STORED_MAIL))], { [MAIL_SERVICE_PID]: STORED_MAIL });
    expect(plan.applicable).toBe(true);
    expect(plan.services[0]!.changes).toEqual([]);
  });

  it("exportOsgiConfigXml writes typed DocView that reads back to the same values", () => {
    const oauth = {
      authUrl: "https://login.microsoftonline.com/t/oauth2/v2.0/authorize?x=1&y=2",
      tokenUrl: "https://login.microsoftonline.com/t/oauth2/v2.0/token",
      scopes: ["openid", "offline_access", "odd,scope"],
      clientId: "{braced}",
      clientSecret: "",
      refreshUrl: "",
      refreshToken: "",
      refreshTokenExpiry: -1,
      authCodeRedirectUrl: "http://localhost:4503/services/mailer/oauth2/token",
    };
    const xml = exportOsgiConfigXml(oauthProvider, oauth);
    expect(xml).toContain('jcr:primaryType="sling:OsgiConfig"');
    expect(xml).toContain('refreshTokenExpiry="{Long}-1"');
    expect(xml).toContain('scopes="[openid,offline_access,odd\\,scope]"');
    expect(xml).toContain("&amp;y=2");
    expect(parsed(parseOsgiConfigXml(`${OAUTH_PROVIDER_PID}.xml`, xml)).values).toEqual(oauth);

    const mailXml = exportOsgiConfigXml(mailService, { ...STORED_MAIL, "from.address": '"Doe, John" <j@x.com>' });
    expect(mailXml).not.toContain("enc:v1");
    const back = parsed(parseOsgiConfigXml(`${MAIL_SERVICE_PID}.xml`, mailXml)).values;
    expect(back).toEqual({ ...STORED_MAIL, "from.address": '"Doe, John" <j@x.com>', "smtp.password": "$[secret:HERALD_SMTP_PASSWORD]" });
  });

  const ALL = [
    { def: mailService, values: STORED_MAIL },
    { def: oauthProvider, values: { clientId: "id", clientSecret: "enc:v1:AAAAsecretAAAA", refreshToken: "raw-refresh-token" } },
    { def: emailChannel, values: { "email.from": "web@acme.com" } },
    { def: workflowEmail, values: undefined },
    { def: damCollection, values: { "send.email": true } },
    { def: alertService, values: { "webhook.urls": "https://hooks.example.test/raw-webhook-secret", "email.recipients": ["ops@acme.com"] } },
    { def: oidcProvider, values: { enabled: true, issuer: "https://idp.example.com", clientId: "herald", clientSecret: "enc:v1:BBBBoidcBBBB", adminValues: ["herald-admins"] } },
    { def: signInPolicy, values: { "local.passwords": false } },
  ];

  it("exportAllZip (flat): one <pid>.cfg.json per service, no secret in clear", () => {
    const zip = exportAllZip(ALL, { mtime: new Date("2024-01-02T03:04:05Z") });
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(SERVICES.map((s) => `${s.pid}.cfg.json`));
    const all = Object.values(files).map((b) => new TextDecoder().decode(b)).join("\n");
    expect(all).not.toMatch(/enc:v1|secretAAAA|raw-refresh-token|raw-webhook-secret|oidcBBBB/);
    expect(JSON.parse(new TextDecoder().decode(files[`${ALERTS_PID}.cfg.json`]))["webhook.urls"]).toBe("$[secret:HERALD_ALERTS_WEBHOOK_URLS]");
    expect(JSON.parse(new TextDecoder().decode(files[`${OIDC_PROVIDER_PID}.cfg.json`])).clientSecret).toBe("$[secret:HERALD_OIDC_CLIENT_SECRET]");
    expect(JSON.parse(new TextDecoder().decode(files[`${OAUTH_PROVIDER_PID}.cfg.json`])).refreshToken).toBe("$[secret:HERALD_OAUTH_REFRESH_TOKEN]");
    // The same input gives the same bytes when the time is fixed.
    expect(exportAllZip(ALL, { mtime: new Date("2024-01-02T03:04:05Z") })).toEqual(zip);
  });

  it("exportAllZip (package): an installable FileVault layout that Herald reads back without changes", async () => {
    const zip = exportAllZip(ALL, { layout: "package", appName: "acme", format: "xml", version: "2.1.0" });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(
      [
        "META-INF/vault/filter.xml",
        "META-INF/vault/properties.xml",
        "jcr_root/apps/acme/.content.xml",
        "jcr_root/apps/acme/config/.content.xml",
        ...SERVICES.map((s) => `jcr_root/apps/acme/config/${s.pid}.xml`),
      ].sort(),
    );
    // One root per configuration: a root of /apps/acme/config would delete the app's other configurations on install.
    const filter = new TextDecoder().decode(files["META-INF/vault/filter.xml"]);
    expect(filter).not.toContain('<filter root="/apps/acme/config"/>');
    for (const s of SERVICES) expect(filter).toContain(`<filter root="/apps/acme/config/${s.pid}"/>`);
    expect(new TextDecoder().decode(files["jcr_root/apps/acme/config/.content.xml"])).toContain('jcr:primaryType="sling:Folder"');
    // Types as AEM writes them.
    const mailXml = new TextDecoder().decode(files[`jcr_root/apps/acme/config/${MAIL_SERVICE_PID}.xml`]);
    expect(mailXml).toMatch(/smtp\.port="\{Long\}\d+"/);
    expect(mailXml).toMatch(/smtp\.ssl="\{Boolean\}(true|false)"/);
    expect(mailXml).toContain('smtp.password="$[secret:HERALD_SMTP_PASSWORD]"');
    // The package layout writes sling:OsgiConfig XML unless told otherwise.
    expect(Object.keys(unzipSync(exportAllZip(ALL, { layout: "package" }))).filter((n) => n.endsWith(".cfg.json"))).toEqual([]);
    expect(new TextDecoder().decode(files["META-INF/vault/properties.xml"])).toContain('<entry key="version">2.1.0</entry>');

    const read = await readContentPackage(zip);
    if (!read.ok) throw new Error(read.error);
    expect(read.files.every((f) => f.ok && f.folder === "config")).toBe(true);
    const current = Object.fromEntries(ALL.map((e) => [e.def.pid, e.values ?? undefined]));
    const plan = planImport(read.files, current);
    expect(plan.problems).toEqual([]);
    expect(plan.applicable).toBe(true);
    for (const s of plan.services) {
      const stored = current[s.pid];
      // A never-saved service is created with its defaults; saved ones do not change at all.
      if (stored) expect(s.changes, s.pid).toEqual([]);
    }
  });

  it("exportAllZip refuses a bad app name and duplicate services", () => {
    expect(() => exportAllZip(ALL, { layout: "package", appName: "../etc" })).toThrow(/cannot be used as an app folder/);
    expect(() => exportAllZip([ALL[0]!, ALL[0]!])).toThrow(/listed twice/);
  });

  it("a flat export zip can be imported too", async () => {
    const read = await readContentPackage(exportAllZip(ALL));
    if (!read.ok) throw new Error(read.error);
    expect(read.files).toHaveLength(SERVICES.length);
    expect(read.files.every((f) => f.ok && f.folder === undefined)).toBe(true);
  });
});
