import { requirePageRole } from "@/lib/auth/session";
import { pendingTotpEnrolment, totpStatus } from "@/lib/auth/totp";
import { currentSignInPolicy, totpRequiredFor } from "@/lib/auth/sign-in-policy";
import { PageHeader } from "@/components/ui/card";
import { TwoFactorPanel } from "@/components/account/two-factor-panel";
import { startEnrolmentAction, confirmEnrolmentAction } from "../../../(auth)/login/two-factor/actions";

export const metadata = { title: "Two-factor codes" };
export const dynamic = "force-dynamic";

export default async function AccountTwoFactorPage() {
  const me = await requirePageRole();
  const [status, pending, policy] = await Promise.all([totpStatus(me.id), pendingTotpEnrolment(me.id), currentSignInPolicy()]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Two-factor codes"
        description="A 6-digit code from an authenticator app after your password (single sign-on users get their provider's second factor instead)."
      />
      <div className="max-w-xl">
        <TwoFactorPanel status={status} pending={pending} required={totpRequiredFor(policy, me.role)} start={startEnrolmentAction} confirm={confirmEnrolmentAction} />
      </div>
    </div>
  );
}
