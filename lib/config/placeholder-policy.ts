/**
 * Which environment variables a `$[env:NAME]` / `$[secret:NAME]` placeholder may
 * read. Without a rule, an admin could put `$[env:DATABASE_URL]` or `$[env:NEXTAUTH_SECRET]`
 * into a setting and read it back through a test email, an error or a redirect. As in AEM as a
 * Cloud Service, only variables defined for the configuration are visible to it: the operator
 * lists them (names, or prefixes ending in "*") in HERALD_CONFIG_VARS; Herald's own settings are
 * refused even when a pattern covers them. Pure: the lists are parameters.
 */

export interface PlaceholderPolicy {
  /** Why a placeholder may not read `name`, or null when it may. */
  refusal(name: string): string | null;
}

/** The default designation: the names Herald's own exports write (HERALD_SMTP_PASSWORD,
 * HERALD_OAUTH_CLIENT_SECRET, …; see secretPlaceholderName). */
export const DEFAULT_CONFIG_VARS = ["HERALD_SMTP_*", "HERALD_OAUTH_*", "HERALD_CHANNEL_*", "HERALD_WORKFLOW_*", "HERALD_DAM_*"];

/** Prefixes that belong to Herald's own process or sign-in whatever the list says. */
export const OWN_PREFIXES = ["NEXTAUTH_", "NEXT_", "AUTH_"];

export const CONFIG_VARS_ENTRY = /^(\*|[A-Za-z_][A-Za-z0-9_]*\*?)$/;

/** "A, B_*" → ["A", "B_*"]. Empty entries are dropped. */
export function parseConfigVars(spec: string): string[] {
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

export function makePlaceholderPolicy(designated: readonly string[], ownSettings: readonly string[], variable = "HERALD_CONFIG_VARS"): PlaceholderPolicy {
  const own = new Set(ownSettings);
  return {
    refusal(name) {
      if (own.has(name) || OWN_PREFIXES.some((p) => name.startsWith(p))) {
        return `${name} is one of Herald's own settings; configuration values can never read it.`;
      }
      if (designated.some((p) => matches(p, name))) return null;
      return `${name} is not a configuration variable: placeholders may only read the variables listed in ${variable} (now ${designated.length ? designated.join(", ") : "none"}).`;
    },
  };
}

/** Allows every name: for pure code paths (tests, the browser) that have no server environment. */
export const ANY_VARIABLE: PlaceholderPolicy = { refusal: () => null };
