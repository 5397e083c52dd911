// The page a single sign-on user sees when Herald refuses them (domain, role, conflicting account).
import Link from "next/link";
import { REFUSAL_TEXT } from "@/lib/auth/oidc-mapping";
import { Alert } from "@/components/ui/card";

export const metadata = { title: "Sign-in refused" };

const MORE: Record<string, string> = {
  ...REFUSAL_TEXT,
  subject_mismatch: "A Herald account with your email address is linked to a different account at the identity provider. Ask an admin of Herald.",
  email_taken: "Your new email address belongs to another Herald account. Ask an admin of Herald.",
  issuer: "The identity provider's answer did not come from the configured issuer.",
};

export default async function RefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const text = reason && Object.prototype.hasOwnProperty.call(MORE, reason) ? MORE[reason] : "Herald refused this sign-in.";
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-lg font-semibold">You cannot sign in to Herald</h1>
      <Alert tone="error">{text}</Alert>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        You are not signed in to Herald. <Link className="underline" href="/login">Back to sign-in</Link>
      </p>
    </div>
  );
}
