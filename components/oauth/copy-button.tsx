"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Copies a text (e.g. the redirect URL) to the clipboard; works on plain-http consoles too. */
export function CopyButton({ text, label, what }: { text: string; label?: string; what?: string }) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const shown = label ?? t("copy");
  async function copy() {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
      } else {
        // The async clipboard API needs a secure context; fall back to a selection copy.
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        const ok = document.execCommand("copy");
        area.remove();
        if (!ok) throw new Error("copy refused");
      }
      setCopied("yes");
    } catch {
      setCopied("no");
    }
    setTimeout(() => setCopied(null), 2500);
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="secondary" onClick={copy} aria-label={t("copyWhat", { label: shown, what: what ?? t("copyText") })}>
        {shown}
      </Button>
      <span aria-live="polite" className="text-xs text-slate-500 dark:text-slate-400">
        {copied === "yes" ? t("copied") : copied === "no" ? t("copyByHand") : ""}
      </span>
    </span>
  );
}
