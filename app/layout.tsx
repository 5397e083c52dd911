import type { Metadata } from "next";
import "./globals.css";

// Every page is rendered per request: Next.js puts the request's CSP nonce (lib/http/security-headers.ts)
// on its scripts only while rendering, so a page prerendered at build time would have none and not run.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Herald", template: "%s · Herald" },
  description: "Email notification console",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
