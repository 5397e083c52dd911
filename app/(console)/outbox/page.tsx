import { clampPage, cleanText } from "@/lib/http/list-params";
import { outboxFilterSchema } from "@/lib/outbox/filter-schema";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { activeBatches, assertStatus, listMessages, statusCounts, type OutboxFilter } from "@/lib/outbox/queries";
import { OUTBOX_STATUSES } from "@/lib/outbox/store";
import { sendingSettings } from "@/lib/outbox/settings";
import { FAMILIES } from "@/lib/templates/catalog";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { MessagesTable } from "@/components/outbox/messages-table";
import { BulkProgress } from "@/components/outbox/progress";
import { RetryPolicyForm } from "@/components/outbox/retry-policy-form";
import { HeldNotice } from "@/components/outbox/held-notice";
import { currentHold } from "@/lib/outbox/held";
import { bulkMatchingAction, cancelMessagesAction, outboxProgressAction, retryMessagesAction, saveRetryPolicyAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("outbox"))("metaTitle") };
}

const PAGE = 50;

type Search = { status?: string; recipient?: string; family?: string; from?: string; to?: string; page?: string };

// The durable outbox: every accepted message, its state, attempts and the server's replies.
export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<keyof Search, string | string[] | undefined>> }) {
  await requirePageRole("admin");
  const [t, ts] = await Promise.all([getTranslations("outbox"), getTranslations("mailStatus")]);
  const raw = await searchParams;
  // Whatever the URL holds (repeated, huge, control characters) becomes plain text or nothing.
  const sp: Search = { status: cleanText(raw.status), recipient: cleanText(raw.recipient, 320), family: cleanText(raw.family), from: cleanText(raw.from, 40), to: cleanText(raw.to, 40) };
  let status;
  try {
    status = assertStatus(sp.status);
  } catch {
    status = undefined;
  }
  // datetime-local values have no zone; they are read as UTC like every time on this page.
  const utc = (v?: string) => (v ? (/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`) : undefined);
  const family = sp.family && (outboxFilterSchema.shape.family.safeParse(sp.family).success ? sp.family : undefined);
  const filter: OutboxFilter = { status, recipient: sp.recipient || undefined, family: family || undefined, from: utc(sp.from), to: utc(sp.to) };
  const page = clampPage(raw.page);
  const [{ rows, total }, counts, batches, settings, hold] = await Promise.all([listMessages(filter, page, PAGE), statusCounts(), activeBatches(), sendingSettings(), currentHold()]);
  const waiting = counts.queued + counts.failed;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const qs = (over: Partial<Search>) => {
    const p = new URLSearchParams();
    const merged = { status: sp.status, recipient: sp.recipient, family: sp.family, from: sp.from, to: sp.to, ...over };
    for (const [k, v] of Object.entries(merged)) if (v) p.set(k, v);
    return `?${p}`;
  };
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <nav aria-label={t("perStatus")} className="flex flex-wrap gap-2 text-sm">
        <Link href={qs({ status: undefined, page: undefined })} aria-current={!status ? "true" : undefined} className={`rounded-full border px-3 py-1 ${!status ? "border-brand-500 bg-brand-50 dark:bg-slate-800" : "border-slate-300 dark:border-slate-700"}`}>
          {t("all")} <span className="text-slate-500 dark:text-slate-400">{Object.values(counts).reduce((a, b) => a + b, 0)}</span>
        </Link>
        {OUTBOX_STATUSES.map((s) => (
          <Link key={s} data-testid={`count-${s}`} href={qs({ status: s, page: undefined })} aria-current={status === s ? "true" : undefined} className={`rounded-full border px-3 py-1 ${status === s ? "border-brand-500 bg-brand-50 dark:bg-slate-800" : "border-slate-300 dark:border-slate-700"}`}>
            {ts(s)} <span className="text-slate-500 dark:text-slate-400">{counts[s]}</span>
          </Link>
        ))}
      </nav>
      {hold && waiting > 0 ? <HeldNotice hold={hold} count={waiting} /> : null}
      <BulkProgress initial={batches} poll={outboxProgressAction} />
      <form className="grid gap-3 rounded-lg border border-slate-200 p-3 md:grid-cols-6 dark:border-slate-800" aria-label={t("filterLabel")}>
        <label className="text-sm">
          {t("status")}
          <Select name="status" defaultValue={status ?? ""}>
            <option value="">{t("any")}</option>
            {OUTBOX_STATUSES.map((s) => <option key={s} value={s}>{ts(s)}</option>)}
          </Select>
        </label>
        <label className="text-sm md:col-span-2">
          {t("recipient")}
          <Input name="recipient" defaultValue={sp.recipient ?? ""} placeholder={t("recipientPlaceholder")} />
        </label>
        <label className="text-sm">
          {t("kind")}
          <Select name="family" defaultValue={sp.family ?? ""}>
            <option value="">{t("any")}</option>
            {FAMILIES.map((f) => <option key={f.id} value={f.id}>{t(`families.${f.id}`)}</option>)}
            <option value="direct">{t("directMail")}</option>
          </Select>
        </label>
        <label className="text-sm">
          {t("from")}
          <Input type="datetime-local" name="from" defaultValue={sp.from ?? ""} />
        </label>
        <label className="text-sm">
          {t("to")}
          <Input type="datetime-local" name="to" defaultValue={sp.to ?? ""} />
        </label>
        <div className="flex gap-2 md:col-span-6">
          <Button type="submit" variant="secondary">{t("filter")}</Button>
          <Link className="self-center text-sm underline" href="/outbox">{t("clear")}</Link>
        </div>
      </form>
      <MessagesTable held={!!hold} rows={rows} total={total} filter={filter} retry={retryMessagesAction} cancel={cancelMessagesAction} bulkMatching={bulkMatchingAction} />
      <p className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
        {t("paging", { page, pages, total })}
        {page > 1 ? <Link className="underline" href={qs({ page: String(page - 1) })}>{t("newer")}</Link> : null}
        {page < pages ? <Link className="underline" href={qs({ page: String(page + 1) })}>{t("older")}</Link> : null}
      </p>
      <RetryPolicyForm policy={settings.retry} customized={settings.retryCustomized} save={saveRetryPolicyAction} />
    </div>
  );
}
