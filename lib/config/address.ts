/**
 * Parser and validator for one mailbox as it is written in a sender setting:
 *   a@b.c
 *   Acme Support <a@b.c>
 *   "Doe, John" <a@b.c>
 *   <a@b.c>
 *
 * It follows RFC 5322's mailbox grammar closely enough to refuse what would break or alter a
 * `From:` header (line breaks, unquoted commas that turn one address into two, stray angle
 * brackets) and explains each refusal in plain words. Internationalised addresses (RFC 6531,
 * non-ASCII letters in the local part or domain) are accepted; comments "(…)" and groups are not.
 *
 * Pure; safe in the browser.
 */

export interface ParsedAddress {
  /** Display name, unquoted and unescaped ("" when there is none). */
  name: string;
  /** The address itself, local@domain. */
  address: string;
  local: string;
  domain: string;
}

export type AddressParseResult = { ok: true; value: ParsedAddress } | { ok: false; error: string };

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_LABEL = 63;

// RFC 5322 atext, plus any non-ASCII character (RFC 6532).
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\uFFFF]$/u;
const DOMAIN_LABEL_CHAR = /^[A-Za-z0-9\-\u0080-\uFFFF]$/u;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function fail(error: string): AddressParseResult {
  return { ok: false, error };
}

function quoteChar(c: string): string {
  return c === '"' ? "'\"'" : `"${c}"`;
}

/** Checks a bare addr-spec (local@domain); returns the parts or a reason. */
export function parseAddrSpec(
  spec: string,
): { ok: true; local: string; domain: string } | { ok: false; error: string } {
  if (spec === "") return { ok: false, error: "it is empty" };
  if (!spec.startsWith('"') && /\s/.test(spec)) return { ok: false, error: "it contains a space" };
  let local: string;
  let rest: string;
  if (spec.startsWith('"')) {
    // Quoted local part: "john doe"@example.com
    let i = 1;
    let closed = -1;
    while (i < spec.length) {
      const c = spec[i];
      if (c === "\\") {
        i += 2;
        continue;
      }
      if (c === '"') {
        closed = i;
        break;
      }
      i++;
    }
    if (closed < 0) return { ok: false, error: "the quoted part before \"@\" is not closed" };
    local = spec.slice(0, closed + 1);
    rest = spec.slice(closed + 1);
    if (!rest.startsWith("@")) {
      return { ok: false, error: 'the quoted part before "@" must be followed directly by "@"' };
    }
    if (local.length === 2) return { ok: false, error: 'there is nothing before the "@"' };
    rest = rest.slice(1);
    if (/\s/.test(rest)) return { ok: false, error: "it contains a space" };
  } else {
    const at = spec.indexOf("@");
    if (at < 0) return { ok: false, error: 'it has no "@"' };
    local = spec.slice(0, at);
    rest = spec.slice(at + 1);
    if (rest.includes("@")) return { ok: false, error: 'it has more than one "@"' };
    if (local === "") return { ok: false, error: 'there is nothing before the "@"' };
    if (local.startsWith(".") || local.endsWith(".")) {
      return { ok: false, error: 'the part before "@" must not start or end with a dot' };
    }
    if (local.includes("..")) return { ok: false, error: 'the part before "@" has two dots in a row' };
    for (const c of local) {
      if (c !== "." && !ATEXT.test(c)) {
        return { ok: false, error: `the part before "@" contains ${quoteChar(c)}` };
      }
    }
  }
  if ([...local].length > MAX_LOCAL) {
    return { ok: false, error: `the part before "@" is longer than ${MAX_LOCAL} characters` };
  }
  const domainCheck = checkDomain(rest);
  if (domainCheck) return { ok: false, error: domainCheck };
  if ([...local].length + 1 + [...rest].length > MAX_ADDRESS) {
    return { ok: false, error: `it is longer than ${MAX_ADDRESS} characters` };
  }
  return { ok: true, local, domain: rest };
}

function checkDomain(domain: string): string | null {
  if (domain === "") return 'there is nothing after the "@"';
  if (domain.startsWith("[")) {
    // Domain literal: [192.0.2.1] or [IPv6:2001:db8::1]
    if (!domain.endsWith("]")) return 'the address in "[…]" after the "@" is not closed';
    const inner = domain.slice(1, -1);
    if (isIPv4(inner)) return null;
    if (/^IPv6:[0-9A-Fa-f:.]+$/.test(inner) && inner.includes(":", 5)) return null;
    return 'the address in "[…]" after the "@" is not an IP address';
  }
  if (domain.startsWith(".") || domain.endsWith(".")) return "the domain must not start or end with a dot";
  if (domain.includes("..")) return "the domain has two dots in a row";
  const labels = domain.split(".");
  for (const label of labels) {
    for (const c of label) {
      if (!DOMAIN_LABEL_CHAR.test(c)) return `the domain contains ${quoteChar(c)}`;
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      return `the domain part "${label}" must not start or end with "-"`;
    }
    if ([...label].length > MAX_LABEL) {
      return `the domain part "${label.slice(0, 20)}…" is longer than ${MAX_LABEL} characters`;
    }
  }
  if (labels.length === 1) {
    // Single-label domains only make sense for a local test server.
    if (domain.toLowerCase() === "localhost") return null;
    return `the domain "${domain}" needs a dot, e.g. ${domain}.com`;
  }
  if (/^[0-9]+$/.test(labels.at(-1) ?? "")) {
    return 'the domain must end in a name, not a number (write an IP address as "[192.0.2.1]")';
  }
  return null;
}

function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return (
    parts.length === 4 &&
    parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)
  );
}

/**
 * Reads the display-name part (everything before "<"). Returns the unquoted name or a reason.
 * Words may be atoms or quoted strings; "." is allowed unquoted (common in "J. Doe").
 */
function parseDisplayName(raw: string): { ok: true; name: string } | { ok: false; error: string } {
  const words: string[] = [];
  let i = 0;
  let current = "";
  let inWord = false;
  const flush = () => {
    if (inWord) words.push(current);
    current = "";
    inWord = false;
  };
  while (i < raw.length) {
    const c = raw.charAt(i);
    if (c === " " || c === "\t") {
      flush();
      i++;
      continue;
    }
    if (c === '"') {
      // quoted-string; may be glued to an atom ("a"b is two words in RFC terms, we join them)
      let j = i + 1;
      let text = "";
      let closed = false;
      while (j < raw.length) {
        const d = raw[j];
        if (d === "\\") {
          if (j + 1 >= raw.length) break;
          text += raw[j + 1];
          j += 2;
          continue;
        }
        if (d === '"') {
          closed = true;
          break;
        }
        text += d;
        j++;
      }
      if (!closed) return { ok: false, error: "the quotes around the name are not closed" };
      current += text;
      inWord = true;
      i = j + 1;
      continue;
    }
    if ("(),:;<>@[]\\".includes(c)) {
      return {
        ok: false,
        error: `the name contains ${quoteChar(c)}; put the name in double quotes, e.g. "Doe, John" <name@example.com>`,
      };
    }
    current += c;
    inWord = true;
    i++;
  }
  flush();
  return { ok: true, name: words.join(" ") };
}

/** Parses one mailbox: "a@b.c", "Name <a@b.c>", "\"Doe, John\" <a@b.c>" or "<a@b.c>". */
export function parseAddress(input: string): AddressParseResult {
  if (typeof input !== "string") return fail("it is not text");
  if (/[\r\n]/.test(input)) return fail("it contains a line break");
  if (CONTROL.test(input)) return fail("it contains a control character");
  const s = input.trim();
  if (s === "") return fail("it is empty");

  // Find a "<" outside quotes: that starts the angle-address form.
  let lt = -1;
  let inQuotes = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\" && inQuotes) {
      i++;
      continue;
    }
    if (c === '"') inQuotes = !inQuotes;
    else if (c === "<" && !inQuotes) {
      lt = i;
      break;
    }
  }

  if (lt < 0 && inQuotes) return fail('a double quote (") is not closed');
  if (lt < 0) {
    if (s.includes(">")) return fail('it has a ">" without a matching "<"');
    if (!s.startsWith('"') && /[,;]/.test(s) && (s.match(/@/g) ?? []).length > 1) {
      return fail("only one address is allowed");
    }
    if (/\s/.test(s) && !s.startsWith('"')) {
      return fail('it contains a space; for a display name write Name <name@example.com>');
    }
    const spec = parseAddrSpec(s);
    if (!spec.ok) return fail(spec.error);
    return { ok: true, value: { name: "", address: s, local: spec.local, domain: spec.domain } };
  }

  const gt = s.indexOf(">", lt);
  if (gt < 0) return fail('the "<" is not closed by ">"');
  const inner = s.slice(lt + 1, gt).trim();
  if (inner.includes("<")) return fail('it has a "<" inside "<…>"');
  const after = s.slice(gt + 1).trim();
  if (after !== "") {
    if (/^[,;]/.test(after)) return fail("only one address is allowed");
    return fail('there is text after the closing ">"');
  }
  if (inner === "") return fail('there is no address inside "<…>"');
  const name = parseDisplayName(s.slice(0, lt));
  if (!name.ok) return fail(name.error);
  const spec = parseAddrSpec(inner);
  if (!spec.ok) return fail(spec.error);
  return {
    ok: true,
    value: { name: name.name, address: inner, local: spec.local, domain: spec.domain },
  };
}

export function isValidAddress(input: string): boolean {
  return parseAddress(input).ok;
}

/** Why the input is not a valid address, or null when it is. */
export function addressProblem(input: string): string | null {
  const r = parseAddress(input);
  return r.ok ? null : r.error;
}

// A name that can be written without quotes: words of atext (and dots) separated by single spaces.
const PLAIN_NAME = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-.\u0080-\uFFFF]+( [A-Za-z0-9!#$%&'*+/=?^_`{|}~\-.\u0080-\uFFFF]+)*$/u;

/**
 * Writes a mailbox back as text, quoting the name when it needs quotes.
 * Throws when the name contains a line break (it would end the header).
 */
export function formatAddress(a: { name?: string; address: string }): string {
  const name = (a.name ?? "").trim();
  if (/[\r\n]/.test(name) || /[\r\n]/.test(a.address)) {
    throw new Error("An email address or name must not contain line breaks.");
  }
  if (name === "") return a.address;
  const shown = PLAIN_NAME.test(name) ? name : `"${name.replace(/(["\\])/g, "\\$1")}"`;
  return `${shown} <${a.address}>`;
}
