"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/errors";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { UserView } from "@/lib/auth/users";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/card";
import { CopyButton } from "@/components/oauth/copy-button";

export function UsersTable({
  users,
  meId,
  changeRole,
  remove,
  resetPassword,
  endSessions,
  resetTwoFactor,
}: {
  users: UserView[];
  meId: string;
  changeRole: (id: string, role: string) => Promise<ActionResult>;
  remove: (id: string) => Promise<ActionResult>;
  resetPassword: (id: string) => Promise<ActionResult<{ email: string; password: string; sessionsEnded: number }>>;
  endSessions: (id: string) => Promise<ActionResult<{ email: string; count: number }>>;
  resetTwoFactor: (id: string) => Promise<ActionResult<{ email: string; sessionsEnded: number }>>;
}) {
  const t = useTranslations("users");
  const tr = useLocalizeError();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [temporary, setTemporary] = useState<{ email: string; password: string } | null>(null);
  const [pending, start] = useTransition();

  function run(p: Promise<ActionResult>, ok: string, onFail?: () => void) {
    start(async () => {
      const r = await p;
      setMessage(r.ok ? { tone: "success", text: ok } : { tone: "error", text: tr(r.message) });
      if (!r.ok) onFail?.();
    });
  }

  function onRoleChange(u: UserView, select: HTMLSelectElement) {
    const role = select.value;
    // A role change applies at the user's very next request: confirm before it does.
    if (!confirm(t("confirmRole", { email: u.email, role }))) {
      select.value = u.role;
      return;
    }
    run(changeRole(u.id, role), t("roleChanged", { email: u.email, role }), () => (select.value = u.role));
  }

  function onReset(u: UserView) {
    if (!confirm(t("confirmReset", { email: u.email }))) return;
    setTemporary(null);
    start(async () => {
      const r = await resetPassword(u.id);
      if (!r.ok) return setMessage({ tone: "error", text: tr(r.message) });
      setMessage(null);
      setTemporary({ email: r.data.email, password: r.data.password });
    });
  }

  function onResetTwoFactor(u: UserView) {
    if (!confirm(t("confirmResetTwoFactor", { email: u.email }))) return;
    start(async () => {
      const r = await resetTwoFactor(u.id);
      setMessage(r.ok ? { tone: "success", text: t("twoFactorRemoved", { email: r.data.email, count: r.data.sessionsEnded }) } : { tone: "error", text: tr(r.message) });
    });
  }

  function onEndSessions(u: UserView) {
    if (!confirm(t("confirmEndSessions", { email: u.email }))) return;
    start(async () => {
      const r = await endSessions(u.id);
      setMessage(r.ok ? { tone: "success", text: t("sessionsEnded", { email: r.data.email, count: r.data.count }) } : { tone: "error", text: tr(r.message) });
    });
  }

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {temporary ? (
        <Alert tone="success" title={t("newTemporary", { email: temporary.email })}>
          <span className="flex flex-wrap items-center gap-2">
            {t("shownOnlyNow")}
            <code data-testid="reset-password" className="rounded bg-white/60 px-1 font-mono dark:bg-black/30">{temporary.password}</code>
            <CopyButton text={temporary.password} what={t("temporaryPassword")} />
          </span>
        </Alert>
      ) : null}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th className="px-3 py-2 font-medium">{t("colName")}</th>
              <th className="px-3 py-2 font-medium">{t("colEmail")}</th>
              <th className="px-3 py-2 font-medium">{t("colRole")}</th>
              <th className="px-3 py-2 font-medium">{t("colLanguage")}</th>
              <th className="px-3 py-2 font-medium"><span className="sr-only">{t("colActions")}</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="px-3 py-2">
                  {u.name} {u.id === meId ? <Badge tone="blue">{t("you")}</Badge> : null}{" "}
                  {u.mustChangePassword ? <Badge tone="amber">{t("temporaryPassword")}</Badge> : null}{" "}
                  {u.twoFactor ? <Badge tone="green">{t("twoFactor")}</Badge> : null} {u.singleSignOn ? <Badge>{t("singleSignOn")}</Badge> : null}
                </td>
                <td className="px-3 py-2">{u.email}</td>
                <td className="px-3 py-2">
                  <select
                    id={`role-${u.id}`}
                    aria-label={t("roleOf", { email: u.email })}
                    defaultValue={u.role}
                    disabled={pending}
                    onChange={(e) => onRoleChange(u, e.currentTarget)}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                  >
                    <option value="admin">{t("role", { role: "admin" })}</option>
                    <option value="author">{t("role", { role: "author" })}</option>
                  </select>
                </td>
                <td className="px-3 py-2" translate="no">{u.language}</td>
                <td className="px-3 py-2 text-right">
                  {u.id !== meId ? (
                    <span className="inline-flex flex-wrap justify-end gap-1">
                    <Button variant="ghost" size="sm" disabled={pending} onClick={() => onReset(u)} aria-label={t("resetPasswordOf", { email: u.email })}>
                      {t("resetPassword")}
                    </Button>
                    {u.twoFactor ? (
                      <Button variant="ghost" size="sm" disabled={pending} onClick={() => onResetTwoFactor(u)} aria-label={t("resetTwoFactorOf", { email: u.email })}>
                        {t("resetTwoFactor")}
                      </Button>
                    ) : null}
                    <Button variant="ghost" size="sm" disabled={pending} onClick={() => onEndSessions(u)} aria-label={t("endSessionsOf", { email: u.email })}>
                      {t("endSessions")}
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={pending}
                      onClick={() => {
                        if (confirm(t("confirmRemove", { email: u.email }))) run(remove(u.id), t("removed", { email: u.email }));
                      }}
                    >
                      {t("remove")}
                    </Button>
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
