import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <p className="text-sm font-semibold text-slate-500 dark:text-slate-400">{404}</p>
      <h1 className="mt-2 text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline dark:text-brand-100">
        {t("backToDashboard")}
      </Link>
    </main>
  );
}
