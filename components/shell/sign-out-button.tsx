"use client";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

/** Ends Herald's session (server-side); a single sign-on user is then offered the provider's sign-out. */
export function SignOutButton({ sso = false }: { sso?: boolean }) {
  return (
    <Button variant="secondary" size="sm" onClick={() => signOut({ callbackUrl: sso ? "/login/signed-out?sso=1" : "/login/signed-out" })}>
      Sign out
    </Button>
  );
}
