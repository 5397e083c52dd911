import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { Card, PageHeader } from "@/components/ui/card";
import { OAuthStatus } from "@/components/oauth/oauth-status";
import { SendingOverview } from "@/components/dashboard/sending-overview";
import { ActivityChart } from "@/components/dashboard/activity-chart";
import { RiskyDefaultsAlert } from "@/components/config/risky-defaults-alert";
import { riskyDefaults } from "@/lib/config/risky-defaults";
import { sendingStatus } from "@/lib/outbox/status";
import { activityStats, isActivityRange } from "@/lib/outbox/queries";
import { oauthHealth } from "@/lib/oauth/health";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("metaTitle") };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ range?: string | string[] }> }) {
  const user = await requirePageRole();
  const asked = (await searchParams).range;
  const range = isActivityRange(asked) ? asked : "24h";
  const admin = user.role === "admin";
  const [status, activity, risky, oauth, t] = await Promise.all([
    admin ? sendingStatus() : null,
    activityStats(range),
    admin ? riskyDefaults() : [],
    admin ? oauthHealth() : null,
    getTranslations("dashboard"),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("welcome", { name: user.name })} />
      <RiskyDefaultsAlert items={risky} />
      {status ? (
        <SendingOverview status={status} range={range} activity={activity} />
      ) : (
        <Card title={t("activity")}>
          <ActivityChart range={range} data={activity} />
        </Card>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {admin ? (
          <Card title={t("mailSettings")}>
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("mailSettingsText")}</p>
            <Link className="mt-3 inline-block text-sm font-medium text-brand-600 underline dark:text-brand-100" href="/configuration">
              {t("openConfiguration")}
            </Link>
          </Card>
        ) : null}
        {oauth ? <OAuthStatus health={oauth} /> : null}
        <Card title={t("templates")}>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("templatesText")}</p>
          <Link className="mt-3 inline-block text-sm font-medium text-brand-600 underline dark:text-brand-100" href="/templates">
            {t("editTemplates")}
          </Link>
        </Card>
      </div>
    </div>
  );
}
