import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/session";
import { serviceState } from "@/lib/config/store";
import { getService, MAIL_SERVICE_PID } from "@/lib/config/services";
import { PageHeader, Badge } from "@/components/ui/card";
import { ServiceForm } from "@/components/config/service-form";
import { saveServiceAction, sendTestEmailAction } from "../actions";

export async function generateMetadata({ params }: { params: Promise<{ pid: string }> }) {
  const def = getService((await params).pid);
  return { title: def?.name ?? "Configuration" };
}

export default async function ServicePage({ params }: { params: Promise<{ pid: string }> }) {
  const me = await requirePageRole("admin");
  const { pid } = await params;
  const def = getService(pid);
  if (!def) notFound();
  const state = await serviceState(pid);
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/configuration" className="underline">Configuration</Link> / {def.name}
      </nav>
      <PageHeader
        title={def.name}
        description={
          <>
            <span className="block">{def.description}</span>
            <span className="mt-1 block font-mono text-xs">{pid}</span>
          </>
        }
        actions={
          <div className="flex items-center gap-3 text-sm">
            {state.configured ? <Badge tone="green">configured · v{state.version}</Badge> : <Badge>default values</Badge>}
            <Link href={`/configuration/${pid}/history`} className="underline">History</Link>
            <a href={`/api/config/export?pid=${encodeURIComponent(pid)}`} className="underline">Export .cfg.json</a>
          </div>
        }
      />
      <ServiceForm
        key={pid}
        pid={pid}
        values={state.values}
        missing={state.missingPlaceholders}
        save={saveServiceAction}
        testEmail={pid === MAIL_SERVICE_PID ? { send: sendTestEmailAction, defaultTo: me.email } : undefined}
      />
    </div>
  );
}
