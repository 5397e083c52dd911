import { requirePageRole } from "@/lib/auth/session";
import { listUserSessions } from "@/lib/auth/sessions";
import { describeUserAgent } from "@/lib/auth/user-agent";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { totpStatus } from "@/lib/auth/totp";
import { serverTimeZone, timeZones } from "@/lib/i18n/locales";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionsList } from "@/components/account/sessions-list";
import { PreferencesForm } from "@/components/account/preferences-form";
import { changePasswordAction, endSessionAction, endOtherSessionsAction, savePreferencesAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("account"))("metaTitle") };
}

export default async function AccountPage() {
  const me = await requirePageRole();
  const [t, tc, tn, td, locale] = await Promise.all([getTranslations("account"), getTranslations("common"), getTranslations("nav"), getTranslations("devices"), getLocale()]);
  const sessions = (await listUserSessions(me.id)).map((s) => ({
    id: s.id,
    device: describeUserAgent(s.userAgent, (key, values) => td(key, values)),
    userAgent: s.userAgent,
    address: s.address,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    current: s.id === me.sessionId,
  }));
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description", { name: me.name, email: me.email, role: tn("role", { role: me.role }) })} />
      <Card title={t("changePassword")}>
        <div className="max-w-md">
          <ChangePasswordForm email={me.email} name={me.name} change={changePasswordAction} />
        </div>
      </Card>
      <Card title={t("preferences")}>
        <div className="max-w-md">
          <PreferencesForm locale={locale} timeZone={me.timeZone ?? ""} serverTimeZone={serverTimeZone()} timeZones={timeZones()} save={savePreferencesAction} />
        </div>
      </Card>
      <Card title={t("twoFactor")}>
        <p className="text-sm">
          {(await totpStatus(me.id)).enabled ? <Badge tone="green">{tc("on")}</Badge> : <Badge>{tc("off")}</Badge>}{" "}
          <Link className="underline" href="/account/two-factor">
            {t("manageTwoFactor")}
          </Link>
        </p>
      </Card>
      <Card title={t("sessions")}>
        <SessionsList sessions={sessions} end={endSessionAction} endOthers={endOtherSessionsAction} />
      </Card>
    </div>
  );
}
