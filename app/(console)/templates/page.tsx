import { requirePageRole } from "@/lib/auth/session";
import { PageHeader, Alert } from "@/components/ui/card";

export const metadata = { title: "Templates" };

export default async function Page() {
  await requirePageRole();
  return (
    <div>
      <PageHeader title="Templates" />
      <Alert tone="info">This page is being built.</Alert>
    </div>
  );
}
