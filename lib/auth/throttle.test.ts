import { describe, it, expect, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { throttleKeys, secondsUntilAllowed, recordFailure, clearFailures } from "./throttle";

describe("sign-in throttle", () => {
  beforeEach(() => {
    useFreshDataDir();
  });

  it("allows five failures a minute, then asks to wait until the oldest leaves the window", async () => {
    const keys = throttleKeys("User@Example.com", "203.0.113.9");
    expect(keys).toEqual(["account:user@example.com", "address:203.0.113.9"]);
    for (let i = 0; i < 4; i++) await recordFailure(keys);
    expect(await secondsUntilAllowed(keys)).toBe(0);
    await recordFailure(keys);
    const wait = await secondsUntilAllowed(keys);
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);
    // A minute later the window has moved on.
    expect(await secondsUntilAllowed(keys, new Date(Date.now() + 61_000))).toBe(0);
  });

  it("throttles an address across accounts, and an account across addresses", async () => {
    for (let i = 0; i < 5; i++) await recordFailure(throttleKeys(`user${i}@example.com`, "198.51.100.1"));
    expect(await secondsUntilAllowed(throttleKeys("fresh@example.com", "198.51.100.1"))).toBeGreaterThan(0);
    expect(await secondsUntilAllowed(throttleKeys("fresh@example.com", "198.51.100.2"))).toBe(0);
    for (let i = 0; i < 5; i++) await recordFailure(throttleKeys("target@example.com", `192.0.2.${i}`));
    expect(await secondsUntilAllowed(throttleKeys("target@example.com", "192.0.2.200"))).toBeGreaterThan(0);
  });

  it("a successful sign-in clears the account's failures but not the address's", async () => {
    const keys = throttleKeys("me@example.com", "192.0.2.50");
    for (let i = 0; i < 5; i++) await recordFailure(keys);
    await clearFailures(keys);
    expect(await secondsUntilAllowed([keys[0]])).toBe(0);
    expect(await secondsUntilAllowed([keys[1]])).toBeGreaterThan(0);
  });
});
