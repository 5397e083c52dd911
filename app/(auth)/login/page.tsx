import { redirect } from "next/navigation";
import { countUsers } from "@/lib/db/users";
import { currentUser } from "@/lib/auth/session";
import { LoginForm } from "@/components/auth/login-form";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if ((await countUsers()) === 0) redirect("/setup");
  if (await currentUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: never send a user to another host after sign-in.
  const next = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return <LoginForm callbackUrl={next} />;
}
