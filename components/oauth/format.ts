// Ages and time left as numbers and a unit, for the catalog's messages ("oauth.age", "oauth.left")
// to word in the reader's language.

export type AgeUnit = "s" | "min" | "h" | "day";

/** 40 s, 12 min, 5 h, 3 days: the largest whole unit. */
export function ageParts(ms: number): { unit: AgeUnit; n: number } {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return { unit: "s", n: s };
  if (s < 3600) return { unit: "min", n: Math.floor(s / 60) };
  if (s < 86_400) return { unit: "h", n: Math.floor(s / 3600) };
  return { unit: "day", n: Math.floor(s / 86_400) };
}

/** The time left until (or past) an instant: "1 h 02 min", "4:05 min", "12 s". */
export function leftParts(ms: number): { past: boolean; h: number; m: number; s: number; mm: string; ss: string } {
  const past = ms < 0;
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return { past, h, m, s, mm: String(m).padStart(2, "0"), ss: String(s).padStart(2, "0") };
}
