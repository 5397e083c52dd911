// A short description of a browser for the session list ("Chrome on Linux"). Only for display:
// the full string is kept beside it, and nothing is decided on it.
const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\/|FxiOS/, "Firefox"],
  [/Chrome\/|CriOS|Chromium/, "Chrome"],
  [/Safari\//, "Safari"],
  [/curl\//i, "curl"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** The English of each device description, by its key under "devices" in the catalogs. */
export const DEVICE_TEXT = {
  on: "{browser} on {system}",
  unknownDevice: "Unknown device",
  unknownBrowser: "Unknown browser",
} as const;
export type DeviceKey = keyof typeof DEVICE_TEXT;
type DeviceT = (key: DeviceKey, values: { browser: string; system: string }) => string;

const english: DeviceT = (key, values) => DEVICE_TEXT[key].replace(/\{(\w+)\}/g, (_, k: "browser" | "system") => values[k]);

/**
 * "Chrome on Linux": in English by default (the CLI, logs), or through `t` — the "devices"
 * namespace — in the reader's language. Browser and system names are names, never translated.
 */
export function describeUserAgent(ua: string | null | undefined, t: DeviceT = english): string {
  if (!ua) return t("unknownDevice", { browser: "", system: "" });
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return t("on", { browser, system });
  return browser ?? system ?? t("unknownBrowser", { browser: "", system: "" });
}
