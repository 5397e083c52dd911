import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/session";
import { serviceState } from "@/lib/config/store";
import { getService, MAIL_SERVICE_PID, OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { PageHeader, Badge, Alert } from "@/components/ui/card";
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
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500 dark:text-slate-400">
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
          <div className="flex flex-wrap items-center gap-3 text-sm">
            {state.configured ? <Badge tone="green">configured · v{state.version}</Badge> : <Badge>default values</Badge>}
            <Link href={`/configuration/${pid}/history`} className="underline">History</Link>
            <a href={`/api/config/export?pid=${encodeURIComponent(pid)}`} download className="underline">Export .cfg.json</a>
            <a href={`/api/config/export?pid=${encodeURIComponent(pid)}&format=xml`} download className="underline">Export .xml</a>
          </div>
        }
      />
      {pid === OAUTH_PROVIDER_PID || pid === MAIL_SERVICE_PID ? (
        <div className="mb-4" data-testid="oauth-banner">
          <Alert tone="info" title="Gmail or Microsoft 365?">
            Use the <Link href="/configuration/oauth" className="font-medium underline">OAuth2 page</Link>: a preset fills these settings, the Authorize button connects the mailbox, and its health panel shows the tokens.
            {pid === OAUTH_PROVIDER_PID ? " Tokens obtained with Authorize are kept in Herald's encrypted token store, not in the Refresh token field below; enter a refresh token here only to import one obtained elsewhere." : null}
          </Alert>
        </div>
      ) : null}
      <ServiceForm
        key={pid}
        pid={pid}
        version={state.version}
        values={state.values}
        missing={state.missingPlaceholders}
        save={saveServiceAction}
        testEmail={pid === MAIL_SERVICE_PID ? { send: sendTestEmailAction, defaultTo: me.email } : undefined}
      />
    </div>
  );
}
