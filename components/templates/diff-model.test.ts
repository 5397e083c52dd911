import { describe, expect, it } from "vitest";
import { lineDiff } from "./diff-model";

describe("line diff", () => {
  it("numbers old and new lines and counts the changes", () => {
    const d = lineDiff("subject=A\nheader=h\nmessage=m\n", "subject=B\nheader=h\nmessage=m\nfooter=f\n");
    expect(d).toEqual({
      added: 2,
      removed: 1,
      rows: [
        { kind: "del", oldNo: 1, newNo: null, text: "subject=A" },
        { kind: "add", oldNo: null, newNo: 1, text: "subject=B" },
        { kind: "same", oldNo: 2, newNo: 2, text: "header=h" },
        { kind: "same", oldNo: 3, newNo: 3, text: "message=m" },
        { kind: "add", oldNo: null, newNo: 4, text: "footer=f" },
      ],
    });
  });

  it("folds long unchanged runs, keeping context around each change", () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const next = old.replace("line 10\n", "line ten\n");
    const d = lineDiff(old, next, 2);
    expect(d.rows[0]).toEqual({ kind: "skip", count: 7 });
    expect(d.rows.slice(1, 3).map((r) => (r.kind === "skip" ? r.count : r.text))).toEqual(["line 8", "line 9"]);
    expect(d.rows[3]).toEqual({ kind: "del", oldNo: 10, newNo: null, text: "line 10" });
    expect(d.rows[4]).toEqual({ kind: "add", oldNo: null, newNo: 10, text: "line ten" });
    expect(d.rows[d.rows.length - 1]).toEqual({ kind: "skip", count: 8 });
  });

  it("is empty for identical texts", () => {
    expect(lineDiff("a\nb\n", "a\nb\n")).toEqual({ added: 0, removed: 0, rows: [{ kind: "skip", count: 2 }] });
  });
});
