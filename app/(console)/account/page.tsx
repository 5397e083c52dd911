import { requirePageRole } from "@/lib/auth/session";
import { listUserSessions } from "@/lib/auth/sessions";
import { describeUserAgent } from "@/lib/auth/user-agent";
import Link from "next/link";
import { totpStatus } from "@/lib/auth/totp";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionsList } from "@/components/account/sessions-list";
import { changePasswordAction, endSessionAction, endOtherSessionsAction } from "./actions";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const me = await requirePageRole();
  const sessions = (await listUserSessions(me.id)).map((s) => ({
    id: s.id,
    device: describeUserAgent(s.userAgent),
    userAgent: s.userAgent,
    address: s.address,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    current: s.id === me.sessionId,
  }));
  return (
    <div className="space-y-6">
      <PageHeader title="Your account" description={`${me.name} · ${me.email} · ${me.role}`} />
      <Card title="Change password">
        <div className="max-w-md">
          <ChangePasswordForm email={me.email} name={me.name} change={changePasswordAction} />
        </div>
      </Card>
      <Card title="Two-factor codes">
        <p className="text-sm">
          {(await totpStatus(me.id)).enabled ? <Badge tone="green">on</Badge> : <Badge>off</Badge>}{" "}
          <Link className="underline" href="/account/two-factor">
            Manage two-factor codes
          </Link>
        </p>
      </Card>
      <Card title="Active sessions">
        <SessionsList sessions={sessions} end={endSessionAction} endOthers={endOtherSessionsAction} />
      </Card>
    </div>
  );
}
