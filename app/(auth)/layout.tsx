import { getTranslations } from "next-intl/server";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("common");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-600 dark:text-brand-100">{t("appName")}</p>
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("tagline")}</p>
        </div>
        {children}
      </div>
    </main>
  );
}
