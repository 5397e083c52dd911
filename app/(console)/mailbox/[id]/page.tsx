import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { MailboxScreen } from "@/components/mailbox/mailbox-screen";
import { loadMailboxScreen } from "../load";

export async function generateMetadata() {
  return { title: (await getTranslations("mailbox"))("metaTitle") };
}

export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id < 1) notFound();
  return <MailboxScreen {...await loadMailboxScreen({ current: id })} />;
}
