import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { Nav, type NavItem } from "@/components/shell/nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { AlertBanner, type BannerIncident } from "@/components/shell/alert-banner";
import { openIncidents } from "@/lib/alerts";
import { renderAlertText } from "@/lib/alerts/types";
import { logger } from "@/lib/log";

export const dynamic = "force-dynamic";

type NavKey = "dashboard" | "configuration" | "templates" | "outbox" | "recipients" | "mailbox" | "apiKeys" | "api" | "mailLog" | "users" | "audit";
const ALL: { href: string; key: NavKey; admin?: boolean }[] = [
  { href: "/", key: "dashboard" },
  { href: "/configuration", key: "configuration", admin: true },
  { href: "/templates", key: "templates" },
  { href: "/outbox", key: "outbox", admin: true },
  { href: "/recipients", key: "recipients", admin: true },
  { href: "/mailbox", key: "mailbox", admin: true },
  { href: "/api-keys", key: "apiKeys", admin: true },
  { href: "/api", key: "api", admin: true },
  { href: "/mail-log", key: "mailLog", admin: true },
  { href: "/users", key: "users", admin: true },
  { href: "/audit", key: "audit", admin: true },
];

// The shell only redirects; each page checks the session and role itself.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageRole();
  const [t, tc] = await Promise.all([getTranslations("nav"), getTranslations("common")]);
  const items: NavItem[] = ALL.filter((i) => !i.admin || user.role === "admin").map(({ href, key }) => ({ href, label: t(key) }));
  const incidents = user.role === "admin" ? await bannerIncidents() : [];
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900">
        {t("skipToContent")}
      </a>
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="text-lg font-bold tracking-tight text-brand-600 dark:text-brand-100">
            {tc("appName")}
          </Link>
          <div className="flex items-center gap-3 text-sm">
            <Link href="/account" className="hidden text-right hover:underline sm:block" data-testid="current-user" title={t("accountTitle")}>
              <span className="block font-medium">{user.name}</span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">
                {user.email} · {t("role", { role: user.role })}
              </span>
            </Link>
            <SignOutButton sso={user.sessionMethod === "oidc"} />
          </div>
        </div>
      </header>
      <AlertBanner incidents={incidents} />
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        <aside className="min-w-0 md:w-48 md:shrink-0">
          <Nav items={items} label={t("main")} />
        </aside>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}

/** Open alert incidents for the banner; a failing read never takes the console down with it. */
async function bannerIncidents(): Promise<BannerIncident[]> {
  try {
    const t = await getTranslations("alerts");
    // The title by the condition's stable code, in the reader's language (the stored English
    // title stays for webhooks and mail); a condition the catalog does not know keeps it.
    return (await openIncidents()).map(({ id, condition, title, summary, text, link, openedAt }) => ({
      id,
      title: t.has(`titles.${condition}`) ? t(`titles.${condition}`) : title,
      // Verbatim values (an SMTP reply, the provider's reason) stay as they came.
      summary: text ? renderAlertText(text, (key, values) => t(`texts.${key}`, values)) : summary,
      link,
      openedAt,
    }));
  } catch (e) {
    logger().warn({ err: e, component: "alerts" }, "alerts: cannot read open incidents for the banner");
    return [];
  }
}
