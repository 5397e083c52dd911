/**
 * Reading one OSGi configuration file, in the three formats AEM uses:
 *   <pid>.cfg.json   AEM as a Cloud Service / Sling (JSON, comments allowed, "key:Type" hints)
 *   <pid>.xml        a sling:OsgiConfig node in FileVault DocView XML (content packages)
 *   <pid>.config     Apache Felix's typed format
 * The PID comes from the file name. Values are returned as read (typed where the format says
 * so); matching them against a service is the import plan's job. Pure.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { docViewToValue, parseDocViewValue } from "./docview";
import { parseFelixConfigText } from "./felix-config";
import { lineAndColumn, parseJsonText } from "./json-text";

export type ConfigFileFormat = "cfg.json" | "xml" | "config";

export interface ConfigFileOrigin {
  /** The folder the file came from in a content package ("config", "config.author"). */
  folder?: string;
  /** Run modes of that folder: [] for "config", ["author"] for "config.author". */
  runModes?: string[];
}

export interface ParsedConfigFile extends ConfigFileOrigin {
  ok: true;
  /** The file name, or its path inside a package. */
  file: string;
  format: ConfigFileFormat;
  pid: string;
  values: Record<string, unknown>;
  /** Line of each key in the file, when known. */
  keyLines: Record<string, number>;
  /** Things that did not stop the reading but are worth saying. */
  warnings: string[];
}

export type ConfigFileErrorKind = "parse" | "name" | "factory" | "format";

export interface ConfigFileError extends ConfigFileOrigin {
  ok: false;
  file: string;
  format?: ConfigFileFormat;
  pid?: string;
  kind: ConfigFileErrorKind;
  /** A plain explanation, starting with the line when there is one ("Line 3, column 5: …"). */
  message: string;
  line?: number;
  column?: number;
}

export type ConfigFileResult = ParsedConfigFile | ConfigFileError;

export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

const PID_RE = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/;

function baseName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

export function formatOfFileName(path: string): ConfigFileFormat | null {
  const name = baseName(path).toLowerCase();
  if (name.endsWith(".cfg.json")) return "cfg.json";
  if (name.endsWith(".xml")) return "xml";
  if (name.endsWith(".config")) return "config";
  return null;
}

const SUFFIX: Record<ConfigFileFormat, string> = { "cfg.json": ".cfg.json", xml: ".xml", config: ".config" };

/**
 * The PID a file name stands for. Factory configurations ("<factoryPid>~<name>.cfg.json", or
 * the older "<factoryPid>-<name>") are reported as unsupported: Herald's services are singletons.
 */
export function pidFromFileName(
  path: string,
  format: ConfigFileFormat,
): { ok: true; pid: string } | { ok: false; kind: "name" | "factory"; message: string; pid?: string } {
  const name = baseName(path);
  const suffix = SUFFIX[format];
  if (!name.toLowerCase().endsWith(suffix)) {
    return { ok: false, kind: "name", message: `The file name must end in ${suffix}.` };
  }
  const stem = name.slice(0, name.length - suffix.length);
  const example = `com.day.cq.mailer.DefaultMailService${suffix}`;
  const tilde = stem.indexOf("~");
  if (tilde >= 0) {
    const factoryPid = stem.slice(0, tilde);
    return {
      ok: false,
      kind: "factory",
      pid: factoryPid,
      message:
        `"${name}" is a factory configuration (${factoryPid}, instance "${stem.slice(tilde + 1)}"). ` +
        `Herald's services have a single configuration each; rename the file to ${factoryPid}${suffix} to import it.`,
    };
  }
  const dash = stem.indexOf("-");
  if (dash > 0 && PID_RE.test(stem.slice(0, dash))) {
    const factoryPid = stem.slice(0, dash);
    return {
      ok: false,
      kind: "factory",
      pid: factoryPid,
      message:
        `"${name}" looks like a factory configuration in the older "<pid>-<name>" form (${factoryPid}, instance "${stem.slice(dash + 1)}"). ` +
        `Herald's services have a single configuration each; rename the file to ${factoryPid}${suffix} to import it.`,
    };
  }
  if (stem === "" || !PID_RE.test(stem)) {
    return {
      ok: false,
      kind: "name",
      message: `"${name}" is not named after a service PID; the name must be <PID>${suffix}, e.g. ${example}.`,
    };
  }
  return { ok: true, pid: stem };
}

function at(line: number | undefined, column: number | undefined, message: string): string {
  if (line === undefined) return message;
  return column === undefined ? `Line ${line}: ${message}` : `Line ${line}, column ${column}: ${message}`;
}

function fileError(
  file: string,
  format: ConfigFileFormat | undefined,
  kind: ConfigFileErrorKind,
  message: string,
  extra: { pid?: string; line?: number; column?: number } = {},
): ConfigFileError {
  const e: ConfigFileError = { ok: false, file, kind, message: at(extra.line, extra.column, message) };
  if (format) e.format = format;
  if (extra.pid !== undefined) e.pid = extra.pid;
  if (extra.line !== undefined) e.line = extra.line;
  if (extra.column !== undefined) e.column = extra.column;
  return e;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function withPid(file: string, format: ConfigFileFormat, pidOverride?: string) {
  if (pidOverride !== undefined) {
    return PID_RE.test(pidOverride)
      ? ({ ok: true, pid: pidOverride } as const)
      : ({ ok: false, kind: "name", message: `"${pidOverride}" is not a valid PID.` } as const);
  }
  return pidFromFileName(file, format);
}

// ---------------------------------------------------------------------------------------------
// .cfg.json
// ---------------------------------------------------------------------------------------------

const JSON_TYPES: Record<string, "string" | "integer" | "number" | "boolean"> = {
  String: "string",
  Character: "string",
  char: "string",
  Integer: "integer",
  int: "integer",
  Long: "integer",
  long: "integer",
  Short: "integer",
  short: "integer",
  Byte: "integer",
  byte: "integer",
  Float: "number",
  float: "number",
  Double: "number",
  double: "number",
  Boolean: "boolean",
  boolean: "boolean",
};

function convertTyped(kind: "string" | "integer" | "number" | "boolean", v: unknown): { ok: true; value: unknown } | { ok: false } {
  switch (kind) {
    case "string":
      return typeof v === "string" ? { ok: true, value: v } : typeof v === "number" || typeof v === "boolean" ? { ok: true, value: String(v) } : { ok: false };
    case "integer":
      if (typeof v === "number" && Number.isInteger(v)) return { ok: true, value: v };
      if (typeof v === "string" && /^[+-]?\d+$/.test(v.trim())) return { ok: true, value: Number(v.trim()) };
      return { ok: false };
    case "number":
      if (typeof v === "number") return { ok: true, value: v };
      if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return { ok: true, value: Number(v) };
      return { ok: false };
    case "boolean":
      if (typeof v === "boolean") return { ok: true, value: v };
      if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return { ok: true, value: v.trim().toLowerCase() === "true" };
      return { ok: false };
  }
}

/** Applies a "key:Type" hint (Felix's JSON format): "smtp.port:Integer": "25" → 25. */
function applyTypeHint(rawKey: string, value: unknown): { ok: true; key: string; value: unknown } | { ok: false; message: string } {
  const m = /^(.+):(?:([A-Za-z]+)(\[\])?|Collection<([A-Za-z]+)>)$/.exec(rawKey);
  if (!m) return { ok: true, key: rawKey, value };
  const typeName = m[2] ?? m[4];
  const kind = typeName === undefined ? undefined : JSON_TYPES[typeName];
  if (!kind) return { ok: true, key: rawKey, value }; // not a type hint; let validation name the key
  const key = m[1] ?? rawKey;
  const multi = m[3] !== undefined || m[4] !== undefined;
  const items = multi ? (Array.isArray(value) ? value : [value]) : [value];
  if (!multi && Array.isArray(value)) {
    return { ok: false, message: `"${rawKey}" declares a single ${typeName} but holds a list.` };
  }
  const out: unknown[] = [];
  for (const item of items) {
    const r = convertTyped(kind, item);
    if (!r.ok) return { ok: false, message: `"${rawKey}": ${JSON.stringify(item)} is not a ${typeName}.` };
    out.push(r.value);
  }
  return { ok: true, key, value: multi ? out : out[0] };
}

/** Reads a `<pid>.cfg.json` file. */
export function parseCfgJson(file: string, text: string, origin: ConfigFileOrigin & { pid?: string } = {}): ConfigFileResult {
  const named = withPid(file, "cfg.json", origin.pid);
  if (!named.ok) return { ...fileError(file, "cfg.json", named.kind, named.message, { pid: named.pid }), ...originOf(origin) };
  const pid = named.pid;
  const parsed = parseJsonText(stripBom(text), { comments: true });
  if (!parsed.ok) {
    return { ...fileError(file, "cfg.json", "parse", parsed.message, { pid, line: parsed.line, column: parsed.column }), ...originOf(origin) };
  }
  const v = parsed.value;
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    return {
      ...fileError(file, "cfg.json", "format", 'A .cfg.json file must hold one JSON object: { "key": value, … }.', { pid }),
      ...originOf(origin),
    };
  }
  const values: Record<string, unknown> = {};
  const keyLines: Record<string, number> = {};
  for (const [rawKey, rawValue] of Object.entries(v as Record<string, unknown>)) {
    const line = parsed.keyLines[rawKey];
    const hinted = applyTypeHint(rawKey, rawValue);
    if (!hinted.ok) return { ...fileError(file, "cfg.json", "parse", hinted.message, { pid, line }), ...originOf(origin) };
    if (Object.prototype.hasOwnProperty.call(values, hinted.key)) {
      return {
        ...fileError(file, "cfg.json", "parse", `The key "${hinted.key}" appears twice (with and without a type).`, { pid, line }),
        ...originOf(origin),
      };
    }
    Object.defineProperty(values, hinted.key, { value: hinted.value, enumerable: true, writable: true, configurable: true });
    if (line !== undefined) keyLines[hinted.key] = line;
  }
  return { ok: true, file, format: "cfg.json", pid, values, keyLines, warnings: [], ...originOf(origin) };
}

// ---------------------------------------------------------------------------------------------
// sling:OsgiConfig XML
// ---------------------------------------------------------------------------------------------

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes XML's five named entities and character references; anything else is an error. */
export function decodeXmlText(raw: string): { ok: true; value: string } | { ok: false; error: string } {
  if (raw.includes("<")) return { ok: false, error: 'it contains "<" (write it as &lt;)' };
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const amp = raw.indexOf("&", i);
    if (amp < 0) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, amp);
    const semi = raw.indexOf(";", amp);
    const name = semi > amp ? raw.slice(amp + 1, semi) : "";
    let ch: string | undefined;
    if (/^#[0-9]{1,7}$/.test(name)) ch = safeCodePoint(parseInt(name.slice(1), 10));
    else if (/^#x[0-9A-Fa-f]{1,6}$/.test(name)) ch = safeCodePoint(parseInt(name.slice(2), 16));
    else if (name in XML_ENTITIES && Object.prototype.hasOwnProperty.call(XML_ENTITIES, name)) ch = XML_ENTITIES[name];
    if (ch === undefined) {
      return {
        ok: false,
        error: name
          ? `it uses "&${name};", which XML does not define (use &amp; &lt; &gt; &quot; &apos; or a character reference)`
          : 'it contains a bare "&" (write it as &amp;)',
      };
    }
    out += ch;
    i = semi + 1;
  }
  return { ok: true, value: out };
}

function safeCodePoint(n: number): string | undefined {
  if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
  return String.fromCodePoint(n);
}

function xmlEscapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function attributeLine(text: string, name: string): number | undefined {
  const m = new RegExp(`(^|\\s)${xmlEscapeRegExp(name)}\\s*=`).exec(text);
  return m ? lineAndColumn(text, m.index + (m[1] ?? "").length).line : undefined;
}

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

/** Reads a `<pid>.xml` file holding a sling:OsgiConfig node. */
export function parseOsgiConfigXml(file: string, text: string, origin: ConfigFileOrigin & { pid?: string } = {}): ConfigFileResult {
  const named = withPid(file, "xml", origin.pid);
  if (!named.ok) return { ...fileError(file, "xml", named.kind, named.message, { pid: named.pid }), ...originOf(origin) };
  const pid = named.pid;
  const err = (kind: ConfigFileErrorKind, message: string, line?: number, column?: number): ConfigFileError => ({
    ...fileError(file, "xml", kind, message, { pid, line, column }),
    ...originOf(origin),
  });
  const src = stripBom(text);
  if (src.trim() === "") return err("parse", "The file is empty.");
  const doctype = /<!DOCTYPE/i.exec(src);
  if (doctype) {
    return err("parse", "DOCTYPE declarations are not allowed in configuration files.", lineAndColumn(src, doctype.index).line);
  }
  const valid = XMLValidator.validate(src);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return err("parse", `The XML is not well-formed: ${msg}`, line, col === undefined || Number.isNaN(col) ? undefined : col);
  }
  let tree: OrderedNode[];
  try {
    tree = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      parseAttributeValue: false,
      parseTagValue: false,
      trimValues: false,
      processEntities: false,
      preserveOrder: true,
    }).parse(src) as OrderedNode[];
  } catch (e) {
    return err("parse", `The XML cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const elements = tree.filter((n) => Object.keys(n).some((k) => k !== ":@" && !k.startsWith("?") && k !== "#text"));
  const root = elements[0];
  if (root === undefined || elements.length !== 1) {
    return err("parse", elements.length === 0 ? "The XML has no element." : "The XML has more than one top-level element.");
  }
  const rootName = Object.keys(root).find((k) => k !== ":@")!;
  if (rootName !== "jcr:root") {
    return err("format", `The top-level element must be <jcr:root …> (a FileVault node), not <${rootName}>.`);
  }
  const attrs = root[":@"] ?? {};
  const primaryRaw = attrs["jcr:primaryType"];
  const primary = primaryRaw === undefined ? undefined : decodeXmlText(primaryRaw);
  if (primary === undefined) {
    return err("format", 'The node has no jcr:primaryType; a configuration needs jcr:primaryType="sling:OsgiConfig".');
  }
  if (!primary.ok || primary.value !== "sling:OsgiConfig") {
    return err(
      "format",
      `The node is not an OSGi configuration: its jcr:primaryType is "${primary.ok ? primary.value : primaryRaw}", not "sling:OsgiConfig".`,
    );
  }
  const warnings: string[] = [];
  const children = (root[rootName] as OrderedNode[] | undefined) ?? [];
  if (children.some((c) => Object.keys(c).some((k) => k !== ":@" && k !== "#text" && !k.startsWith("?")))) {
    warnings.push("Child nodes of the configuration node are ignored.");
  }
  const values: Record<string, unknown> = {};
  const keyLines: Record<string, number> = {};
  for (const [name, raw] of Object.entries(attrs)) {
    if (name === "xmlns" || name.startsWith("xmlns:")) continue;
    if (name.includes(":")) {
      // jcr:primaryType, jcr:mixinTypes, … are node metadata, not OSGi properties.
      if (!name.startsWith("jcr:")) warnings.push(`The attribute ${name} is node metadata and is ignored.`);
      continue;
    }
    const line = attributeLine(src, name);
    const decoded = decodeXmlText(raw);
    if (!decoded.ok) return err("parse", `The value of ${name} is not valid XML text: ${decoded.error}.`, line);
    const dv = parseDocViewValue(decoded.value);
    if (!dv.ok) return err("parse", `The value of ${name} cannot be read: ${dv.error}.`, line);
    const v = docViewToValue(dv.value);
    if (!v.ok) return err("parse", `The value of ${name} cannot be read: ${v.error}.`, line);
    Object.defineProperty(values, name, { value: v.value, enumerable: true, writable: true, configurable: true });
    if (line !== undefined) keyLines[name] = line;
  }
  return { ok: true, file, format: "xml", pid, values, keyLines, warnings, ...originOf(origin) };
}

// ---------------------------------------------------------------------------------------------
// Felix .config
// ---------------------------------------------------------------------------------------------

/** Reads a `<pid>.config` file (Apache Felix format). */
export function parseFelixConfig(file: string, text: string, origin: ConfigFileOrigin & { pid?: string } = {}): ConfigFileResult {
  const named = withPid(file, "config", origin.pid);
  if (!named.ok) return { ...fileError(file, "config", named.kind, named.message, { pid: named.pid }), ...originOf(origin) };
  const parsed = parseFelixConfigText(stripBom(text));
  if (!parsed.ok) {
    return {
      ...fileError(file, "config", "parse", parsed.message, { pid: named.pid, line: parsed.line, column: parsed.column }),
      ...originOf(origin),
    };
  }
  return {
    ok: true,
    file,
    format: "config",
    pid: named.pid,
    values: parsed.values,
    keyLines: parsed.keyLines,
    warnings: [],
    ...originOf(origin),
  };
}

// ---------------------------------------------------------------------------------------------
// Any file
// ---------------------------------------------------------------------------------------------

function originOf(origin: ConfigFileOrigin): ConfigFileOrigin {
  const o: ConfigFileOrigin = {};
  if (origin.folder !== undefined) o.folder = origin.folder;
  if (origin.runModes !== undefined) o.runModes = [...origin.runModes];
  return o;
}

/** Decodes file bytes as UTF-8, refusing anything that is not. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, error: "The file is not UTF-8 text." };
  }
}

/**
 * Reads a configuration file of any supported format, chosen by its name
 * (.cfg.json, .xml, .config). Content may be text or bytes.
 */
export function parseConfigFile(
  file: string,
  content: string | Uint8Array,
  origin: ConfigFileOrigin & { pid?: string } = {},
): ConfigFileResult {
  const format = formatOfFileName(file);
  if (!format) {
    return {
      ...fileError(file, undefined, "name", `"${baseName(file)}" is not a configuration file: expected <PID>.cfg.json, <PID>.xml or <PID>.config.`),
      ...originOf(origin),
    };
  }
  const size = typeof content === "string" ? content.length : content.byteLength;
  if (size > MAX_CONFIG_FILE_BYTES) {
    return { ...fileError(file, format, "parse", `The file is larger than ${MAX_CONFIG_FILE_BYTES / 1024} KB.`), ...originOf(origin) };
  }
  let text: string;
  if (typeof content === "string") text = content;
  else {
    const d = decodeUtf8(content);
    if (!d.ok) return { ...fileError(file, format, "parse", d.error), ...originOf(origin) };
    text = d.text;
  }
  switch (format) {
    case "cfg.json":
      return parseCfgJson(file, text, origin);
    case "xml":
      return parseOsgiConfigXml(file, text, origin);
    case "config":
      return parseFelixConfig(file, text, origin);
  }
}
