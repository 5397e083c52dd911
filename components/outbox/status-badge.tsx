import { Badge } from "@/components/ui/card";

const TONE = { queued: "blue", held: "amber", sending: "blue", sent: "green", failed: "amber", dead: "red", cancelled: "slate" } as const;

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status as keyof typeof TONE] ?? "slate"}>{status}</Badge>;
}
