// A line diff for the editor's "Diff against default" and the history (jsdiff's diffLines), as
// rows ready to show: unchanged runs longer than the context are folded into one "skip" row.
import { diffLines } from "diff";

export type DiffRow =
  | { kind: "same" | "add" | "del"; oldNo: number | null; newNo: number | null; text: string }
  | { kind: "skip"; count: number };

export interface LineDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
}

function splitLines(value: string): string[] {
  const lines = value.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export function lineDiff(oldText: string, newText: string, context = 3): LineDiff {
  const all: Exclude<DiffRow, { kind: "skip" }>[] = [];
  let oldNo = 1;
  let newNo = 1;
  let added = 0;
  let removed = 0;
  for (const part of diffLines(oldText, newText)) {
    for (const text of splitLines(part.value)) {
      if (part.added) {
        all.push({ kind: "add", oldNo: null, newNo: newNo++, text });
        added++;
      } else if (part.removed) {
        all.push({ kind: "del", oldNo: oldNo++, newNo: null, text });
        removed++;
      } else all.push({ kind: "same", oldNo: oldNo++, newNo: newNo++, text });
    }
  }
  // Keep `context` unchanged lines around each change; fold the rest.
  const keep = new Array<boolean>(all.length).fill(false);
  all.forEach((r, i) => {
    if (r.kind === "same") return;
    for (let j = Math.max(0, i - context); j <= Math.min(all.length - 1, i + context); j++) keep[j] = true;
  });
  const rows: DiffRow[] = [];
  let skipped = 0;
  for (const [i, row] of all.entries()) {
    if (!keep[i]) {
      skipped++;
      continue;
    }
    if (skipped) rows.push({ kind: "skip", count: skipped });
    skipped = 0;
    rows.push(row);
  }
  if (skipped) rows.push({ kind: "skip", count: skipped });
  return { rows, added, removed };
}
