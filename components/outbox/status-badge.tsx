import { useTranslations } from "next-intl";
import { isMailStatus } from "@/lib/outbox/labels";
import { Badge } from "@/components/ui/card";

const TONE = { queued: "blue", held: "amber", sending: "blue", sent: "green", failed: "amber", dead: "red", cancelled: "slate" } as const;

/** An outbox status in the reader's language (the API's word, "queued", is the key). */
export function StatusBadge({ status }: { status: string }) {
  const t = useTranslations("mailStatus");
  return <Badge tone={TONE[status as keyof typeof TONE] ?? "slate"}>{isMailStatus(status) ? t(status) : status}</Badge>;
}
