import { requirePageRole } from "@/lib/auth/session";
import { PageHeader, Alert } from "@/components/ui/card";

export const metadata = { title: "Outbox" };

export default async function OutboxPage() {
  await requirePageRole("admin");
  return (
    <div>
      <PageHeader title="Outbox" description="Every notification Herald accepts is queued here before it is delivered." />
      <Alert tone="info">The durable outbox and the notification API are not built yet. Test emails are listed in the mail log.</Alert>
    </div>
  );
}
