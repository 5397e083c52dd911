import { redirect } from "next/navigation";
import { countUsers } from "@/lib/auth/users";
import { signedInUser, CHANGE_PASSWORD_PATH } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { LoginForm } from "@/components/auth/login-form";
import { SsoButton } from "@/components/auth/sso-button";
import { Alert } from "@/components/ui/card";
import { oidcButton } from "@/lib/auth/oidc";
import { currentSignInPolicy } from "@/lib/auth/sign-in-policy";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// next-auth's error codes (?error=…) after a failed single sign-on, in plain words.
const SSO_ERRORS: Record<string, string> = {
  OAuthSignin: "Herald could not reach the identity provider. Try again, or ask an admin to check the single sign-on settings.",
  OAuthCallback: "The identity provider's answer was refused (it was tampered with, expired or not meant for Herald). Sign in again.",
  Callback: "The identity provider's answer was refused. Sign in again.",
  AccessDenied: "Sign-in refused.",
  OAuthAccountNotLinked: "Sign-in refused.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> }) {
  if ((await countUsers()) === 0) redirect("/setup");
  const me = await signedInUser();
  if (me) redirect(me.mustChangePassword ? CHANGE_PASSWORD_PATH : "/");
  const { callbackUrl, error: rawError } = await searchParams;
  // Only a path on this console: never send a user to another host after sign-in.
  const next = safeCallbackPath(callbackUrl);
  const error = typeof rawError === "string" ? rawError : undefined;
  const [sso, policy] = await Promise.all([oidcButton(), currentSignInPolicy()]);
  const ssoError = error && Object.prototype.hasOwnProperty.call(SSO_ERRORS, error) ? SSO_ERRORS[error] : error ? "Sign-in failed. Try again." : null;
  // Local passwords off: the password form stays for the break-glass admins, folded away.
  const passwordsFolded = !!sso && !policy.localPasswords;
  return (
    <div className="space-y-4">
      {ssoError ? <Alert tone="error">{ssoError}</Alert> : null}
      {sso ? (
        <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <SsoButton label={sso.label} callbackUrl={next} />
        </div>
      ) : null}
      {passwordsFolded ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Break-glass sign-in with a password</summary>
          <div className="mt-3">
            <LoginForm callbackUrl={next} />
          </div>
        </details>
      ) : (
        <LoginForm callbackUrl={next} />
      )}
    </div>
  );
}
