import { describe, it, expect } from "vitest";
import {
  FAMILIES,
  FAMILY_IDS,
  getFamily,
  getVariable,
  isFamilyId,
  isKnownVariable,
  requireFamily,
  sampleData,
  TEMPLATE_KEYS,
  variableNames,
} from "./catalog";

// SPEC.md §3, in the order the spec lists them.
const SPEC = {
  page: {
    aemLocation: "/libs/settings/notification-templates/com.day.cq.wcm.core.page",
    variables: ["time", "userFullName", "userId", "modifications"],
  },
  forum: {
    aemLocation: "/etc/notification/email/default/com.day.cq.collab.forum",
    variables: ["time", "forum.path", "host.prefix"],
  },
  workflow: {
    aemLocation: "/libs/settings/workflow/notification/email/default",
    variables: [
      "event.EventType", "event.TimeStamp", "event.User", "initiator.home", "initiator.name", "initiator.email",
      "item.id", "item.node.id", "item.node.title", "participant.email", "participant.name",
      "participant.familyName", "participant.id", "participant.language", "instance.id", "instance.state",
      "model.title", "model.id", "model.version", "payload.data", "payload.type", "payload.path",
      "payload.path.open", "host.prefix",
    ],
  },
} as const;

describe("catalog", () => {
  it("has the four families in order, each requiring subject, header, message, footer", () => {
    expect(FAMILIES.map((f) => f.id)).toEqual(["page", "forum", "workflow", "collection"]);
    expect([...FAMILY_IDS]).toEqual(["page", "forum", "workflow", "collection"]);
    for (const f of FAMILIES) {
      expect(f.requiredKeys).toEqual(["subject", "header", "message", "footer"]);
      expect(f.title.length).toBeGreaterThan(3);
      expect(f.description.length).toBeGreaterThan(20);
    }
    expect([...TEMPLATE_KEYS]).toEqual(["subject", "header", "message", "footer"]);
  });

  it("lists exactly SPEC.md's variables and AEM locations for page, forum and workflow", () => {
    for (const id of ["page", "forum", "workflow"] as const) {
      const f = requireFamily(id);
      expect(f.aemLocation).toBe(SPEC[id].aemLocation);
      expect(f.variables.map((v) => v.name)).toEqual(SPEC[id].variables);
    }
    expect(requireFamily("workflow").variables).toHaveLength(24);
  });

  it("defines the collection family with sensible variables and no invented AEM path", () => {
    const c = requireFamily("collection");
    expect(c.aemLocation).toBeNull();
    expect(c.aemSource).toContain("com.day.cq.dam.core.impl.servlet.ResourceCollectionServlet");
    for (const n of ["collection.title", "collection.path", "action", "user.name", "host.prefix", "time"]) {
      expect(isKnownVariable("collection", n)).toBe(true);
    }
    expect(["shared", "unshared"]).toContain(sampleData("collection").action);
  });

  it("gives every variable a description and a realistic, unique-by-name sample", () => {
    for (const f of FAMILIES) {
      const names = f.variables.map((v) => v.name);
      expect(new Set(names).size).toBe(names.length);
      for (const v of f.variables) {
        expect(v.description.length).toBeGreaterThan(5);
        expect(v.sample.trim()).not.toBe("");
        expect(v.sample).not.toContain("${");
        expect(/^[A-Za-z][A-Za-z0-9.]*$/.test(v.name)).toBe(true);
        // Only variables marked multi-line may have line breaks in their sample.
        if (!v.multiline) expect(v.sample).not.toMatch(/[\r\n]/);
      }
    }
    expect(getVariable("page", "modifications")?.multiline).toBe(true);
    expect(getVariable("page", "modifications")?.sample).toMatch(/^PageModified => \/content\//);
    expect(sampleData("workflow")["host.prefix"]).toBe("http://localhost:4502");
    expect(sampleData("workflow")["payload.path.open"]).toMatch(/^\/bin\/wcmcommand\?cmd=open&path=\/content\//);
  });

  it("looks families up safely", () => {
    expect(getFamily("forum")?.id).toBe("forum");
    expect(getFamily("nope")).toBeUndefined();
    expect(getFamily("constructor")).toBeUndefined();
    expect(isFamilyId("page")).toBe(true);
    expect(isFamilyId("toString")).toBe(false);
    expect(isFamilyId(3)).toBe(false);
    expect(() => requireFamily("nope" as never)).toThrow(TypeError);
    expect(variableNames("forum")).toEqual(new Set(["time", "forum.path", "host.prefix"]));
    expect(isKnownVariable("page", "host.prefix")).toBe(false);
  });

  it("returns a fresh sample object each time and keeps the catalog frozen", () => {
    const a = sampleData("page");
    a.time = "changed";
    expect(sampleData("page").time).not.toBe("changed");
    expect(Object.keys(sampleData("workflow"))).toHaveLength(24);
    expect(Object.isFrozen(FAMILIES)).toBe(true);
    expect(Object.isFrozen(FAMILIES[0])).toBe(true);
    expect(Object.isFrozen(FAMILIES[0]!.variables[0])).toBe(true);
  });
});
