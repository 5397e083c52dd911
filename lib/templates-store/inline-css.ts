// Moves the rules of <style> into style="" attributes (juice), because Gmail and Outlook drop or
// ignore much of <style>; media queries stay in <style> for the clients that honour them (Apple
// Mail, the Gmail app). Runs once per template version (html-store caches the result), never per
// mail. Placeholders (`${name}`) pass through untouched: juice keeps text and attribute values.
// Not server-only (no database, secrets or SMTP here), so the benchmark can run it; the browser
// preview does not need it (the browser applies <style> itself).
import juice from "juice";

export function inlineCss(html: string): string {
  return juice(html, {
    preserveMediaQueries: true,
    preserveImportant: true,
    removeStyleTags: true,
    applyWidthAttributes: true,
    applyHeightAttributes: false,
    // Never fetch anything while rendering a mail.
    webResources: { images: false, scripts: false, links: false, svgs: false },
  } as juice.Options);
}
