import { describe, expect, it } from "vitest";
import { parseFelixConfigText } from "./felix-config";

describe("Felix .config format", () => {
  it("reads typed values, lists over several lines and comments", () => {
    const text = [
      "# Day CQ Mail Service",
      'smtp.host="smtp.example.com"',
      'smtp.port=I"587"',
      'smtp.starttls=B"true"',
      'from.address="Acme \\"News\\" <news@acme.com>"',
      "scopes=[ \\",
      '  "openid", \\',
      '  "offline_access", \\',
      "  ]",
      'refreshTokenExpiry=L"-1"',
      "",
    ].join("\n");
    const r = parseFelixConfigText(text);
    expect(r).toEqual({
      ok: true,
      values: {
        "smtp.host": "smtp.example.com",
        "smtp.port": 587,
        "smtp.starttls": true,
        "from.address": 'Acme "News" <news@acme.com>',
        scopes: ["openid", "offline_access"],
        refreshTokenExpiry: -1,
      },
      keyLines: { "smtp.host": 2, "smtp.port": 3, "smtp.starttls": 4, "from.address": 5, scopes: 6, refreshTokenExpiry: 10 },
    });
  });

  it("reads vectors and Felix's raw-bits doubles", () => {
    const r = parseFelixConfigText('v=("a","b")\nd=D"4609434218613702656"\nf=F"1.25"');
    expect(r.ok && r.values).toEqual({ v: ["a", "b"], d: 1.5, f: 1.25 });
  });

  it("reports errors with line and column", () => {
    expect(parseFelixConfigText('a="x"\nsmtp.port=25')).toEqual({
      ok: false,
      message: 'The value of "smtp.port" must be quoted, e.g. smtp.port="value" or smtp.port=I"25".',
      line: 2,
      column: 11,
    });
    expect(parseFelixConfigText('a=I"x"')).toMatchObject({ ok: false, message: '"x" is not a whole number (type I).', line: 1 });
    expect(parseFelixConfigText('a=B"yes"')).toMatchObject({ ok: false, message: '"yes" is not true or false (type B).' });
    expect(parseFelixConfigText('a=Q"x"')).toMatchObject({ ok: false, message: expect.stringMatching(/not a type letter/) });
    expect(parseFelixConfigText('a="x')).toMatchObject({ ok: false, message: expect.stringMatching(/not closed/) });
    expect(parseFelixConfigText("novalue")).toMatchObject({ ok: false, message: 'Expected "=" after "novalue".' });
    expect(parseFelixConfigText('a="x" b')).toMatchObject({ ok: false, message: expect.stringMatching(/Unexpected text/) });
    expect(parseFelixConfigText('a=["x" "y"]')).toMatchObject({ ok: false, message: expect.stringMatching(/Expected "," or "]"/) });
    expect(parseFelixConfigText('a="1"\na="2"')).toMatchObject({ ok: false, message: 'The key "a" appears twice (first on line 1).', line: 2 });
  });
});
