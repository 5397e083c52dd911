import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/session";
import { listVersions } from "@/lib/config/store";
import { getService } from "@/lib/config/services";
import { describeChange } from "@/lib/config/diff";
import { PageHeader, Badge } from "@/components/ui/card";
import { RestoreButton } from "@/components/config/restore-button";
import { restoreVersionAction } from "../../actions";

export const metadata = { title: "Configuration history" };

export default async function HistoryPage({ params }: { params: Promise<{ pid: string }> }) {
  await requirePageRole("admin");
  const { pid } = await params;
  const def = getService(pid);
  if (!def) notFound();
  const versions = await listVersions(pid);
  const current = versions[0]?.version;
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500 dark:text-slate-400">
        <Link href="/configuration" className="underline">Configuration</Link> / <Link href={`/configuration/${pid}`} className="underline">{def.name}</Link> / History
      </nav>
      <PageHeader title={`History of ${def.name}`} description="Every saved version, newest first. Restoring a version saves it again as a new version." />
      {versions.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">Never saved: the defaults apply.</p> : null}
      <ol className="space-y-3">
        {versions.map((v) => (
          <li key={v.version} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid={`version-${v.version}`}>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="text-sm">
                <span className="font-semibold">Version {v.version}</span>{" "}
                {v.version === current ? <Badge tone="green">current</Badge> : null}{" "}
                {v.restoredFrom ? <Badge tone="blue">restored from v{v.restoredFrom}</Badge> : null}
                <span className="ml-2 text-slate-500 dark:text-slate-400">
                  {v.actor ?? "unknown"} · <time dateTime={v.createdAt.toISOString()}>{v.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                </span>
              </div>
              {v.version !== current ? <RestoreButton pid={pid} version={v.version} restore={restoreVersionAction} /> : null}
            </div>
            <ul className="mt-2 space-y-1 font-mono text-xs">
              {v.changes.map((c) => (
                <li key={c.key} className={c.kind === "removed" ? "text-red-700 dark:text-red-300" : c.kind === "added" ? "text-green-700 dark:text-green-300" : ""}>
                  {describeChange(c)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
