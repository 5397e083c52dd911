"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
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
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [temporary, setTemporary] = useState<{ email: string; password: string } | null>(null);
  const [pending, start] = useTransition();

  function run(p: Promise<ActionResult>, ok: string, onFail?: () => void) {
    start(async () => {
      const r = await p;
      setMessage(r.ok ? { tone: "success", text: ok } : { tone: "error", text: r.message });
      if (!r.ok) onFail?.();
    });
  }

  function onRoleChange(u: UserView, select: HTMLSelectElement) {
    const role = select.value;
    // A role change applies at the user's very next request: confirm before it does.
    if (!confirm(`Make ${u.email} ${role === "admin" ? "an admin (everything, including mail settings and users)" : "an author (templates only)"}?`)) {
      select.value = u.role;
      return;
    }
    run(changeRole(u.id, role), `${u.email} is now ${role}.`, () => (select.value = u.role));
  }

  function onReset(u: UserView) {
    if (!confirm(`Reset the password of ${u.email}? Their current password stops working and they are signed out everywhere.`)) return;
    setTemporary(null);
    start(async () => {
      const r = await resetPassword(u.id);
      if (!r.ok) return setMessage({ tone: "error", text: r.message });
      setMessage(null);
      setTemporary({ email: r.data.email, password: r.data.password });
    });
  }

  function onResetTwoFactor(u: UserView) {
    if (!confirm(`Remove the two-factor codes of ${u.email}? They are signed out everywhere and set them up again after their next sign-in.`)) return;
    start(async () => {
      const r = await resetTwoFactor(u.id);
      setMessage(r.ok ? { tone: "success", text: `Two-factor codes of ${r.data.email} removed; ${r.data.sessionsEnded} session${r.data.sessionsEnded === 1 ? "" : "s"} ended.` } : { tone: "error", text: r.message });
    });
  }

  function onEndSessions(u: UserView) {
    if (!confirm(`Sign ${u.email} out everywhere?`)) return;
    start(async () => {
      const r = await endSessions(u.id);
      setMessage(r.ok ? { tone: "success", text: `${r.data.count} session${r.data.count === 1 ? "" : "s"} of ${r.data.email} ended.` } : { tone: "error", text: r.message });
    });
  }

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {temporary ? (
        <Alert tone="success" title={`New temporary password for ${temporary.email}`}>
          <span className="flex flex-wrap items-center gap-2">
            Shown only now; they must choose their own at the next sign-in:
            <code data-testid="reset-password" className="rounded bg-white/60 px-1 font-mono dark:bg-black/30">{temporary.password}</code>
            <CopyButton text={temporary.password} what="temporary password" />
          </span>
        </Alert>
      ) : null}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th className="px-3 py-2 font-medium">Name</th>
              <th className="px-3 py-2 font-medium">Email</th>
              <th className="px-3 py-2 font-medium">Role</th>
              <th className="px-3 py-2 font-medium">Language</th>
              <th className="px-3 py-2 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="px-3 py-2">
                  {u.name} {u.id === meId ? <Badge tone="blue">you</Badge> : null}{" "}
                  {u.mustChangePassword ? <Badge tone="amber">temporary password</Badge> : null}{" "}
                  {u.twoFactor ? <Badge tone="green">two-factor</Badge> : null} {u.singleSignOn ? <Badge>single sign-on</Badge> : null}
                </td>
                <td className="px-3 py-2">{u.email}</td>
                <td className="px-3 py-2">
                  <select
                    id={`role-${u.id}`}
                    aria-label={`Role of ${u.email}`}
                    defaultValue={u.role}
                    disabled={pending}
                    onChange={(e) => onRoleChange(u, e.currentTarget)}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                  >
                    <option value="admin">admin</option>
                    <option value="author">author</option>
                  </select>
                </td>
                <td className="px-3 py-2">{u.language}</td>
                <td className="px-3 py-2 text-right">
                  {u.id !== meId ? (
                    <span className="inline-flex flex-wrap justify-end gap-1">
                    <Button variant="ghost" size="sm" disabled={pending} onClick={() => onReset(u)} aria-label={`Reset password of ${u.email}`}>
                      Reset password
                    </Button>
                    {u.twoFactor ? (
                      <Button variant="ghost" size="sm" disabled={pending} onClick={() => onResetTwoFactor(u)} aria-label={`Reset two-factor codes of ${u.email}`}>
                        Reset two-factor
                      </Button>
                    ) : null}
                    <Button variant="ghost" size="sm" disabled={pending} onClick={() => onEndSessions(u)} aria-label={`End sessions of ${u.email}`}>
                      End sessions
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={pending}
                      onClick={() => {
                        if (confirm(`Remove ${u.email}? They can no longer sign in.`)) run(remove(u.id), `${u.email} was removed.`);
                      }}
                    >
                      Remove
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
