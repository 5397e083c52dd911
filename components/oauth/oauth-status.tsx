import Link from "next/link";
import type { OAuthHealth } from "@/lib/oauth/health";
import { sayOnce } from "@/lib/outbox/verdict";
import { Alert, Badge, Card } from "@/components/ui/card";

/**
 * The dashboard's OAuth2 card (admins): the connected mailbox, or "Re-authorization needed" with
 * the reason. Renders nothing while OAuth2 is not in use (OAuth flow off and nothing connected).
 */
export function OAuthStatus({ health: h }: { health: OAuthHealth }) {
  if (!h.mail.oauthFlow && !h.connection) return null;
  const c = h.connection;
  const reauth = h.status === "reauth_needed";
  return (
    <Card
      title="OAuth2 mailbox"
      actions={
        <span data-testid="dashboard-oauth-status" data-status={h.status}>
          <Badge tone={reauth ? "red" : h.status === "connected" ? "green" : h.status === "attention" ? "amber" : "slate"}>
            {reauth ? "Re-authorization needed" : h.status === "connected" ? "Connected" : h.status === "attention" ? "Needs attention" : h.status === "not_configured" ? "Not configured" : "Not connected"}
          </Badge>
        </span>
      }
    >
      {reauth ? (
        <Alert tone="error" title="Re-authorization needed">
          <span data-testid="dashboard-reauth-reason">{sayOnce(c?.reason ?? c?.notes.find((n) => n.level === "error")?.message ?? "The stored authorization no longer works.", ["Re-authorization needed"])}</span>
        </Alert>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{h.headline}.</p>
      )}
      <Link className="mt-3 inline-block text-sm font-medium text-brand-600 underline dark:text-brand-100" href="/configuration/oauth">
        {reauth ? "Re-authorize" : "Open the OAuth2 page"}
      </Link>
    </Card>
  );
}
