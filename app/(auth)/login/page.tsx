import { redirect } from "next/navigation";
import { countUsers } from "@/lib/db/users";
import { signedInUser, CHANGE_PASSWORD_PATH } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { LoginForm } from "@/components/auth/login-form";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  if ((await countUsers()) === 0) redirect("/setup");
  const me = await signedInUser();
  if (me) redirect(me.mustChangePassword ? CHANGE_PASSWORD_PATH : "/");
  const { callbackUrl } = await searchParams;
  // Only a path on this console: never send a user to another host after sign-in.
  return <LoginForm callbackUrl={safeCallbackPath(callbackUrl)} />;
}
