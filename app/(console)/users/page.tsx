import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { PageHeader } from "@/components/ui/card";
import { UsersTable } from "@/components/users/users-table";
import { InviteUserForm } from "@/components/users/invite-user-form";
import { inviteUserAction, changeRoleAction, removeUserAction, resetPasswordAction, endSessionsAction, resetTwoFactorAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("metaTitle") };
}

export default async function UsersPage() {
  const me = await requirePageRole("admin");
  const t = await getTranslations("users");
  const users = await listUsers();
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <UsersTable users={users} meId={me.id} changeRole={changeRoleAction} remove={removeUserAction} resetPassword={resetPasswordAction} endSessions={endSessionsAction} resetTwoFactor={resetTwoFactorAction} />
      <InviteUserForm invite={inviteUserAction} />
    </div>
  );
}
