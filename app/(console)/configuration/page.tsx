import Link from "next/link";
import { requirePageRole } from "@/lib/auth/session";
import { listServiceStates } from "@/lib/config/store";
import { riskyDefaults } from "@/lib/config/risky-defaults";
import { PageHeader, Badge } from "@/components/ui/card";
import { RiskyDefaultsAlert } from "@/components/config/risky-defaults-alert";

export const metadata = { title: "Configuration" };

// Like AEM's /system/console/configMgr: every configurable service with its PID and state.
export default async function ConfigurationPage() {
  await requirePageRole("admin");
  const [services, risky] = await Promise.all([listServiceStates(), riskyDefaults()]);
  return (
    <div>
      <PageHeader
        title="Configuration"
        description="The mail services of Herald, as in AEM's OSGi configuration manager. Every save is validated and kept as a version you can restore."
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/configuration/oauth" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
              OAuth2 connection
            </Link>
            <Link href="/configuration/import" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
              Import…
            </Link>
            <a href="/api/config/export?all=1" download className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
              Export all (.cfg.json .zip)
            </a>
            <a
              href="/api/config/export?all=1&layout=package"
              download
              title="A content package for AEM's Package Manager: jcr_root/apps/herald/config/<PID>.xml as sling:OsgiConfig nodes"
              className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              Export as AEM package
            </a>
          </div>
        }
      />
      <div className="mb-4">
        <RiskyDefaultsAlert items={risky} />
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th className="px-4 py-2 font-medium">Service</th>
              <th className="px-4 py-2 font-medium">State</th>
              <th className="px-4 py-2 font-medium">Last changed</th>
              <th className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {services.map((s) => (
              <tr key={s.pid}>
                <td className="px-4 py-3">
                  <Link href={`/configuration/${s.pid}`} className="font-medium text-brand-600 hover:underline dark:text-brand-100">
                    {s.name}
                  </Link>
                  <div className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">{s.pid}</div>
                </td>
                <td className="px-4 py-3">
                  {s.configured ? <Badge tone="green">configured · v{s.version}</Badge> : <Badge>default</Badge>}
                  {s.missingPlaceholders.length ? <span className="ml-2"><Badge tone="amber">missing variable</Badge></span> : null}
                  {risky
                    .filter((r) => r.pid === s.pid)
                    .map((r) => (
                      <Link key={r.key} href={r.href} className="ml-2 inline-block" title={r.why}>
                        <Badge tone="amber">
                          {r.key}: AEM default
                        </Badge>
                      </Link>
                    ))}
                </td>
                <td className="px-4 py-3 text-slate-600 dark:text-slate-400">
                  {s.updatedAt ? (
                    <>
                      {s.updatedBy} · <time dateTime={s.updatedAt}>{s.updatedAt.replace("T", " ").slice(0, 16)} UTC</time>
                    </>
                  ) : (
                    "never"
                  )}
                </td>
                <td className="px-4 py-3 text-right">
                  <Link href={`/configuration/${s.pid}/history`} className="text-sm text-slate-600 underline dark:text-slate-400">History</Link>
                  <span className="mx-2 text-slate-300" aria-hidden="true">|</span>
                  <a href={`/api/config/export?pid=${encodeURIComponent(s.pid)}`} download aria-label={`Export ${s.name} as .cfg.json`} className="text-sm text-slate-600 underline dark:text-slate-400">.cfg.json</a>
                  <span className="mx-2 text-slate-300" aria-hidden="true">|</span>
                  <a href={`/api/config/export?pid=${encodeURIComponent(s.pid)}&format=xml`} download aria-label={`Export ${s.name} as sling:OsgiConfig .xml`} className="text-sm text-slate-600 underline dark:text-slate-400">.xml</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
