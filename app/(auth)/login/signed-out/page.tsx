// After sign-out: Herald's session is over; with single sign-on, offer the provider's sign-out too
// (otherwise "Sign in with …" would sign the same person in again without asking).
import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { providerSignOutUrl } from "@/lib/auth/oidc";
import { publicOrigin } from "@/lib/oauth/provider";

export async function generateMetadata() {
  return { title: (await getTranslations("signedOut"))("metaTitle") };
}
export const dynamic = "force-dynamic";

export default async function SignedOutPage({ searchParams }: { searchParams: Promise<{ sso?: string }> }) {
  const { sso } = await searchParams;
  const t = await getTranslations("signedOut");
  const h = await headers();
  const host = h.get("host");
  const origin = publicOrigin(host ? `${h.get("x-forwarded-proto") === "https" ? "https" : "http"}://${host}` : undefined);
  const provider = sso === "1" ? await providerSignOutUrl(origin) : null;
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      {provider ? (
        <p className="text-sm">
          {t("stillSignedIn", { provider: provider.label })}{" "}
          <a className="font-medium underline" href={provider.url}>
            {t("providerSignOut", { provider: provider.label })}
          </a>
        </p>
      ) : null}
      <p className="text-sm">
        <Link className="underline" href="/login">
          {t("signInAgain")}
        </Link>
      </p>
    </div>
  );
}
