import { requirePageRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { PageHeader } from "@/components/ui/card";
import { UsersTable } from "@/components/users/users-table";
import { InviteUserForm } from "@/components/users/invite-user-form";
import { inviteUserAction, changeRoleAction, removeUserAction, resetPasswordAction, endSessionsAction, resetTwoFactorAction } from "./actions";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageRole("admin");
  const users = await listUsers();
  return (
    <div className="space-y-6">
      <PageHeader title="Users" description="Admins configure mail and manage users; authors edit templates." />
      <UsersTable users={users} meId={me.id} changeRole={changeRoleAction} remove={removeUserAction} resetPassword={resetPasswordAction} endSessions={endSessionsAction} resetTwoFactor={resetTwoFactorAction} />
      <InviteUserForm invite={inviteUserAction} />
    </div>
  );
}
