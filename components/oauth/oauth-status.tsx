import Link from "next/link";
import { useTranslations } from "next-intl";
import type { OAuthHealth } from "@/lib/oauth/health";
import { sayOnce } from "@/lib/outbox/verdict";
import { Alert, Badge, Card } from "@/components/ui/card";
import { oauthWords, type Translate } from "./oauth-words";

/**
 * The dashboard's OAuth2 card (admins): the connected mailbox, or "Re-authorization needed" with
 * the reason. Renders nothing while OAuth2 is not in use (OAuth flow off and nothing connected).
 */
export function OAuthStatus({ health: h }: { health: OAuthHealth }) {
  const t = useTranslations("oauthCard");
  const to = useTranslations("oauth") as unknown as Translate;
  if (!h.mail.oauthFlow && !h.connection) return null;
  const c = h.connection;
  const reauth = h.status === "reauth_needed";
  return (
    <Card
      title={t("title")}
      actions={
        <span data-testid="dashboard-oauth-status" data-status={h.status}>
          <Badge tone={reauth ? "red" : h.status === "connected" ? "green" : h.status === "attention" ? "amber" : "slate"}>
            {reauth ? t("reauth") : h.status === "connected" ? t("connected") : h.status === "attention" ? t("attention") : h.status === "not_configured" ? t("notConfigured") : t("notConnected")}
          </Badge>
        </span>
      }
    >
      {reauth ? (
        <Alert tone="error" title={t("reauth")}>
          {/* The reason comes from lib/oauth in English; sayOnce drops lib's own English headline from it. */}
          <span data-testid="dashboard-reauth-reason">{sayOnce(c?.reason ?? ((n) => (n ? (n.text ? oauthWords(to, `health.${n.text.key}`, n.text.values) : n.message) : t("storedBroken")))(c?.notes.find((n) => n.level === "error")), ["Re-authorization needed"])}</span>
        </Alert>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("headline", { headline: oauthWords(to, `health.${h.headlineText.key}`, h.headlineText.values) })}</p>
      )}
      <Link className="mt-3 inline-block text-sm font-medium text-brand-600 underline dark:text-brand-100" href="/configuration/oauth">
        {reauth ? t("reauthorize") : t("open")}
      </Link>
    </Card>
  );
}
