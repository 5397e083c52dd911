import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { countUsers } from "@/lib/auth/users";
import { SetupForm } from "@/components/auth/setup-form";
import { createFirstAdminAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("setup"))("metaTitle") };
}
export const dynamic = "force-dynamic";

// Exists only while the database has no user; afterwards it is a 404.
export default async function SetupPage() {
  if ((await countUsers()) > 0) notFound();
  return <SetupForm action={createFirstAdminAction} />;
}
