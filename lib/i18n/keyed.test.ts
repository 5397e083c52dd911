import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { formatIcu } from "./keyed";

describe("formatIcu (lib's English, without next-intl)", () => {
  it("fills arguments, selects and plurals", () => {
    expect(formatIcu("Connected to {address}", { address: "10.0.0.1:25" })).toBe("Connected to 10.0.0.1:25");
    expect(formatIcu("a{x, select, none {} other { ({x})}}.", { x: "none" })).toBe("a.");
    expect(formatIcu("a{x, select, none {} other { ({x})}}.", { x: "550 no" })).toBe("a (550 no).");
    expect(formatIcu("{n, plural, one {# day} other {# days}}", { n: 1 })).toBe("1 day");
    expect(formatIcu("{n, plural, =0 {none} one {# day} other {# days}}", { n: 0 })).toBe("none");
    expect(formatIcu("{n, plural, one {# day} other {# days}}", { n: 3 })).toBe("3 days");
    expect(formatIcu("{p, select, host {at {h}} other {x}} end", { p: "host", h: "h.test" })).toBe("at h.test end");
    expect(formatIcu("left {missing} as is")).toBe("left {missing} as is");
  });

  it("agrees with next-intl on every English catalog text of the OAuth page and the test email", () => {
    const en = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../messages/en.json"), "utf8"));
    const t = createTranslator({ locale: "en", messages: en, onError: () => {} }) as unknown as (k: string, v?: object) => string;
    const specific = { at: "h:25", host: "h", response: "550 x", message: "boom", google: "yes", provider: "host", user: "none", count: 2, n: 1, unit: "day", past: "yes", time: "1 s", account: "none", hint: "ssl465", requireTls: "yes", oauth: "no", sendAs: "yes", redirectUri: "none", noSlash: "no", sendOnly: "yes", method: "XOAUTH2", refreshed: "no", mins: "none", auth: "none", extensions: "none", error: "none", title: "none", which: "token", refreshes: 1, rotations: 2 };
    const PLURAL = new Set(["count", "n", "refreshes", "rotations"]);
    const walk = (node: Record<string, unknown>, prefix: string): void => {
      for (const [k, v] of Object.entries(node)) {
        if (typeof v === "string") {
          if (/<\w+>/.test(v)) continue; // rich text is the console's, not lib's
          // Every argument filled (the "other" branches), then the chosen branches above.
          const generic = Object.fromEntries([...v.matchAll(/\{(\w+)/g)].map(([, name]) => [name!, PLURAL.has(name!) ? 2 : `v-${name}`]));
          for (const values of [generic, { ...generic, ...specific }]) expect(formatIcu(v, values), `${prefix}${k}`).toBe(t(`${prefix}${k}`, values));
        } else walk(v as Record<string, unknown>, `${prefix}${k}.`);
      }
    };
    walk({ smtpCheck: en.smtpCheck, oauth: { health: en.oauth.health, errors: en.oauth.errors, scopeNote: en.oauth.scopeNote, limit: en.oauth.limit } }, "");
  });
});
