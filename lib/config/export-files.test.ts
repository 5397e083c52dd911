// The export files on a real database: parameters checked with the parameter named, only the
// configured services in a zip, and each file read back by Herald's own import without a change.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { unzipSync } from "fflate";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { AppError } from "@/lib/errors";
import { saveServiceConfig } from "./store";
import { buildExport } from "./export-files";
import { planUpload } from "./import-apply";

const DAM = "com.day.cq.dam.core.impl.servlet.ResourceCollectionServlet";
const MAIL = "com.day.cq.mailer.DefaultMailService";

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe("buildExport", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("names the bad parameter", async () => {
    expect((await refused(buildExport({ pid: MAIL, format: "yaml" }))).fields).toEqual({ format: ["Must be one of cfg.json, xml."] });
    expect((await refused(buildExport({ layout: "tar" }))).fields).toHaveProperty("layout");
    expect((await refused(buildExport({ layout: "package", app: "../etc" }))).fields).toHaveProperty("app");
    expect((await refused(buildExport({ app: "acme" }))).fields).toHaveProperty("app");
    expect((await refused(buildExport({ pid: "com.example.Nope" }))).code).toBe("not_found");
    expect((await refused(buildExport({}))).code).toBe("conflict"); // nothing configured yet
  });

  it("exports the configured services only, and each export imports back unchanged", async () => {
    await saveServiceConfig(DAM, { "send.email": true }, { actor: "test" });
    await saveServiceConfig(
      MAIL,
      { "smtp.host": "smtp.example.com", "smtp.port": 587, "smtp.user": "relay", "smtp.password": "pw-in-clear", "from.address": "a@example.com", "smtp.starttls": true },
      { actor: "test" },
    );
    const pkg = await buildExport({ layout: "package", app: "acme" });
    expect(pkg).toMatchObject({ filename: "acme-mail-config.zip", services: 2, contentType: "application/zip" });
    const names = Object.keys(unzipSync(pkg.body as Uint8Array)).filter((n) => n.startsWith("jcr_root/") && !n.endsWith(".content.xml"));
    expect(names.sort()).toEqual([`jcr_root/apps/acme/config/${DAM}.xml`, `jcr_root/apps/acme/config/${MAIL}.xml`]);

    const xml = await buildExport({ pid: MAIL, format: "xml" });
    expect(xml.filename).toBe(`${MAIL}.xml`);
    expect(xml.body).toContain('smtp.port="{Long}587"');
    expect(xml.body).toContain('smtp.starttls="{Boolean}true"');
    expect(xml.body).not.toContain("pw-in-clear");

    for (const [name, body] of [
      [pkg.filename, pkg.body],
      [xml.filename, xml.body],
      [`${DAM}.cfg.json`, (await buildExport({ pid: DAM })).body],
      ["flat.zip", (await buildExport({})).body],
    ] as const) {
      const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
      const { plan } = await planUpload(name, bytes);
      expect({ name, problems: plan.problems }).toEqual({ name, problems: [] });
      for (const s of plan.services) expect({ name, pid: s.pid, changes: s.changes }).toEqual({ name, pid: s.pid, changes: [] });
    }
  });
});
