// Provider presets (Google, Microsoft 365, Custom), what each provider needs on the wire, and
// the checks of requested / granted scopes. Pure: no server imports, so the OAuth page's form runs
// the very same rules in the browser as the server does when it saves and sends.
import { insecureCredentialUrl, isLoopbackHost } from "@/lib/config/rules";
import { z } from "zod";
import { VALIDATION, fill } from "@/lib/validations/messages";
import { REFRESH_LIMIT_TEXTS, scopeNote, type RefreshLimitKey } from "./preset-texts";
import type { KeyedValues } from "@/lib/i18n/keyed";

export type ProviderKind = "google" | "microsoft" | "custom";
export type SmtpSecurity = "starttls" | "ssl" | "plain";

export interface PresetValues {
  authUrl: string;
  tokenUrl: string;
  /** Blank means "the token URL" (the OAuth2 provider service's own rule). */
  refreshUrl: string;
  scopes: string[];
  smtpHost: string;
  smtpPort: number;
  security: SmtpSecurity;
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  requireTls: boolean;
}

export interface ProviderInfo {
  kind: ProviderKind;
  label: string;
  /** One line for the preset picker. */
  summary: string;
}

export const PROVIDERS: readonly ProviderInfo[] = [
  { kind: "google", label: "Google (Gmail / Workspace)", summary: "smtp.gmail.com:587 with StartTLS, scope https://mail.google.com/" },
  { kind: "microsoft", label: "Microsoft 365", summary: "smtp.office365.com:587 with StartTLS, scope SMTP.Send with offline_access" },
  { kind: "custom", label: "Custom", summary: "Any OAuth2 provider whose SMTP server accepts XOAUTH2: enter its URLs and scopes" },
];

export function providerLabel(kind: ProviderKind): string {
  return PROVIDERS.find((p) => p.kind === kind)?.label ?? "Custom";
}

// --- well-known values --------------------------------------------------------------------------

export const GOOGLE = {
  // Google's current endpoints (from https://accounts.google.com/.well-known/openid-configuration);
  // AEM's documentation lists the older accounts.google.com/o/oauth2/{auth,token}, which still work.
  authUrl: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenUrl: "https://oauth2.googleapis.com/token",
  revokeUrl: "https://oauth2.googleapis.com/revoke",
  /** The only scope Gmail's SMTP server accepts for XOAUTH2. */
  mailScope: "https://mail.google.com/",
  sendOnlyScope: "https://www.googleapis.com/auth/gmail.send",
  smtpHost: "smtp.gmail.com",
  hosts: ["accounts.google.com", "oauth2.googleapis.com", "www.googleapis.com"],
} as const;

export const MICROSOFT = {
  authority: "https://login.microsoftonline.com",
  smtpScope: "https://outlook.office.com/SMTP.Send",
  smtpHost: "smtp.office365.com",
  hosts: ["login.microsoftonline.com", "login.microsoft.com", "login.windows.net"],
} as const;

/** The scopes of each preset: the least that sends mail, plus openid/email to learn the account. */
export const PRESET_SCOPES: Record<Exclude<ProviderKind, "custom">, readonly string[]> = {
  google: [GOOGLE.mailScope, "openid", "email"],
  microsoft: ["openid", "profile", "email", "offline_access", MICROSOFT.smtpScope],
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** A Microsoft Entra tenant: its ID (GUID), a verified domain, "organizations" or "common". */
export function tenantProblem(tenant: string): string | null {
  const t = tenant.trim();
  if (!t) return VALIDATION.tenantMissing;
  if (t === "consumers") return VALIDATION.tenantConsumers;
  if (t === "organizations" || t === "common" || GUID.test(t) || DOMAIN.test(t)) return null;
  return fill(VALIDATION.tenantInvalid, { tenant: t });
}

/** The tenant in a Microsoft authorization or token URL, or null. */
export function tenantOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (!MICROSOFT.hosts.includes(u.hostname as (typeof MICROSOFT.hosts)[number])) return null;
    const first = u.pathname.split("/").filter(Boolean)[0];
    return first ? decodeURIComponent(first) : null;
  } catch {
    return null;
  }
}

/** What a preset fills in. Microsoft needs the tenant; a blank one gives "organizations". */
/** A Microsoft identity platform v2.0 endpoint for a tenant path segment (already URL-encoded, or "<tenant>" in help texts). */
export function microsoftEndpoint(tenantSegment: string, which: "authorize" | "token"): string {
  return `${MICROSOFT.authority}/${tenantSegment}/oauth2/v2.0/${which}`;
}

/**
 * The help texts of the CQ Mail SMTP OAuth2 Provider's fields that quote provider values — the
 * very URLs and scopes the presets fill (and docs/oauth.md shows), so the service form, the OAuth
 * page and the documentation cannot drift apart.
 */
export const PRESET_FIELD_HELP = {
  authUrl:
    `Where the Authorize button sends you to sign in and consent. Gmail: ${GOOGLE.authUrl}. ` +
    `Microsoft 365: ${microsoftEndpoint("<tenant>", "authorize")}.`,
  tokenUrl:
    `Where the authorization code is exchanged for access and refresh tokens. Gmail: ${GOOGLE.tokenUrl}. ` +
    `Microsoft 365: ${microsoftEndpoint("<tenant>", "token")}.`,
  scopes:
    `Permissions requested at sign-in, one per entry. Gmail: ${PRESET_SCOPES.google.join(", ")} ` +
    `(${GOOGLE.mailScope} is the only scope Gmail's SMTP server accepts). ` +
    `Microsoft 365: ${PRESET_SCOPES.microsoft.join(", ")}.`,
  authUrlPlaceholder: microsoftEndpoint("<tenant>", "authorize"),
  tokenUrlPlaceholder: microsoftEndpoint("<tenant>", "token"),
  scopesPlaceholder: GOOGLE.mailScope,
} as const;

export function presetValues(kind: ProviderKind, opts: { tenant?: string } = {}): PresetValues {
  if (kind === "google") {
    return {
      authUrl: GOOGLE.authUrl,
      tokenUrl: GOOGLE.tokenUrl,
      refreshUrl: "",
      scopes: [...PRESET_SCOPES.google],
      smtpHost: GOOGLE.smtpHost,
      smtpPort: 587,
      security: "starttls",
      requireTls: true,
    };
  }
  if (kind === "microsoft") {
    const tenant = encodeURIComponent(opts.tenant?.trim() || "organizations");
    return {
      authUrl: microsoftEndpoint(tenant, "authorize"),
      tokenUrl: microsoftEndpoint(tenant, "token"),
      refreshUrl: "",
      scopes: [...PRESET_SCOPES.microsoft],
      smtpHost: MICROSOFT.smtpHost,
      smtpPort: 587,
      security: "starttls",
      requireTls: true,
    };
  }
  return { authUrl: "", tokenUrl: "", refreshUrl: "", scopes: [], smtpHost: "", smtpPort: 587, security: "starttls", requireTls: false };
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname.toLowerCase() : "";
  } catch {
    return "";
  }
}

/** Which provider a configuration talks to, from its URLs (the token URL decides first). */
export function detectProviderKind(v: { authUrl?: string; tokenUrl?: string }): ProviderKind {
  for (const host of [hostOf(v.tokenUrl), hostOf(v.authUrl)]) {
    if (!host) continue;
    if ((GOOGLE.hosts as readonly string[]).includes(host)) return "google";
    if ((MICROSOFT.hosts as readonly string[]).includes(host)) return "microsoft";
    return "custom";
  }
  return "custom";
}

/**
 * Extra parameters of the authorization request. Google issues a refresh token only with
 * access_type=offline, and again on a later consent only with prompt=consent. Microsoft: let the
 * admin pick the mailbox account (it must be the SMTP user).
 */
export function authorizationExtraParams(kind: ProviderKind): Record<string, string> {
  if (kind === "google") return { access_type: "offline", prompt: "consent" };
  if (kind === "microsoft") return { prompt: "select_account" };
  return {};
}

/**
 * Whether the refresh request repeats the scopes. Microsoft's v2 endpoint expects them (and a
 * refresh token is good only for the resource it was issued for); Google ignores or rejects
 * extras, so it gets none. RFC 6749 §6 allows the same scopes as granted for anyone else.
 */
export function refreshSendsScope(kind: ProviderKind): boolean {
  return kind !== "google";
}

// --- scopes -------------------------------------------------------------------------------------

/** OpenID Connect and offline scopes: providers often do not echo them back in `scope`. */
const UNECHOED = new Set(["openid", "profile", "email", "offline_access"]);

/** Scopes split the way the provider sends them (space separated) and cleaned. */
export function splitScopes(scope: string | undefined | null): string[] {
  return (scope ?? "").split(/\s+/).map((s) => s.trim()).filter(Boolean);
}

/** One spelling per scope, for comparing what was asked with what was granted. */
export function normalizeScope(scope: string): string {
  const s = scope.trim();
  const lower = s.toLowerCase();
  if (lower === "https://www.googleapis.com/auth/userinfo.email") return "email";
  if (lower === "https://www.googleapis.com/auth/userinfo.profile") return "profile";
  // Microsoft accepts both resource spellings for Exchange Online.
  const ms = /^https:\/\/outlook\.office(?:365)?\.com\/(.+)$/i.exec(s)?.[1];
  if (ms) return `https://outlook.office.com/${ms.toLowerCase()}`;
  if (UNECHOED.has(lower)) return lower;
  return s;
}

export function isMicrosoftSmtpScope(scope: string): boolean {
  return normalizeScope(scope) === "https://outlook.office.com/smtp.send";
}

export interface ScopeNote {
  level: "error" | "warning" | "info";
  /** Stable identifier for tests and the UI. */
  code: string;
  message: string;
  /** The message's values ("oauth.scopeNote.<code>" in the catalogs words it). */
  values?: KeyedValues;
}

/** What is wrong or worth knowing about a list of requested scopes, for this provider. */
export function scopeWarnings(kind: ProviderKind, scopes: readonly string[]): ScopeNote[] {
  const list = scopes.map((s) => s.trim()).filter(Boolean);
  const notes: ScopeNote[] = [];
  if (list.length === 0) {
    notes.push(scopeNote("error", "no_scopes"));
    return notes;
  }
  const has = (s: string) => list.includes(s);
  if (kind === "google") {
    if (!has(GOOGLE.mailScope)) {
      const noSlash = has("https://mail.google.com");
      notes.push(scopeNote("error", "google_mail_scope_missing", { noSlash: noSlash ? "yes" : "no", sendOnly: has(GOOGLE.sendOnlyScope) ? "yes" : "no", mailScope: GOOGLE.mailScope, sendOnlyScope: GOOGLE.sendOnlyScope }));
    } else if (has(GOOGLE.sendOnlyScope)) {
      notes.push(scopeNote("info", "google_send_scope_unneeded", { sendOnlyScope: GOOGLE.sendOnlyScope, mailScope: GOOGLE.mailScope }));
    }
    if (has("offline_access")) {
      notes.push(scopeNote("warning", "google_offline_access"));
    }
  } else if (kind === "microsoft") {
    if (!list.some(isMicrosoftSmtpScope)) {
      notes.push(scopeNote("error", "microsoft_smtp_scope_missing", { smtpScope: MICROSOFT.smtpScope }));
    }
    if (!has("offline_access")) {
      notes.push(scopeNote("error", "microsoft_offline_access_missing"));
    }
    const unneeded = list.filter((s) => /^https:\/\/outlook\.office(365)?\.com\/(Mail\.Send|Mail\.Read)$/i.test(s));
    if (unneeded.length) {
      notes.push(scopeNote("info", "microsoft_mail_scopes_unneeded", { scopes: unneeded.join(" and "), count: unneeded.length }));
    }
    const resources = new Set(list.filter((s) => /^https?:\/\//i.test(s)).map((s) => (/^https:\/\/outlook\.office(365)?\.com\//i.test(s) ? "outlook" : hostOf(s))));
    if (resources.size > 1) {
      notes.push(scopeNote("error", "microsoft_mixed_resources", { count: resources.size, resources: [...resources].join(", ") }));
    }
  } else if (!list.some((s) => s === "offline_access") && list.some((s) => UNECHOED.has(s))) {
    notes.push(scopeNote("info", "custom_offline_access"));
  }
  return notes;
}

export interface GrantReport {
  /** Requested scopes the provider did not grant (unechoed OIDC scopes never count as missing). */
  missing: string[];
  /** Granted scopes that were not requested. */
  extra: string[];
}

/** Compares requested with granted scopes; granted null (not reported) means nothing is missing. */
export function compareScopes(requested: readonly string[], granted: readonly string[] | null): GrantReport {
  if (!granted) return { missing: [], extra: [] };
  const g = new Set(granted.map(normalizeScope));
  const r = new Set(requested.map(normalizeScope));
  return {
    missing: requested.filter((s) => !g.has(normalizeScope(s)) && !UNECHOED.has(normalizeScope(s))),
    extra: granted.filter((s) => !r.has(normalizeScope(s)) && !UNECHOED.has(normalizeScope(s))),
  };
}

/** Problems with the scopes the provider actually granted (e.g. an unticked Gmail box). */
export function grantedScopeWarnings(kind: ProviderKind, granted: readonly string[] | null): ScopeNote[] {
  if (!granted) return [];
  if (kind === "google" && !granted.includes(GOOGLE.mailScope)) {
    return [scopeNote("error", "google_mail_scope_not_granted", { mailScope: GOOGLE.mailScope })];
  }
  if (kind === "microsoft" && !granted.some(isMicrosoftSmtpScope)) {
    return [scopeNote("error", "microsoft_smtp_scope_not_granted", { smtpScope: MICROSOFT.smtpScope })];
  }
  return [];
}

// --- known token lifetimes ----------------------------------------------------------------------

export const DAY_MS = 86_400_000;

export interface RefreshTokenLimit {
  /** When the warning starts (age or idle time in days). */
  warnAfterDays: number;
  limitDays: number;
  /** "age": since the refresh token was issued; "idle": since it was last used. */
  basis: "age" | "idle";
  message: string;
  /** The message's key ("oauth.limit.<key>" in the catalogs). */
  key: RefreshLimitKey;
}

/** The providers' documented refresh-token limits that make a connection stop working. */
export function refreshTokenLimits(kind: ProviderKind): RefreshTokenLimit[] {
  if (kind === "google") {
    return [
      {
        warnAfterDays: 5,
        limitDays: 7,
        basis: "age",
        message: REFRESH_LIMIT_TEXTS.googleTesting,
        key: "googleTesting",
      },
      {
        warnAfterDays: 150,
        limitDays: 182,
        basis: "idle",
        message: REFRESH_LIMIT_TEXTS.googleIdle,
        key: "googleIdle",
      },
    ];
  }
  if (kind === "microsoft") {
    return [
      {
        warnAfterDays: 75,
        limitDays: 90,
        basis: "idle",
        message: REFRESH_LIMIT_TEXTS.microsoftIdle,
        key: "microsoftIdle",
      },
    ];
  }
  return [];
}

// --- the preset form ----------------------------------------------------------------------------

const trimmed = (label: string, max = 2000) => z.string({ error: `${label} must be text.` }).trim().max(max, `${label} must be at most ${max} characters.`);

function httpUrl(label: string) {
  return trimmed(label).refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && !!u.hostname;
    } catch {
      return false;
    }
  }, `${label} must be a full http(s) URL.`);
}

/** A URL the client secret or tokens are sent to: https, or http only to this machine. */
function secureUrl(label: string) {
  return httpUrl(label).superRefine((v, ctx) => {
    const m = /^http:/i.test(v) ? insecureCredentialUrl(label, v) : null;
    if (m) ctx.addIssue({ code: "custom", message: m });
  });
}

/** The OAuth page's "Connect a provider" form: validated in the browser and again on the server. */
export const presetFormSchema = z
  .object({
    preset: z.enum(["google", "microsoft", "custom"], { error: VALIDATION.presetChoose }),
    tenant: trimmed("Tenant", 253).default(""),
    clientId: trimmed("Client ID", 500).min(1, VALIDATION.clientIdBlank),
    /** Blank keeps the stored secret. */
    clientSecret: z.string().max(2000, VALIDATION.clientSecretMax).default(""),
    authUrl: secureUrl("Authorization URL"),
    tokenUrl: secureUrl("Token URL"),
    refreshUrl: trimmed("Refresh token URL")
      .refine((v) => v === "" || httpUrl("x").safeParse(v).success, VALIDATION.refreshUrlInvalid)
      .superRefine((v, ctx) => {
        const m = /^http:/i.test(v) ? insecureCredentialUrl("Refresh token URL", v) : null;
        if (m) ctx.addIssue({ code: "custom", message: m });
      }),
    scopes: z.array(trimmed("Scope", 500).min(1, VALIDATION.scopeBlank).regex(/^\S+$/, VALIDATION.scopeSpaces)).min(1, VALIDATION.scopesMin).max(50),
    redirectUrl: httpUrl("Redirect URL"),
    smtpHost: trimmed("SMTP host", 253).min(1, VALIDATION.smtpHostBlank).regex(/^[^\s/:]+$|^\[[0-9a-f:.]+\]$/i, VALIDATION.smtpHostFormat),
    smtpPort: z.coerce.number({ error: VALIDATION.smtpPortNumber }).int(VALIDATION.smtpPortWhole).min(25, VALIDATION.smtpPortRange).max(65535, VALIDATION.smtpPortRange),
    security: z.enum(["starttls", "ssl", "plain"], { error: VALIDATION.securityChoose }),
    requireTls: z.boolean().default(false),
    mailbox: trimmed("Mailbox", 320).min(1, VALIDATION.mailboxBlank).regex(/^[^\s@<>]+@[^\s@<>]+$/, VALIDATION.mailboxEmail),
    fromAddress: trimmed("From address", 500).min(1, VALIDATION.fromBlank).refine((v) => !/[\r\n]/.test(v), VALIDATION.fromOneLine),
  })
  .superRefine((v, ctx) => {
    if (v.preset === "microsoft") {
      const p = tenantProblem(v.tenant);
      if (p) ctx.addIssue({ code: "custom", path: ["tenant"], message: p });
    }
    if (v.security === "ssl" && v.requireTls) {
      ctx.addIssue({ code: "custom", path: ["requireTls"], message: VALIDATION.requireTlsSsl });
    }
    if (v.security === "plain" && v.requireTls) {
      ctx.addIssue({ code: "custom", path: ["requireTls"], message: VALIDATION.requireTlsPlain });
    }
  });

export type PresetForm = z.infer<typeof presetFormSchema>;
export type PresetFormInput = z.input<typeof presetFormSchema>;

/** The redirect URL a console at `origin` registers at the provider. */
export function defaultRedirectUrl(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/api/mailer/oauth2/token`;
}

/** Whether a URL is plain http to somewhere other than this machine (tokens would travel in clear). */
export function insecureUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:") return false;
    return !isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}
