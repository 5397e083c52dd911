"use client";
// The API page: every operation of the OpenAPI document with its example, a curl line, and — for
// admins — a form that sends the request with a key typed here (kept in this page only).
import { useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field, Input, inputClass } from "@/components/ui/field";
import { Badge, Card } from "@/components/ui/card";

export interface ExplorerOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  scope: string;
  example: string | null;
  contentType: string;
  idempotent: boolean;
  responses: { status: string; description: string }[];
}

const API_BASE = "/api/v1";
const headerLine = (name: string, value: string) => `${name}: ${value}`;

const METHOD_TONE: Record<string, "green" | "blue" | "amber" | "red" | "slate"> = { get: "blue", post: "green", put: "amber", patch: "amber", delete: "red" };

export function ApiExplorer({ operations, canTry, origin }: { operations: ExplorerOperation[]; canTry: boolean; origin: string }) {
  const t = useTranslations("apiDocs");
  const [selected, setSelected] = useState(operations[0]?.id ?? "");
  const op = operations.find((o) => o.id === selected) ?? operations[0];
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[18rem_1fr]">
      <nav aria-label={t("operations")} className="space-y-1" translate="no">
        {operations.map((o) => (
          <button
            key={o.id}
            type="button"
            onClick={() => setSelected(o.id)}
            aria-current={o.id === op?.id ? "true" : undefined}
            className={`flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm ${o.id === op?.id ? "bg-brand-50 dark:bg-slate-800" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
          >
            <Badge tone={METHOD_TONE[o.method] ?? "slate"}>{o.method.toUpperCase()}</Badge>
            <span className="truncate font-mono text-xs">{o.path}</span>
          </button>
        ))}
      </nav>
      {op ? <Operation key={op.id} op={op} canTry={canTry} origin={origin} /> : null}
    </div>
  );
}

function Operation({ op, canTry, origin }: { op: ExplorerOperation; canTry: boolean; origin: string }) {
  const t = useTranslations("apiDocs");
  const params = useMemo(() => [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ""), [op.path]);
  const curl = [
    `curl -X ${op.method.toUpperCase()} ${origin}/api/v1${op.path}`,
    `  -H "Authorization: Bearer $HERALD_API_KEY"`,
    ...(op.example !== null ? [`  -H "Content-Type: ${op.contentType}"`, `  --data-binary '${op.example.replace(/'/g, "'\\''")}'`] : []),
  ].join(" \\\n");
  return (
    <div className="space-y-4">
      <Card title={<span className="flex items-center gap-2" translate="no"><Badge tone={METHOD_TONE[op.method] ?? "slate"}>{op.method.toUpperCase()}</Badge><code className="font-mono text-sm">{API_BASE + op.path}</code></span>}>
        <p className="font-medium">{op.summary}</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{op.description}</p>
        <p className="mt-2 text-sm">
          {t.rich("scope", {
            scope: op.scope,
            badge: (chunks) => (
              <span translate="no">
                <Badge tone="blue">{chunks}</Badge>
              </span>
            ),
          })}
          {op.idempotent ? t.rich("idempotent", { code: (chunks) => <code>{chunks}</code> }) : null}
        </p>
        <h3 className="mt-4 text-sm font-semibold">{t("responses")}</h3>
        <ul className="mt-1 space-y-1 text-sm">
          {op.responses.map((r) => (
            <li key={r.status}>
              <code className="font-mono">{r.status}</code> — {r.description}
            </li>
          ))}
        </ul>
        <h3 className="mt-4 text-sm font-semibold">{t("example")}</h3>
        <pre className="mt-1 overflow-auto rounded bg-slate-950 p-3 font-mono text-xs text-slate-100">{curl}</pre>
      </Card>
      {canTry ? <TryIt op={op} params={params} /> : <p className="text-sm text-slate-500 dark:text-slate-400">{t("onlyAdmins")}</p>}
    </div>
  );
}

function TryIt({ op, params }: { op: ExplorerOperation; params: string[] }) {
  const t = useTranslations("apiDocs");
  const [key, setKey] = useState("");
  const [body, setBody] = useState(op.example ?? "");
  const [values, setValues] = useState<Record<string, string>>({});
  const [idem, setIdem] = useState("");
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ status: number; headers: [string, string][]; body: string; ms: number } | null>(null);

  async function send() {
    setPending(true);
    setResult(null);
    const started = performance.now();
    try {
      const path = op.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(values[p] ?? ""));
      const headers: Record<string, string> = {};
      if (key.trim()) headers.authorization = `Bearer ${key.trim()}`;
      if (op.example !== null) headers["content-type"] = op.contentType;
      if (idem.trim()) headers["idempotency-key"] = idem.trim();
      const res = await fetch(`/api/v1${path}`, { method: op.method.toUpperCase(), headers, body: op.example !== null ? body : undefined, credentials: "omit" });
      const text = await res.text();
      let shown = text;
      try {
        shown = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        /* not JSON: show as is */
      }
      const interesting = ["retry-after", "idempotent-replayed", "location", "www-authenticate"];
      setResult({ status: res.status, headers: [...res.headers.entries()].filter(([k]) => interesting.includes(k)), body: shown, ms: Math.round(performance.now() - started) });
    } catch (e) {
      setResult({ status: 0, headers: [], body: e instanceof Error ? e.message : String(e), ms: 0 });
    } finally {
      setPending(false);
    }
  }

  return (
    <Card title={t("tryIt")}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Field id="try-key" label={t("apiKey")} help={t("apiKeyHelp")}>
          <Input id="try-key" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="hrld_…" />
        </Field>
        {params.map((p) => (
          <Field key={p} id={`try-${p}`} label={t("pathParam", { name: p })}>
            <Input id={`try-${p}`} value={values[p] ?? ""} onChange={(e) => setValues({ ...values, [p]: e.target.value })} />
          </Field>
        ))}
        {op.idempotent ? (
          <Field id="try-idem" label={t("idempotencyKey")}>
            <Input id="try-idem" value={idem} onChange={(e) => setIdem(e.target.value)} />
          </Field>
        ) : null}
        {op.example !== null ? (
          <Field id="try-body" label={t("requestBody", { type: op.contentType })}>
            <textarea id="try-body" className={`${inputClass} h-64 font-mono text-xs`} value={body} onChange={(e) => setBody(e.target.value)} spellCheck={false} />
          </Field>
        ) : null}
        <Button type="submit" disabled={pending}>{pending ? t("sending") : t("send")}</Button>
      </form>
      {result ? (
        <div className="mt-4 space-y-2" data-testid="try-result">
          <p className="text-sm">
            <span className="font-semibold" data-testid="try-status">{result.status || t("networkError")}</span>
            {result.ms ? t("duration", { ms: result.ms }) : null}
            {result.headers.map(([k, v]) => (
              <span key={k} className="ml-2 font-mono text-xs" translate="no">{headerLine(k, v)}</span>
            ))}
          </p>
          <pre className="max-h-96 overflow-auto rounded bg-slate-950 p-3 font-mono text-xs text-slate-100">{result.body}</pre>
        </div>
      ) : null}
    </Card>
  );
}
