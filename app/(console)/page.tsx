import Link from "next/link";
import { requirePageRole } from "@/lib/auth/session";
import { Card, PageHeader } from "@/components/ui/card";
import { OAuthStatus } from "@/components/oauth/oauth-status";
import { SendingOverview } from "@/components/dashboard/sending-overview";
import { HourlyChart } from "@/components/dashboard/hourly-chart";
import { sendingStatus } from "@/lib/outbox/status";
import { hourlyStats } from "@/lib/outbox/queries";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requirePageRole();
  const [status, hours] = await Promise.all([user.role === "admin" ? sendingStatus() : null, hourlyStats()]);
  return (
    <div className="space-y-4">
      <PageHeader title="Dashboard" description={`Welcome, ${user.name}. Herald sends your notification emails: configure how mail leaves, edit the templates, and watch delivery.`} />
      {status ? (
        <SendingOverview status={status} hours={hours} />
      ) : (
        <Card title="Messages in the last 24 hours">
          <HourlyChart data={hours} />
        </Card>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {user.role === "admin" ? (
          <Card title="Mail settings">
            <p className="text-sm text-slate-600 dark:text-slate-400">SMTP server, sender addresses, OAuth2 for Gmail and Microsoft 365.</p>
            <Link className="mt-3 inline-block text-sm font-medium text-brand-600 underline dark:text-brand-100" href="/configuration">
              Open the configuration
            </Link>
          </Card>
        ) : null}
        {user.role === "admin" ? <OAuthStatus /> : null}
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
