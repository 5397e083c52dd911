import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { pendingTotpEnrolment, totpStatus } from "@/lib/auth/totp";
import { TwoFactorPanel } from "@/components/account/two-factor-panel";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { startEnrolmentAction, confirmEnrolmentAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("login"))("enrolTitle") };
}
export const dynamic = "force-dynamic";

// The policy requires two-factor codes and this user has none: enrolment right after sign-in,
// and nothing else of the console until it is done (lib/auth/session.ts enforces that).
export default async function RequiredEnrolmentPage() {
  const me = await requirePageRole(undefined, { allowStage: "enrol", allowPasswordChange: true });
  if (me.sessionStage !== "enrol") redirect("/account/two-factor");
  const [status, pending] = await Promise.all([totpStatus(me.id), pendingTotpEnrolment(me.id)]);
  return (
    <div className="space-y-4">
      <TwoFactorPanel status={status} pending={pending} required start={startEnrolmentAction} confirm={confirmEnrolmentAction} />
      <div className="text-right">
        <SignOutButton />
      </div>
    </div>
  );
}
