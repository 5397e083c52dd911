import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { clientMessages, type Messages } from "@/lib/i18n/messages";
import { requirePageRole } from "@/lib/auth/session";
import { OPERATIONS, OPERATION_TEXT_VALUES, operationId } from "@/lib/api/openapi";
import { PageHeader } from "@/components/ui/card";
import { ApiExplorer, type ExplorerOperation } from "@/components/apikeys/api-explorer";

export async function generateMetadata() {
  return { title: (await getTranslations("apiDocs"))("metaTitle") };
}

// Short answers per error status (the OpenAPI document has the long English ones).
const ERRORS = new Set([400, 401, 403, 404, 409, 413, 429]);

// The notification API: the OpenAPI document as a page, with examples and a "try it" form. The
// explanations are the reader's language; paths, headers and JSON stay as the API has them.
export default async function ApiPage() {
  const user = await requirePageRole();
  const [t, messages] = await Promise.all([getTranslations("apiDocs"), getMessages() as Promise<Messages>]);
  // The explorer's labels reach the browser on this page only; the operations' texts are
  // translated here and passed in as props.
  const { ops: _ops, ...explorerLabels } = messages.apiDocs;
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  const operations: ExplorerOperation[] = OPERATIONS.map((o) => {
    const key = `ops.${operationId(o)}`;
    // An operation the catalogs do not have yet is shown in the document's English.
    const known = t.has(`${key}.summary` as never);
    const text = (part: "summary" | "description" | "success", english: string) =>
      known ? (t as unknown as (k: string, v: Record<string, string>) => string)(`${key}.${part}`, OPERATION_TEXT_VALUES) : english;
    return {
      id: `${o.method} ${o.path}`,
      method: o.method,
      path: o.path,
      summary: text("summary", o.summary),
      description: text("description", o.description),
      scope: o.scope,
      contentType: o.request?.contentType ?? "application/json",
      example: o.request ? (typeof o.request.example === "string" ? o.request.example : JSON.stringify(o.request.example, null, 2)) : null,
      idempotent: !!o.idempotent,
      responses: [
        { status: String(o.success.status), description: text("success", o.success.description) },
        ...o.errors.map((c) => ({ status: String(c), description: ERRORS.has(c) ? t(`status.s${c}` as never) : "" })),
      ],
    };
  });
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t.rich("description", {
          header: `Authorization: Bearer <${t("apiKeyPlaceholder")}>`,
          url: "/api/v1/openapi.json",
          code: (chunks) => <code>{chunks}</code>,
          link: (chunks) => (
            <a className="underline" href="/api/v1/openapi.json" translate="no">
              {chunks}
            </a>
          ),
        })}
      />
      <NextIntlClientProvider messages={{ ...clientMessages(messages), apiDocs: explorerLabels }}>
        <ApiExplorer operations={operations} canTry={user.role === "admin"} origin={origin} />
      </NextIntlClientProvider>
    </div>
  );
}
