import Link from "next/link";
import { requirePageRole } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/apikeys/store";
import { env } from "@/lib/env";
import { PageHeader } from "@/components/ui/card";
import { ApiKeysTable } from "@/components/apikeys/keys-table";
import { CreateApiKeyForm } from "@/components/apikeys/create-key-form";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requirePageRole("admin");
  const keys = await listApiKeys();
  return (
    <div className="space-y-6">
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let other systems call the <Link className="underline" href="/api">notification API</Link>. Herald stores only a hash of each key; a revoked key stops working at once. Also: <code>npm run herald -- apikey create --name &lt;n&gt; --scopes send</code>.
          </>
        }
      />
      <ApiKeysTable keys={keys} revoke={revokeApiKeyAction} />
      <CreateApiKeyForm create={createApiKeyAction} defaultRateLimit={env().HERALD_API_RATE_LIMIT} />
    </div>
  );
}
