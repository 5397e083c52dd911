import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { changePasswordAction } from "../../(console)/account/actions";

export async function generateMetadata() {
  return { title: (await getTranslations("password"))("forcedMetaTitle") };
}
export const dynamic = "force-dynamic";

// Where a user with a temporary password lands after sign-in; nothing else of the console
// answers them until they have chosen their own (lib/auth/session.ts enforces that).
export default async function ChangePasswordPage() {
  const me = await requirePageRole(undefined, { allowPasswordChange: true });
  if (!me.mustChangePassword) redirect("/account");
  const t = await getTranslations("password");
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div>
        <h1 className="text-lg font-semibold">{t("forcedTitle")}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t("forcedIntro", { email: me.email })}
        </p>
      </div>
      <ChangePasswordForm email={me.email} name={me.name} change={changePasswordAction} afterChange="/" />
      <div className="text-right">
        <SignOutButton />
      </div>
    </div>
  );
}
