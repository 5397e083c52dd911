import type { SendingStatus } from "@/lib/outbox/status";
import type { ActivityBucket, ActivityRange } from "@/lib/outbox/queries";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { SendingStatusCard } from "./sending-status";
import { ActivityChart } from "./activity-chart";

/** The dashboard's sending section: status and the activity chart. */
export function SendingOverview({ status, range, activity }: { status: SendingStatus; range: ActivityRange; activity: ActivityBucket[] }) {
  const t = useTranslations("dashboard");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[repeat(2,minmax(0,1fr))]">
      <SendingStatusCard s={status} />
      <Card title={t("activity")}>
        <ActivityChart range={range} data={activity} />
      </Card>
    </div>
  );
}
