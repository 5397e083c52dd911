import { redirect } from "next/navigation";
import { requirePageRole } from "@/lib/auth/session";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { changePasswordAction } from "../../(console)/account/actions";

export const metadata = { title: "Choose a new password" };
export const dynamic = "force-dynamic";

// Where a user with a temporary password lands after sign-in; nothing else of the console
// answers them until they have chosen their own (lib/auth/session.ts enforces that).
export default async function ChangePasswordPage() {
  const me = await requirePageRole(undefined, { allowPasswordChange: true });
  if (!me.mustChangePassword) redirect("/account");
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div>
        <h1 className="text-lg font-semibold">Choose a new password</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {me.email} signed in with a temporary password. Choose your own to continue.
        </p>
      </div>
      <ChangePasswordForm email={me.email} name={me.name} change={changePasswordAction} afterChange="/" />
      <div className="text-right">
        <SignOutButton />
      </div>
    </div>
  );
}
