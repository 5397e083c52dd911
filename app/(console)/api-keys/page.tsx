import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/apikeys/store";
import { env } from "@/lib/env";
import { PageHeader } from "@/components/ui/card";
import { ApiKeysTable } from "@/components/apikeys/keys-table";
import { CreateApiKeyForm } from "@/components/apikeys/create-key-form";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("apiKeys"))("metaTitle") };
}

const CLI_COMMAND = "npm run herald -- apikey create --name <n> --scopes send";

export default async function ApiKeysPage() {
  await requirePageRole("admin");
  const t = await getTranslations("apiKeys");
  const keys = await listApiKeys();
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t.rich("description", {
          command: CLI_COMMAND,
          link: (chunks) => (
            <Link className="underline" href="/api">
              {chunks}
            </Link>
          ),
          code: (chunks) => <code>{chunks}</code>,
        })}
      />
      <ApiKeysTable keys={keys} revoke={revokeApiKeyAction} />
      <CreateApiKeyForm create={createApiKeyAction} defaultRateLimit={env().HERALD_API_RATE_LIMIT} />
    </div>
  );
}
