/**
 * Herald OpenID Connect Sign-in Provider — single sign-on through the organisation's identity
 * provider (Entra ID, Okta, Google Workspace, Keycloak…). Herald's own service, named in AEM's
 * style; the sign-in itself is in lib/auth/oidc.ts.
 */
import { z } from "zod";
import { defineService } from "../define";
import { isPlaceholder } from "../placeholders";
import { booleanSchema, enumSchema, secretSchema, stringListSchema, textSchema, urlSchema } from "../rules";
import { VALIDATION as V, fill } from "@/lib/validations/messages";

export const OIDC_PROVIDER_PID = "com.herald.auth.OidcProvider";

export const OIDC_LABELS = {
  enabled: "Single sign-on",
  issuer: "Issuer URL",
  clientId: "Client ID",
  clientSecret: "Client secret",
  scopes: "Scopes",
  buttonLabel: "Button label",
  allowedDomains: "Allowed email domains",
  roleClaim: "Role claim",
  adminValues: "Admin values",
  authorValues: "Author values",
  unmatched: "Users matching neither",
} as const;

const L = OIDC_LABELS;

/** Loopback hosts may use plain http (a local test provider); everything else must be https. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i;

const schema = z
  .strictObject({
    enabled: booleanSchema(L.enabled),
    issuer: urlSchema(L.issuer),
    clientId: textSchema(L.clientId, { maxLength: 500 }),
    clientSecret: secretSchema(L.clientSecret),
    scopes: stringListSchema(L.scopes, { itemLabel: "Scope", noSpaces: true, maxItems: 30 }),
    buttonLabel: textSchema(L.buttonLabel, { maxLength: 60 }),
    allowedDomains: stringListSchema(L.allowedDomains, { itemLabel: "Domain", noSpaces: true, maxItems: 100 }),
    roleClaim: textSchema(L.roleClaim, { maxLength: 200 }),
    adminValues: stringListSchema(L.adminValues, { itemLabel: "Admin value", maxItems: 100 }),
    authorValues: stringListSchema(L.authorValues, { itemLabel: "Author value", maxItems: 100 }),
    unmatched: enumSchema(L.unmatched, ["refuse", "author"]),
  })
  .superRefine((v, ctx) => {
    // Refinements run even when a field failed, so guard every read.
    const issuer = typeof v.issuer === "string" ? v.issuer.trim() : "";
    if (issuer && !isPlaceholder(issuer)) {
      try {
        const u = new URL(issuer);
        if (u.protocol !== "https:" && !isLoopbackHost(u.hostname)) {
          ctx.addIssue({
            code: "custom",
            path: ["issuer"],
            message: fill(V.cfgIssuerHttps, { label: L.issuer }),
          });
        }
        if (u.search) ctx.addIssue({ code: "custom", path: ["issuer"], message: fill(V.cfgIssuerQuery, { label: L.issuer }) });
      } catch {
        // urlSchema has reported it.
      }
    }
    if (Array.isArray(v.allowedDomains)) {
      v.allowedDomains.forEach((raw, i) => {
        const d = typeof raw === "string" ? raw.trim().replace(/^@/, "") : "";
        if (d && !isPlaceholder(d) && !DOMAIN.test(d)) {
          ctx.addIssue({
            code: "custom",
            path: ["allowedDomains", i],
            message: fill(V.cfgDomainInvalid, { n: i + 1, domain: d }),
          });
        }
      });
    }
    if (v.enabled !== true) return;
    const need = (key: "issuer" | "clientId", label: string) => {
      if (typeof v[key] === "string" && v[key].trim() === "") {
        ctx.addIssue({ code: "custom", path: [key], message: fill(V.cfgBlankWhileOn, { label, enabled: L.enabled }) });
      }
    };
    need("issuer", L.issuer);
    need("clientId", L.clientId);
    if (Array.isArray(v.scopes) && !v.scopes.some((s) => typeof s === "string" && s.trim() === "openid")) {
      ctx.addIssue({ code: "custom", path: ["scopes"], message: fill(V.cfgScopesOpenid, { label: L.scopes }) });
    }
    const hasClaim = typeof v.roleClaim === "string" && v.roleClaim.trim() !== "";
    const hasValues = (Array.isArray(v.adminValues) && v.adminValues.length > 0) || (Array.isArray(v.authorValues) && v.authorValues.length > 0);
    if (hasValues && !hasClaim) {
      ctx.addIssue({ code: "custom", path: ["roleClaim"], message: fill(V.cfgRoleClaimBlank, { label: L.roleClaim }) });
    }
    if (!hasValues && v.unmatched === "refuse") {
      ctx.addIssue({
        code: "custom",
        path: ["adminValues"],
        message: fill(V.cfgNobodyCanSignIn, { unmatched: L.unmatched }),
      });
    }
  });

export const oidcProvider = defineService({
  pid: OIDC_PROVIDER_PID,
  name: "Herald OpenID Connect Sign-in",
  description:
    "Single sign-on through your organisation's identity provider (Entra ID, Okta, Google Workspace, Keycloak…): the login page offers \"Sign in with …\" and the provider's groups or roles decide who is an admin or an author.",
  group: "Sign-in",
  icon: "key",
  envPrefix: "OIDC",
  schema,
  fields: [
    {
      key: "enabled",
      label: L.enabled,
      type: "boolean",
      default: false,
      help: "Offer \"Sign in with <button label>\" on the login page. Nothing below is used while this is off.",
    },
    {
      key: "issuer",
      label: L.issuer,
      type: "string",
      format: "url",
      default: "",
      placeholder: "https://login.microsoftonline.com/<tenantID>/v2.0",
      help:
        "The provider's issuer; Herald reads <issuer>/.well-known/openid-configuration for everything else (authorization, token, keys, sign-out). Entra ID: https://login.microsoftonline.com/<tenantID>/v2.0. Okta: https://<org>.okta.com (or an authorization server). Google: https://accounts.google.com. Keycloak: https://<host>/realms/<realm>.",
    },
    {
      key: "clientId",
      label: L.clientId,
      type: "string",
      default: "",
      help: "The client (application) ID of the app registered at the provider.",
    },
    {
      key: "clientSecret",
      label: L.clientSecret,
      type: "secret",
      default: "",
      envName: "HERALD_OIDC_CLIENT_SECRET",
      help:
        "The client secret of the registered app. Stored encrypted and never shown again; $[secret:HERALD_OIDC_CLIENT_SECRET] reads it from the server's environment instead.",
    },
    {
      key: "scopes",
      label: L.scopes,
      type: "stringList",
      itemLabel: "Scope",
      default: ["openid", "email", "profile"],
      help: "Requested at sign-in, one per entry; must include openid. Add the scope that releases your role claim if the provider needs one (Okta: groups; Keycloak: roles).",
    },
    {
      key: "buttonLabel",
      label: L.buttonLabel,
      type: "string",
      default: "single sign-on",
      placeholder: "Contoso",
      help: 'The login page shows "Sign in with <label>".',
    },
    {
      key: "allowedDomains",
      label: L.allowedDomains,
      type: "stringList",
      itemLabel: "Domain",
      default: [],
      placeholder: "example.com",
      help: "Only users whose (verified) email address is in one of these domains may sign in. Empty: any domain the provider vouches for.",
    },
    {
      key: "roleClaim",
      label: L.roleClaim,
      type: "string",
      default: "groups",
      placeholder: "groups",
      help: "The ID token claim (or user-info field) holding the user's groups or roles, e.g. groups or roles. A dotted path reaches into objects: realm_access.roles (Keycloak).",
    },
    {
      key: "adminValues",
      label: L.adminValues,
      type: "stringList",
      itemLabel: "Admin value",
      default: [],
      placeholder: "herald-admins",
      help: "A user whose role claim contains one of these values is an admin. The role is evaluated again at every sign-in.",
    },
    {
      key: "authorValues",
      label: L.authorValues,
      type: "stringList",
      itemLabel: "Author value",
      default: [],
      placeholder: "herald-authors",
      help: "A user whose role claim contains one of these values (and no admin value) is a template author.",
    },
    {
      key: "unmatched",
      label: L.unmatched,
      type: "enum",
      default: "refuse",
      options: [
        { value: "refuse", label: "Refuse with a clear page" },
        { value: "author", label: "Create or keep them as authors" },
      ],
      help: "What happens to a user whose role claim holds neither an admin nor an author value.",
    },
  ],
});
