import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { pendingTotpEnrolment, totpStatus } from "@/lib/auth/totp";
import { currentSignInPolicy, totpRequiredFor } from "@/lib/auth/sign-in-policy";
import { PageHeader } from "@/components/ui/card";
import { TwoFactorPanel } from "@/components/account/two-factor-panel";
import { startEnrolmentAction, confirmEnrolmentAction } from "../../../(auth)/login/two-factor/actions";

export async function generateMetadata() {
  return { title: (await getTranslations("twoFactor"))("metaTitle") };
}
export const dynamic = "force-dynamic";

export default async function AccountTwoFactorPage() {
  const me = await requirePageRole();
  const [status, pending, policy, t] = await Promise.all([totpStatus(me.id), pendingTotpEnrolment(me.id), currentSignInPolicy(), getTranslations("twoFactor")]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
      />
      <div className="max-w-xl">
        <TwoFactorPanel status={status} pending={pending} required={totpRequiredFor(policy, me.role)} start={startEnrolmentAction} confirm={confirmEnrolmentAction} />
      </div>
    </div>
  );
}
