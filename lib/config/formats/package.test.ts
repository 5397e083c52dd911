// A small package that unpacks to hundreds of MB is refused quickly, without
// holding the event loop or the memory.
import { describe, expect, it } from "vitest";
import { zipSync, strToU8 } from "fflate";
import { zipBomb } from "@/lib/testing/zip-bomb";
import { MAX_PACKAGE_UNPACKED_BYTES, readContentPackage } from "./package";

describe("content package caps", () => {
  it("refuses the probe's 500 × 1 MB package within a second, and the event loop keeps turning", async () => {
    const bomb = zipBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    // A timer that should fire every 10 ms: its worst delay is how long the event loop was held.
    let worst = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 10);
    const heapBefore = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const r = await readContentPackage(bomb);
    const took = performance.now() - started;
    clearInterval(timer);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^The package is too large when unpacked/) });
    expect(took).toBeLessThan(1000);
    // Generous for a loaded machine: before the fix the loop was held for seconds.
    expect(worst).toBeLessThan(500);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(4 * MAX_PACKAGE_UNPACKED_BYTES);
  });

  it("counts the bytes really unpacked, not the sizes the archive claims", async () => {
    // Claims 10 bytes per entry in both directories; inflates to 1 MB each.
    const liar = zipBomb(40, 1024 * 1024);
    const view = new DataView(liar.buffer, liar.byteOffset, liar.byteLength);
    for (let at = 0; at < liar.length - 4; at++) {
      const sig = view.getUint32(at, true);
      if (sig === 0x04034b50) view.setUint32(at + 22, 10, true);
      if (sig === 0x02014b50) view.setUint32(at + 24, 10, true);
    }
    const r = await readContentPackage(liar);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/too large when unpacked/);
  });

  it("refuses a ratio no configuration package has, below the total cap", async () => {
    const r = await readContentPackage(zipBomb(1, 1024 * 1024), { maxUnpackedBytes: MAX_PACKAGE_UNPACKED_BYTES, maxRatio: 100 });
    expect(!r.ok && r.error).toMatch(/too large when unpacked/);
  });

  it("refuses by the total when every entry's ratio is acceptable", async () => {
    const r = await readContentPackage(zipBomb(40, 1024 * 1024), { maxUnpackedBytes: 8 * 1024 * 1024, maxRatio: 100_000 });
    expect(!r.ok && r.error).toMatch(/too large when unpacked/);
  });

  it("still reads an ordinary package", async () => {
    const pkg = zipSync({ "jcr_root/apps/a/config/com.day.cq.wcm.notification.email.impl.EmailChannel.cfg.json": strToU8('{"email.from":"a@b.co"}') });
    const r = await readContentPackage(pkg);
    expect(r.ok && r.files.map((f) => f.ok && f.pid)).toEqual(["com.day.cq.wcm.notification.email.impl.EmailChannel"]);
  });
});
