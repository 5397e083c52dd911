import { requirePageRole } from "@/lib/auth/session";
import { PageHeader, Alert } from "@/components/ui/card";

export const metadata = { title: "Mail log" };

export default async function Page() {
  await requirePageRole("admin");
  return (
    <div>
      <PageHeader title="Mail log" />
      <Alert tone="info">This page is being built.</Alert>
    </div>
  );
}
