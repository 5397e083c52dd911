import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { countUsers } from "@/lib/auth/users";
import { signedInUser, CHANGE_PASSWORD_PATH } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { LoginForm } from "@/components/auth/login-form";
import { SsoButton } from "@/components/auth/sso-button";
import { Alert } from "@/components/ui/card";
import { oidcButton } from "@/lib/auth/oidc";
import { currentSignInPolicy } from "@/lib/auth/sign-in-policy";

export async function generateMetadata() {
  return { title: (await getTranslations("login"))("title") };
}
export const dynamic = "force-dynamic";

// next-auth's error codes (?error=…) after a failed single sign-on, in plain words (login.ssoErrors).
const SSO_ERRORS = ["OAuthSignin", "OAuthCallback", "Callback", "AccessDenied", "OAuthAccountNotLinked"] as const;
const isSsoError = (e: string): e is (typeof SSO_ERRORS)[number] => (SSO_ERRORS as readonly string[]).includes(e);

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> }) {
  if ((await countUsers()) === 0) redirect("/setup");
  const me = await signedInUser();
  if (me) redirect(me.mustChangePassword ? CHANGE_PASSWORD_PATH : "/");
  const { callbackUrl, error: rawError } = await searchParams;
  // Only a path on this console: never send a user to another host after sign-in.
  const next = safeCallbackPath(callbackUrl);
  const error = typeof rawError === "string" ? rawError : undefined;
  const [sso, policy, t] = await Promise.all([oidcButton(), currentSignInPolicy(), getTranslations("login")]);
  const ssoError = error && isSsoError(error) ? t(`ssoErrors.${error}`) : error ? t("ssoFailed") : null;
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
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">{t("breakGlass")}</summary>
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
