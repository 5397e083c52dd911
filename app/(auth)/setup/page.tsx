import { notFound } from "next/navigation";
import { countUsers } from "@/lib/auth/users";
import { SetupForm } from "@/components/auth/setup-form";
import { createFirstAdminAction } from "./actions";

export const metadata = { title: "First-run setup" };
export const dynamic = "force-dynamic";

// Exists only while the database has no user; afterwards it is a 404.
export default async function SetupPage() {
  if ((await countUsers()) > 0) notFound();
  return <SetupForm action={createFirstAdminAction} />;
}
