"use client";
// The HTML part as the recipient sees it, in a sandboxed iframe: `sandbox=""` (no scripts, no
// same-origin, no forms, no popups) and `srcdoc`, plus a Content-Security-Policy inside the
// document that blocks every request — remote images only when the author allows them. Template
// authors can therefore never run script in the console, whatever they write.
import { memo } from "react";
import { previewDocument } from "@/lib/templates";

export type PreviewWidth = "desktop" | "mobile";
/** iPhone 12–15 CSS width: the phone most recipients read on. */
export const MOBILE_WIDTH = 390;

export const HtmlPreview = memo(function HtmlPreview({ html, width, allowRemoteImages, title }: { html: string; width: PreviewWidth; allowRemoteImages: boolean; title: string }) {
  return (
    <div className="overflow-auto rounded-md border border-slate-200 bg-slate-100 p-2 dark:border-slate-700 dark:bg-slate-900">
      <iframe
        title={title}
        data-testid="html-preview-frame"
        data-width={width}
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={previewDocument(html, { allowRemoteImages })}
        style={{ width: width === "mobile" ? `${MOBILE_WIDTH}px` : "100%" }}
        className="mx-auto block h-[34rem] rounded bg-white"
      />
    </div>
  );
});
