import "server-only";
// The Authorize flow (AEM: /services/mailer/oauth2/authorize and /token): authorization code with
// PKCE S256 and a state that is random, bound to the admin and to the browser that started it
// (a cookie), single use and valid for 10 minutes. The state itself is never stored, only its
// SHA-256; the PKCE verifier is sealed.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { explainOAuthError, type OAuthExplained } from "./explain";
import { oauthText, oauthWarning, type OAuthExplainKey } from "./explain-texts";
import type { Keyed } from "@/lib/i18n/keyed";
import { AppError } from "@/lib/errors";
import { OAuthUnavailableError, TokenEndpointError } from "./errors";
import { accountFromClaims, decodeIdToken, postTokenRequest } from "./http";
import { codeChallengeS256, createCodeVerifier, randomUrlToken, sha256Hex } from "./pkce";
import { authorizationExtraParams, compareScopes, grantedScopeWarnings, scopeWarnings, splitScopes } from "./presets";
import { loadProviderContext, type ProviderContext } from "./provider";
import { importDigestOf, oauthAudit, openToken, sealToken, storeAuthorization, type NewAuthorization } from "./connection";
import { auditIn } from "@/lib/db/audit";
import { consistentTx } from "@/lib/db/tx";
import { logger } from "@/lib/log";

export const STATE_TTL_MS = 10 * 60_000;
/** Cookie that binds a state to the browser that started the flow (httpOnly, SameSite=Lax). */
export const BINDING_COOKIE = "herald_oauth_binding";
export const BINDING_COOKIE_PATH = "/api/mailer/oauth2";

export interface BeginResult {
  /** Where to send the browser: the provider's authorization URL with every parameter. */
  url: string;
  /** Value for the binding cookie. */
  binding: string;
  attemptId: string;
}

/** Starts an authorization for `user` (an admin; the caller checks the role). */
export async function beginAuthorization(user: { id: string }, requestOrigin?: string): Promise<BeginResult> {
  const pc = await loadProviderContext(requestOrigin);
  const state = randomUrlToken(32);
  const binding = randomUrlToken(32);
  const verifier = createCodeVerifier();
  const nonce = pc.scopes.includes("openid") ? randomUrlToken(16) : null;
  const id = randomUUID();
  const now = Date.now();
  await db().oAuthAuthorization.deleteMany({ where: { createdAt: { lt: new Date(now - 86_400_000) } } });
  await db().oAuthAuthorization.create({
    data: {
      id,
      stateHash: sha256Hex(state),
      bindingHash: sha256Hex(binding),
      userId: user.id,
      codeVerifier: sealToken(verifier, "codeVerifier"),
      nonce,
      redirectUri: pc.redirectUri,
      scopes: JSON.stringify(pc.scopes),
      issuerKey: pc.issuerKey,
      expiresAt: new Date(now + STATE_TTL_MS),
    },
  });
  const url = new URL(pc.authUrl);
  const params: Record<string, string> = {
    response_type: "code",
    client_id: pc.clientId,
    redirect_uri: pc.redirectUri,
    scope: pc.scopes.join(" "),
    state,
    code_challenge: codeChallengeS256(verifier),
    code_challenge_method: "S256",
    ...(nonce ? { nonce } : {}),
    ...authorizationExtraParams(pc.kind),
  };
  const hint = pc.mail["smtp.user"]?.trim();
  if (hint && /@/.test(hint)) params.login_hint = hint;
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { url: url.toString(), binding, attemptId: id };
}

export type StateProblem = "missing" | "unknown" | "used" | "expired" | "other_session";

/** The callback's state does not belong to a live authorization of this admin: answer 400, store nothing. */
export class StateError extends Error {
  constructor(readonly problem: StateProblem) {
    super(STATE_MESSAGES[problem]);
    this.name = "StateError";
  }
}

const STATE_MESSAGES: Record<StateProblem, string> = {
  missing: "The provider's answer has no state parameter, so Herald cannot tell it was requested from here. Start again with the Authorize button.",
  unknown: "The state parameter does not match any authorization started from this console. Start again with the Authorize button.",
  used: "This authorization answer was already used. Each Authorize click can be completed once; start again with the Authorize button.",
  expired: "The authorization took longer than 10 minutes and expired. Start again with the Authorize button.",
  other_session: "This authorization was started in another browser or by another admin, or a newer Authorize click replaced it. Start again with the Authorize button in this browser.",
};

export interface Outcome {
  ok: boolean;
  account?: string;
  title: string;
  explanation: string;
  /** Things to fix even though it worked (missing scopes, mailbox ≠ SMTP user, no refresh token). */
  warnings?: string[];
  error?: string;
  description?: string;
  /** The title and explanation by key ("oauth.errors.<key>"), for the page in the reader's language. */
  text?: Keyed<OAuthExplainKey>;
  /** `warnings` by key, in the same order: "oauth.errors.warning.<key>", or "scopeNote.<code>" under "oauth". */
  warningTexts?: Keyed[];
}

export interface CallbackQuery {
  state?: string | null;
  code?: string | null;
  error?: string | null;
  error_description?: string | null;
}

/**
 * Consumes the state atomically (one UPDATE … WHERE usedAt IS NULL AND expiresAt > now AND bound
 * to this user and browser), then records the provider's error or exchanges the code. Throws
 * StateError for a missing, unknown, reused, expired or foreign state — nothing is stored then.
 */
export async function completeAuthorization(user: { id: string; email: string }, query: CallbackQuery, binding: string | undefined): Promise<{ attemptId: string; outcome: Outcome }> {
  const state = query.state?.trim();
  if (!state) throw new StateError("missing");
  const stateHash = sha256Hex(state);
  const bindingHash = binding ? sha256Hex(binding) : "";
  const now = new Date();
  const consumed = await db().oAuthAuthorization.updateMany({
    where: { stateHash, userId: user.id, bindingHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (consumed.count !== 1) {
    const row = await db().oAuthAuthorization.findUnique({ where: { stateHash } });
    if (!row) throw new StateError("unknown");
    if (row.usedAt) throw new StateError("used");
    if (row.expiresAt.getTime() <= now.getTime()) throw new StateError("expired");
    throw new StateError("other_session");
  }
  const attempt = (await db().oAuthAuthorization.findUnique({ where: { stateHash } }))!;
  let exchanged: Exchanged;
  try {
    exchanged = await exchange(user, attempt, query);
  } catch (e) {
    exchanged = { outcome: serverFailure(e) };
  }
  // The tokens, the attempt's outcome and the audit row commit together; when that fails (the
  // tokens cannot be stored), nothing of it is kept and the attempt is recorded as failed instead.
  let { outcome } = exchanged;
  try {
    await recordOutcome(user, attempt.id, outcome, exchanged.store);
  } catch (e) {
    if (!exchanged.store) throw e;
    outcome = serverFailure(e);
    await recordOutcome(user, attempt.id, outcome);
  }
  return { attemptId: attempt.id, outcome };
}

/** What an exchange obtained: the outcome, and the tokens to store when it succeeded. */
interface Exchanged {
  outcome: Outcome;
  store?: { pc: Pick<ProviderContext, "kind" | "issuerKey">; authorization: NewAuthorization };
}

function serverFailure(e: unknown): Outcome {
  // Settings that cannot be read (a missing $[env:…] variable, a secret sealed with another key).
  const known = e instanceof OAuthUnavailableError || e instanceof AppError;
  if (!known) logger().error({ component: "oauth", error: e instanceof Error ? e.name : "error" }, "oauth: completing the authorization failed");
  return { ok: false, ...oauthText("serverFailure", { message: known ? e.message : "none" }), error: "server" };
}

async function recordOutcome(user: { email: string }, attemptId: string, outcome: Outcome, store?: Exchanged["store"]): Promise<void> {
  await consistentTx(async (tx) => {
    if (store) await storeAuthorization(tx, store.pc, store.authorization);
    await tx.oAuthAuthorization.update({ where: { id: attemptId }, data: { outcome: JSON.stringify(outcome) } });
    await auditIn(
      tx,
      outcome.ok
        ? oauthAudit("oauth.authorize", user.email, { account: outcome.account, warnings: outcome.warnings?.length ?? 0 })
        : oauthAudit("oauth.authorize_failed", user.email, { error: outcome.error, title: outcome.title }),
    );
  });
}

function failure(e: OAuthExplained): Outcome {
  return { ok: false, title: e.title, explanation: e.explanation, error: e.error, ...(e.description ? { description: e.description } : {}), ...(e.text ? { text: e.text } : {}) };
}

async function exchange(
  user: { email: string },
  attempt: { redirectUri: string; codeVerifier: string; nonce: string | null; scopes: string; issuerKey: string },
  query: CallbackQuery,
): Promise<Exchanged> {
  if (query.error) {
    const pc = await loadProviderContext();
    return { outcome: failure(explainOAuthError(query.error, query.error_description, { stage: "authorize", redirectUri: attempt.redirectUri, provider: { kind: pc.kind, tokenUrl: pc.tokenUrl } })) };
  }
  const code = query.code?.trim();
  if (!code) return { outcome: { ok: false, ...oauthText("missingCode"), error: "missing_code" } };
  const pc = await loadProviderContext();
  if (pc.issuerKey !== attempt.issuerKey) {
    return { outcome: { ok: false, ...oauthText("settingsChanged"), error: "settings_changed" } };
  }
  let res;
  try {
    res = await postTokenRequest(pc.tokenUrl, {
      grant_type: "authorization_code",
      code,
      redirect_uri: attempt.redirectUri,
      client_id: pc.clientId,
      client_secret: pc.clientSecret || undefined,
      code_verifier: openToken(attempt.codeVerifier, "codeVerifier"),
    });
  } catch (err) {
    const e = err instanceof TokenEndpointError ? err : new TokenEndpointError("network", err instanceof Error ? err.message : String(err), 0);
    return { outcome: failure(explainOAuthError(e.error, e.description, { stage: "token", redirectUri: attempt.redirectUri, provider: { kind: pc.kind, tokenUrl: pc.tokenUrl } })) };
  }
  const claims = decodeIdToken(res.idToken);
  if (attempt.nonce && claims && claims.nonce !== undefined && claims.nonce !== attempt.nonce) {
    return { outcome: { ok: false, ...oauthText("nonceMismatch"), error: "nonce_mismatch" } };
  }
  const requested = safeList(attempt.scopes);
  const granted = res.scope !== undefined ? splitScopes(res.scope) : null;
  const fromToken = accountFromClaims(claims);
  const smtpUser = pc.mail["smtp.user"]?.trim() || "";
  const account = fromToken ?? (smtpUser || null);
  const warnings: string[] = [];
  const warningTexts: Keyed[] = [];
  const warn = (w: { message: string; text: Keyed }) => {
    warnings.push(w.message);
    warningTexts.push({ ...w.text, key: `errors.warning.${w.text.key}` });
  };
  const report = compareScopes(requested, granted);
  if (report.missing.length) warn(oauthWarning("notGranted", { scopes: report.missing.join(", ") }));
  for (const n of [...grantedScopeWarnings(pc.kind, granted), ...scopeWarnings(pc.kind, requested)]) {
    if (n.level === "error") {
      warnings.push(n.message);
      warningTexts.push({ key: `scopeNote.${n.code}`, values: n.values });
    }
  }
  if (fromToken && smtpUser && fromToken.toLowerCase() !== smtpUser.toLowerCase()) {
    warn(oauthWarning("otherAccount", { account: fromToken, user: smtpUser }));
  }
  if (!res.refreshToken) warn(oauthWarning("noRefreshToken"));
  const authorization: NewAuthorization = {
    account,
    accountSource: fromToken ? "id_token" : "smtp_user",
    accessToken: res.accessToken,
    expiresIn: res.expiresIn,
    refreshToken: res.refreshToken ?? null,
    grantedScopes: granted,
    requestedScopes: requested,
    authorizedBy: user.email,
    source: "authorize",
    importDigest: pc.configRefreshToken ? importDigestOf(pc.configRefreshToken) : null,
  };
  return {
    outcome: {
      ok: true,
      account: account ?? undefined,
      ...oauthText("connected", { account: account || "none" }),
      ...(warnings.length ? { warnings, warningTexts } : {}),
    },
    store: { pc, authorization },
  };
}

function safeList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

/** The outcome of an attempt for the OAuth page, only for the admin who made it, for 10 minutes. */
export async function attemptOutcome(attemptId: string, userId: string): Promise<Outcome | null> {
  if (!/^[0-9a-f-]{36}$/.test(attemptId)) return null;
  const row = await db().oAuthAuthorization.findUnique({ where: { id: attemptId } });
  if (!row || row.userId !== userId || !row.outcome || !row.usedAt) return null;
  if (Date.now() - row.usedAt.getTime() > STATE_TTL_MS) return null;
  try {
    return JSON.parse(row.outcome) as Outcome;
  } catch {
    return null;
  }
}
