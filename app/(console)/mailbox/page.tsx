import { requirePageRole } from "@/lib/auth/session";
import { MailboxScreen } from "./screen";

export const metadata = { title: "Mailbox" };

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requirePageRole("admin");
  const { q } = await searchParams;
  return <MailboxScreen q={q} />;
}
