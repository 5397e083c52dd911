import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { SecondFactorForm } from "@/components/auth/second-factor-form";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { verifyCodeAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("login.secondFactor"))("metaTitle") };
}
export const dynamic = "force-dynamic";

// The password was right; this sign-in reaches nothing else until a code is given.
export default async function TwoFactorPage() {
  const me = await requirePageRole(undefined, { allowStage: "second-factor", allowPasswordChange: true });
  if (me.sessionStage !== "second-factor") redirect("/");
  const t = await getTranslations("login.secondFactor");
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div>
        <h1 className="text-lg font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("prompt", { email: me.email })}</p>
      </div>
      <SecondFactorForm verify={verifyCodeAction} />
      <div className="text-right">
        <SignOutButton />
      </div>
    </div>
  );
}
