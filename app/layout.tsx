import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { clientMessages, loadMessages, type Messages } from "@/lib/i18n/messages";
import { ErrorTextsProvider } from "@/lib/i18n/error-texts";
// Korean glyphs for machines without a Korean font: the Korean subset in the two weights the
// console uses, self-hosted; the browser fetches it only when a Korean glyph needs it (globals.css).
import "@fontsource/noto-sans-kr/korean-400.css";
import "@fontsource/noto-sans-kr/korean-700.css";
import "./globals.css";

// Every page is rendered per request: Next.js puts the request's CSP nonce (lib/http/security-headers.ts)
// on its scripts only while rendering, so a page prerendered at build time would have none and not run.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("tagline"),
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  // What the browser's error map matches English messages against (lib/i18n/error-texts.tsx).
  const english = locale === "en" ? null : await loadMessages("en");
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans antialiased">
        {/* Only the namespaces client components use, of this request's language only. */}
        <NextIntlClientProvider messages={clientMessages(messages as Messages)}>
          <ErrorTextsProvider texts={english && { validation: english.validation, strength: english.strength }}>{children}</ErrorTextsProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
