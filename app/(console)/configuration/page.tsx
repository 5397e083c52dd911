import { requirePageRole } from "@/lib/auth/session";
import { PageHeader, Alert } from "@/components/ui/card";

export const metadata = { title: "Configuration" };

export default async function Page() {
  await requirePageRole("admin");
  return (
    <div>
      <PageHeader title="Configuration" />
      <Alert tone="info">This page is being built.</Alert>
    </div>
  );
}
