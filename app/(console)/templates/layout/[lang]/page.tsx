import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/session";
import { isIsoLanguage, languageName } from "@/lib/templates";
import { PageHeader } from "@/components/ui/card";
import { LayoutPage } from "../../html-pages";

type Params = { params: Promise<{ lang: string }> };

export async function generateMetadata({ params }: Params) {
  const { lang } = await params;
  return { title: `Email layout · ${languageName(lang) ?? lang}` };
}

/** The shared HTML frame (logo, colours, organisation name, footer) of one language. */
export default async function EmailLayoutPage({ params }: Params) {
  await requirePageRole();
  const { lang } = await params;
  if (!isIsoLanguage(lang)) notFound();
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/templates" className="underline">
          Templates
        </Link>{" "}
        / Email layout / {languageName(lang)} ({lang})
      </nav>
      <PageHeader
        title={`Email layout · ${languageName(lang)} (${lang})`}
        description={
          <>
            <span className="block">The header and footer around every HTML email in this language (English&apos;s when a language has none of its own).</span>
            <span className="mt-1 block font-mono text-xs">templates/_layout/{lang}.html</span>
          </>
        }
      />
      <LayoutPage lang={lang} />
    </div>
  );
}
