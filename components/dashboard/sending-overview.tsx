import type { SendingStatus } from "@/lib/outbox/status";
import type { HourBucket } from "@/lib/outbox/queries";
import { Card } from "@/components/ui/card";
import { SendingStatusCard } from "./sending-status";
import { HourlyChart } from "./hourly-chart";

/** The dashboard's sending section: status and the last 24 hours. */
export function SendingOverview({ status, hours }: { status: SendingStatus; hours: HourBucket[] }) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[repeat(2,minmax(0,1fr))]">
      <SendingStatusCard s={status} />
      <Card title="Last 24 hours">
        <HourlyChart data={hours} />
      </Card>
    </div>
  );
}
