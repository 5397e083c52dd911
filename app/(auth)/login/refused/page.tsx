// The page a single sign-on user sees when Herald refuses them (domain, role, conflicting account).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { refusalReason } from "@/lib/auth/oidc-mapping";
import { Alert } from "@/components/ui/card";

export async function generateMetadata() {
  return { title: (await getTranslations("refused"))("metaTitle") };
}

export default async function RefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const t = await getTranslations("refused");
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <Alert tone="error">{t(`reasons.${refusalReason(reason)}`)}</Alert>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t.rich("notSignedIn", {
          link: (chunks) => (
            <Link className="underline" href="/login">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
}
