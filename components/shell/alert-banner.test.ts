// The banner's markup (the e2e spec e2e/alerts/banner.spec.ts shows it in the running console).
import { describe, it, expect } from "vitest";
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { AlertBanner, type BannerIncident } from "./alert-banner";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";

// The banner as the console renders it: inside the catalog provider, in a user's time zone.
const render = (incidents: BannerIncident[], locale: "en" | "ko" = "en") =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: locale === "en" ? en : ko, timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>, createElement(AlertBanner, { incidents })));

describe("AlertBanner", () => {
  it("renders nothing without open incidents", () => {
    expect(render([])).toBe("");
  });

  it("a labelled region listing each incident: title, since when, summary, a link to fix it", () => {
    const html = render([
      { id: 1, title: "Re-authorization needed", summary: "The mail account must be <authorized> again.", link: "/configuration/oauth", openedAt: "2026-12-04T10:00:00.000Z" },
      { id: 2, title: "Messages went dead", summary: "1 message went dead.", link: "/outbox?status=dead", openedAt: "2026-12-04T10:05:00.123Z" },
    ]);
    expect(html).toMatch(/^<section aria-label="Open alerts"/);
    expect(html).not.toContain('role="alert"');
    expect(html.match(/data-testid="alert-incident"/g)).toHaveLength(2);
    expect(html).toContain('since <time dateTime="2026-12-04T10:00:00.000Z">12/04/2026, 10:00:00</time>');
    expect(html).toContain("The mail account must be &lt;authorized&gt; again.");
    expect(html).toContain('href="/configuration/oauth"');
    expect(html).toContain('href="/outbox?status=dead"');
  });

  it("speaks the reader's language and time zone", () => {
    const html = render([{ id: 1, title: "t", summary: "s", link: "/x", openedAt: "2026-12-04T10:00:00.000Z" }], "ko");
    expect(html).toMatch(/^<section aria-label="열린 경고"/);
    expect(html).toContain("해결하기");
    expect(html).toMatch(/<time dateTime="2026-12-04T10:00:00.000Z">2026\. 12\. 04\. 10:00:00<\/time>부터/);
  });
});
