import Link from "next/link";
import { requirePageRole } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/card";
import { ImportForm } from "@/components/config/import-form";
import { previewImportAction, applyImportAction } from "../actions";

export const metadata = { title: "Import configuration" };

export default async function ImportPage() {
  await requirePageRole("admin");
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500 dark:text-slate-400">
        <Link href="/configuration" className="underline">Configuration</Link> / Import
      </nav>
      <PageHeader
        title="Import configuration"
        description={
          <>
            Upload a <code>&lt;PID&gt;.cfg.json</code> (AEM as a Cloud Service), a <code>sling:OsgiConfig</code> <code>&lt;PID&gt;.xml</code>, a Felix <code>.config</code> file, or a
            content package <code>.zip</code> (files under <code>jcr_root/apps/*/config*/</code>). You see every change first; nothing is applied unless all of it is valid.
          </>
        }
      />
      <ImportForm preview={previewImportAction} apply={applyImportAction} />
    </div>
  );
}
