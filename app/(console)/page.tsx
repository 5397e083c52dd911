import Link from "next/link";
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

export const metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ range?: string | string[] }> }) {
  const user = await requirePageRole();
  const asked = (await searchParams).range;
  const range = isActivityRange(asked) ? asked : "24h";
  const admin = user.role === "admin";
  const [status, activity, risky, oauth] = await Promise.all([
    admin ? sendingStatus() : null,
    activityStats(range),
    admin ? riskyDefaults() : [],
    admin ? oauthHealth() : null,
  ]);
  return (
    <div className="space-y-4">
      <PageHeader title="Dashboard" description={`Welcome, ${user.name}. Herald sends your notification emails: configure how mail leaves, edit the templates, and watch delivery.`} />
      <RiskyDefaultsAlert items={risky} />
      {status ? (
        <SendingOverview status={status} range={range} activity={activity} />
      ) : (
        <Card title="Activity">
          <ActivityChart range={range} data={activity} />
        </Card>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {admin ? (
          <Card title="Mail settings">
            <p className="text-sm text-slate-600 dark:text-slate-400">SMTP server, sender addresses, OAuth2 for Gmail and Microsoft 365.</p>
            <Link className="mt-3 inline-block text-sm font-medium text-brand-600 underline dark:text-brand-100" href="/configuration">
              Open the configuration
            </Link>
          </Card>
        ) : null}
        {oauth ? <OAuthStatus health={oauth} /> : null}
        <Card title="Templates">
          <p className="text-sm text-slate-600 dark:text-slate-400">Per-language emails for page, forum, workflow and collection events, with a live preview.</p>
          <Link className="mt-3 inline-block text-sm font-medium text-brand-600 underline dark:text-brand-100" href="/templates">
            Edit templates
          </Link>
        </Card>
      </div>
    </div>
  );
}
