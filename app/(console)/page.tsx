import Link from "next/link";
import { requirePageRole } from "@/lib/auth/session";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requirePageRole();
  return (
    <div>
      <PageHeader title="Dashboard" description={`Welcome, ${user.name}. Herald sends your notification emails: configure how mail leaves, edit the templates, and watch delivery.`} />
      <div className="grid gap-4 md:grid-cols-2">
        {user.role === "admin" ? (
          <Card title="Mail settings">
            <p className="text-sm text-slate-600 dark:text-slate-400">SMTP server, sender addresses, OAuth2 for Gmail and Microsoft 365.</p>
            <Link className="mt-3 inline-block text-sm font-medium text-brand-600 underline dark:text-brand-100" href="/configuration">
              Open the configuration
            </Link>
          </Card>
        ) : null}
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
