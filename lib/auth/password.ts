import "server-only";
import bcrypt from "bcryptjs";
import crypto from "node:crypto";

const ROUNDS = 12;

export async function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, ROUNDS);
}

export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

/** A hash that matches nothing, compared against when the account does not exist (same timing). */
export const DUMMY_HASH = "$2b$12$CwTycUXWue0Thq9StjUM0uJ8.k9bWQGYQmI6bC9cJm8PR6QbK0y6e";

/** A readable temporary password for invited users. */
export function temporaryPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let out = "";
  for (const [i, byte] of crypto.randomBytes(16).entries()) {
    out += alphabet[byte % alphabet.length];
    if (i % 4 === 3 && i < 15) out += "-";
  }
  return out;
}
