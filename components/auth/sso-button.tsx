"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** "Sign in with <label>": next-auth's OIDC sign-in (PKCE, state, nonce) to the configured provider. */
export function SsoButton({ label, callbackUrl }: { label: string; callbackUrl: string }) {
  const t = useTranslations("login");
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type="button"
      className="w-full"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signIn("oidc", { callbackUrl });
      }}
    >
      {busy ? t("redirecting") : t("sso", { provider: label })}
    </Button>
  );
}
