// Identifiers that sort by creation time (ULID layout: 48-bit milliseconds + 80 random bits,
// Crockford base32), with a readable prefix: msg_01JD…, bat_01JD…. Monotonic within a process:
// ids made in the same millisecond increase, so id order is creation order.
import crypto from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(now: number): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time;
}

function increment(digits: number[]): number[] {
  const out = digits.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    const digit = out[i] ?? 0;
    if (digit < 31) {
      out[i] = digit + 1;
      return out;
    }
    out[i] = 0;
  }
  return out; // 2^80 ids in one millisecond: wraps, never happens
}

export function ulid(now = Date.now()): string {
  if (now <= lastTime) {
    lastRandom = increment(lastRandom);
    now = lastTime;
  } else {
    const bytes = crypto.randomBytes(16);
    // The top bit of the random part stays clear, leaving room to increment.
    lastRandom = Array.from(bytes, (b, i) => (i === 0 ? b % 16 : b % 32));
    lastTime = now;
  }
  return encodeTime(now) + lastRandom.map((d) => ALPHABET[d]).join("");
}

export const newMessageId = () => `msg_${ulid()}`;
export const newBatchId = () => `bat_${ulid()}`;

const OUTBOX_ID_IN_MESSAGE_ID = /^<(msg_[0-9A-HJKMNP-TV-Z]{26})@[^<>@\s]+>$/;

/**
 * The outbox id inside a Message-ID that Herald made for an outbox message (`<msg_…@domain>`,
 * lib/notifications/send.ts), or null for any other Message-ID. Lets the mail log link a
 * delivery session to its message without a lookup column.
 */
export function outboxIdOfMessageId(messageId: string): string | null {
  return OUTBOX_ID_IN_MESSAGE_ID.exec(messageId.trim())?.[1] ?? null;
}
