import { headers } from "next/headers";
import { requirePageRole } from "@/lib/auth/session";
import { OPERATIONS } from "@/lib/api/openapi";
import { PageHeader } from "@/components/ui/card";
import { ApiExplorer, type ExplorerOperation } from "@/components/apikeys/api-explorer";

export const metadata = { title: "API" };

const ERRORS: Record<number, string> = {
  400: "invalid request; fields names each bad field",
  401: "no key, or unknown or revoked key",
  403: "the key lacks the scope",
  404: "not found",
  409: "conflict (reason in message)",
  413: "body larger than 1 MB",
  429: "rate limit; see Retry-After",
};

// The notification API: the OpenAPI document as a page, with examples and a "try it" form.
export default async function ApiPage() {
  const user = await requirePageRole();
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  const operations: ExplorerOperation[] = OPERATIONS.map((o) => ({
    id: `${o.method} ${o.path}`,
    method: o.method,
    path: o.path,
    summary: o.summary,
    description: o.description,
    scope: o.scope,
    contentType: o.request?.contentType ?? "application/json",
    example: o.request ? (typeof o.request.example === "string" ? o.request.example : JSON.stringify(o.request.example, null, 2)) : null,
    idempotent: !!o.idempotent,
    responses: [{ status: String(o.success.status), description: o.success.description }, ...o.errors.map((c) => ({ status: String(c), description: ERRORS[c] ?? "" }))],
  }));
  return (
    <div className="space-y-4">
      <PageHeader
        title="API"
        description={
          <>
            Other systems tell Herald what happened; Herald finds the recipients, renders each one&apos;s language and delivers through the outbox. Authenticate with <code>Authorization: Bearer &lt;API key&gt;</code>. Machine-readable: <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
          </>
        }
      />
      <ApiExplorer operations={operations} canTry={user.role === "admin"} origin={origin} />
    </div>
  );
}
