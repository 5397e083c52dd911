// The banner's markup (the e2e spec e2e/alerts/banner.spec.ts shows it in the running console).
import { describe, it, expect } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { AlertBanner } from "./alert-banner";

describe("AlertBanner", () => {
  it("renders nothing without open incidents", () => {
    expect(renderToStaticMarkup(createElement(AlertBanner, { incidents: [] }))).toBe("");
  });

  it("a labelled region listing each incident: title, since when, summary, a link to fix it", () => {
    const html = renderToStaticMarkup(
      createElement(AlertBanner, {
        incidents: [
          { id: 1, title: "Re-authorization needed", summary: "The mail account must be <authorized> again.", link: "/configuration/oauth", openedAt: "2026-12-04T10:00:00.000Z" },
          { id: 2, title: "Messages went dead", summary: "1 message went dead.", link: "/outbox?status=dead", openedAt: "2026-12-04T10:05:00.123Z" },
        ],
      }),
    );
    expect(html).toMatch(/^<section aria-label="Open alerts"/);
    expect(html).not.toContain('role="alert"');
    expect(html.match(/data-testid="alert-incident"/g)).toHaveLength(2);
    expect(html).toContain('<time dateTime="2026-12-04T10:00:00.000Z">2026-12-04 10:00:00 UTC</time>');
    expect(html).toContain("The mail account must be &lt;authorized&gt; again.");
    expect(html).toContain('href="/configuration/oauth"');
    expect(html).toContain('href="/outbox?status=dead"');
  });
});
