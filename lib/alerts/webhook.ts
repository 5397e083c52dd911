import "server-only";
// POSTs one notice to one webhook: a timeout per try and a few retries with a growing pause, so
// a slow or broken receiver costs this evaluator a few seconds and never holds up sending (the
// evaluator runs beside the worker loop, not in it). The URL is a secret (chat webhooks carry
// their credentials): results name only its host.

export interface WebhookResult {
  /** "webhook 1 (hooks.slack.com)" — never the whole URL. */
  target: string;
  ok: boolean;
  status: number | null;
  attempts: number;
  error: string | null;
}

export interface WebhookOptions {
  timeoutMs?: number;
  attempts?: number;
  /** Pause before try n+1 is retryDelayMs × 2^(n-1). */
  retryDelayMs?: number;
}

export function webhookLabel(url: string, index: number): string {
  let host = "?";
  try {
    host = new URL(url).host;
  } catch {
    /* checked when saved; keep the label */
  }
  return `webhook ${index + 1} (${host})`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function postWebhook(url: string, index: number, body: unknown, opts: WebhookOptions = {}): Promise<WebhookResult> {
  const attempts = opts.attempts ?? 3;
  const target = webhookLabel(url, index);
  let last: WebhookResult = { target, ok: false, status: null, attempts: 0, error: "not tried" };
  for (let n = 1; n <= attempts; n++) {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Herald-Alerts/1" },
        body: JSON.stringify(body),
        // A redirect would resend the alert somewhere the admin did not configure.
        redirect: "manual",
        signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { target, ok: true, status: res.status, attempts: n, error: null };
      last = { target, ok: false, status: res.status, attempts: n, error: `HTTP ${res.status}` };
      // A client error other than a timeout or rate limit will not change on a retry.
      if (res.status < 500 && res.status !== 408 && res.status !== 429) return last;
    } catch (e) {
      const name = e instanceof Error ? e.name : "";
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : "";
      last = {
        target,
        ok: false,
        status: null,
        attempts: n,
        error: name === "TimeoutError" ? `no answer within ${opts.timeoutMs ?? 5000} ms` : `cannot connect${cause.replace(url, target)}`,
      };
    }
    if (n < attempts) await sleep((opts.retryDelayMs ?? 1000) * 2 ** (n - 1));
  }
  return last;
}
