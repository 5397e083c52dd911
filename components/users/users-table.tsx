"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
import type { UserView } from "@/lib/db/users";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/card";

export function UsersTable({
  users,
  meId,
  changeRole,
  remove,
}: {
  users: UserView[];
  meId: string;
  changeRole: (id: string, role: string) => Promise<ActionResult>;
  remove: (id: string) => Promise<ActionResult>;
}) {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, start] = useTransition();

  function run(p: Promise<ActionResult>, ok: string) {
    start(async () => {
      const r = await p;
      setMessage(r.ok ? { tone: "success", text: ok } : { tone: "error", text: r.message });
    });
  }

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
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
                  {u.mustChangePassword ? <Badge tone="amber">temporary password</Badge> : null}
                </td>
                <td className="px-3 py-2">{u.email}</td>
                <td className="px-3 py-2">
                  <select
                    id={`role-${u.id}`}
                    aria-label={`Role of ${u.email}`}
                    defaultValue={u.role}
                    disabled={pending}
                    onChange={(e) => run(changeRole(u.id, e.target.value), `${u.email} is now ${e.target.value}.`)}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                  >
                    <option value="admin">admin</option>
                    <option value="author">author</option>
                  </select>
                </td>
                <td className="px-3 py-2">{u.language}</td>
                <td className="px-3 py-2 text-right">
                  {u.id !== meId ? (
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
