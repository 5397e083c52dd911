"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Ends Herald's session (server-side); a single sign-on user is then offered the provider's sign-out. */
export function SignOutButton({ sso = false }: { sso?: boolean }) {
  const t = useTranslations("common");
  return (
    <Button variant="secondary" size="sm" onClick={() => signOut({ callbackUrl: sso ? "/login/signed-out?sso=1" : "/login/signed-out" })}>
      {t("signOut")}
    </Button>
  );
}
