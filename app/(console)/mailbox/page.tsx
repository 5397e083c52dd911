import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { MailboxScreen } from "@/components/mailbox/mailbox-screen";
import { loadMailboxScreen } from "./load";
import { cleanText } from "@/lib/http/list-params";

export async function generateMetadata() {
  return { title: (await getTranslations("mailbox"))("metaTitle") };
}

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requirePageRole("admin");
  const { q } = await searchParams;
  return <MailboxScreen {...await loadMailboxScreen({ q: cleanText(q) })} />;
}
