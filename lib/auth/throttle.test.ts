import { describe, it, expect, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { throttleKeys, secondsUntilAllowed, recordFailure, clearFailures } from "./throttle";

describe("sign-in throttle", () => {
  beforeEach(() => {
    useFreshDataDir();
  });

  it("allows five failures a minute, then asks to wait until the oldest leaves the window", async () => {
    const keys = throttleKeys("User@Example.com", "203.0.113.9");
    expect(keys).toEqual({ account: "account:user@example.com", address: "address:203.0.113.9" });
    for (let i = 0; i < 4; i++) await recordFailure(keys);
    expect(await secondsUntilAllowed(keys)).toBe(0);
    await recordFailure(keys);
    const wait = await secondsUntilAllowed(keys);
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);
    // A minute later the window has moved on.
    expect(await secondsUntilAllowed(keys, new Date(Date.now() + 61_000))).toBe(0);
  });

  it("slows one address spraying many accounts", async () => {
    for (let i = 0; i < 5; i++) await recordFailure(throttleKeys(`user${i}@example.com`, "198.51.100.1"));
    expect(await secondsUntilAllowed(throttleKeys("fresh@example.com", "198.51.100.1"))).toBeGreaterThan(0);
    expect(await secondsUntilAllowed(throttleKeys("fresh@example.com", "198.51.100.2"))).toBe(0);
  });

  it("an attacked account stays open to an address with no recent failures (the owner)", async () => {
    for (let i = 0; i < 5; i++) await recordFailure(throttleKeys("target@example.com", "192.0.2.66"));
    expect(await secondsUntilAllowed(throttleKeys("target@example.com", "192.0.2.66"))).toBeGreaterThan(0);
    expect(await secondsUntilAllowed(throttleKeys("target@example.com", "198.51.100.200"))).toBe(0);
  });

  it("an attacker spreading over addresses gets one try per address at an attacked account", async () => {
    for (let i = 0; i < 5; i++) await recordFailure(throttleKeys("target@example.com", `192.0.2.${i}`));
    // Each of those addresses has failed once: the account limit now applies to all of them.
    for (let i = 0; i < 5; i++) expect(await secondsUntilAllowed(throttleKeys("target@example.com", `192.0.2.${i}`))).toBeGreaterThan(0);
    // An address that failed elsewhere counts as failing too.
    await recordFailure(throttleKeys("other@example.com", "192.0.2.99"));
    expect(await secondsUntilAllowed(throttleKeys("target@example.com", "192.0.2.99"))).toBeGreaterThan(0);
    // Without a known address the account limit applies.
    expect(await secondsUntilAllowed(throttleKeys("target@example.com", null))).toBeGreaterThan(0);
  });

  it("a successful sign-in clears the account's failures but not the address's", async () => {
    const keys = throttleKeys("me@example.com", "192.0.2.50");
    for (let i = 0; i < 5; i++) await recordFailure(keys);
    await clearFailures(keys);
    expect(await secondsUntilAllowed(throttleKeys("me@example.com", "192.0.2.51"))).toBe(0);
    expect(await secondsUntilAllowed(keys)).toBeGreaterThan(0);
  });
});
