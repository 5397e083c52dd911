import { describe, it, expect } from "vitest";
import { AppError } from "@/lib/errors";
import { mergeRecipientPatch, type PatchBase } from "./patch";

const stored: PatchBase = {
  id: "ana",
  email: "ana@example.com",
  name: "Ana",
  familyName: "Silva",
  language: "de",
  plainTextOnly: true,
  subscriptions: [{ kind: "page", path: "/content/site", eventTypes: ["PageActivated"] }],
};

describe("recipient PATCH merge", () => {
  it("keeps every field the patch leaves out", () => {
    expect(mergeRecipientPatch(stored, { name: "Ana Maria" })).toEqual({ ...stored, name: "Ana Maria" });
  });

  it("treats false and empty values as given, not as left out", () => {
    const r = mergeRecipientPatch(stored, { plainTextOnly: false, familyName: "", subscriptions: [] });
    expect(r).toMatchObject({ plainTextOnly: false, familyName: "", subscriptions: [] });
  });

  it("replaces the subscriptions whole and normalises what it takes in", () => {
    const r = mergeRecipientPatch(stored, { email: "Ana@Example.COM", subscriptions: [{ kind: "forum", path: "/content/forum/" }] });
    expect(r.email).toBe("ana@example.com");
    expect(r.subscriptions).toEqual([{ kind: "forum", path: "/content/forum" }]);
  });

  it("never changes the id", () => {
    expect(mergeRecipientPatch(stored, { language: "en" }).id).toBe("ana");
  });

  it("refuses a result that is not a valid recipient, naming the field", () => {
    const err = (() => {
      try {
        return mergeRecipientPatch({ ...stored, subscriptions: [{ kind: "forum", path: "/f" }] }, { subscriptions: [{ kind: "forum", path: "/f" }, { kind: "forum", path: "/f" }] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "validation", message: "The change makes the recipient invalid.", fields: { "subscriptions.1.path": [expect.stringContaining("listed twice")] } });
  });
});
