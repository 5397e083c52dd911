import "server-only";
// The outbox worker: claims due messages in batches, sends them through one pooled transport,
// records each result, and backs off when the server cannot be used.
//
//   loop: prepare (transport for the current configuration; OAuth2 token when used)
//         → claim up to `batch` messages (atomic, leased to this worker)
//         → send up to `concurrency` at a time; each result is buffered and written in batches
//           (one transaction for many results: the mail log never becomes the bottleneck)
//   while running: leases of held messages are renewed; a heartbeat row says what the worker
//   sees (target, last result, token state), for the dashboard.
//   housekeeping (housekeeping.ts: retention, stale rows, mail log) rides on the heartbeat and
//   on each write of results.
//
// Failures (see policy.ts): permanent → dead; transient → failed with a backoff; server-level
// (refused, timeout, TLS, login) → failed with a backoff *and* the transport is down: the worker
// hands the unsent rest of its batch back untouched (an outage does not burn every message's
// attempts) and probes the server with one connection at 1 s, 2 s, 4 s … capped at 30 s
// (transport-health.ts). However many connections notice an outage, it is one outage: they do not
// push the next probe further out. The first probe that gets through ends it, and the messages
// that failed during it are retried at once.
// A re-authorization error from the OAuth2 provider hands everything back with no attempt
// counted. stop() (SIGTERM) finishes the messages in hand, hands back the rest and exits.
import os from "node:os";
import crypto from "node:crypto";
import { databaseUrl, env } from "@/lib/env";
import { explainError } from "@/lib/mail/explain";
import { backoffMs, classifyError, decideRetry, type RetryPolicy, type SendFailure } from "./policy";
import { sendingSettings } from "./settings";
import { anyDue, claimSteps, completeSteps, renewSteps, type ClaimedMessage, type Completion } from "./store";
import { forgetStaleRows, purgeFinishedMessages, trimMailLog } from "./housekeeping";
import { dbTime, read, writeSteps, writeTx } from "@/lib/db/sql";
import { resolveTarget, type Target } from "./target";
import { createSender, type Sender, type SendOutcome } from "./transport";
import { TransportHealth, type TransportState } from "./transport-health";
import { isReauthorizationNeeded, oauthTokenProvider, type AccessTokenProvider } from "@/lib/smtp/xoauth2";
import { OUTBOX_CHANNEL, outboxSignal } from "./signal";
import { listen, type Listener } from "@/lib/db/pg-listen";
import { engineOf } from "@/lib/db/engine";
import { observeSmtpSend, recordDelivery, setTransportState } from "@/lib/metrics";
import { workerLog } from "@/lib/log";
import { keepOAuthAlive } from "@/lib/oauth/keepalive";

export interface WorkerOptions {
  id?: string;
  batchSize?: number;
  /** Pooled SMTP connections. */
  connections?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Extra trusted CA certificates (tests). */
  ca?: string[];
  log?: (line: string) => void;
  /** XOAUTH2 access tokens when the Mail Service's OAuth flow is on; default: lib/oauth's stored authorization. */
  tokens?: AccessTokenProvider;
  /** How often to look whether the OAuth2 keep-alive refresh is due (default a minute; tests: less). */
  keepAliveCheckMs?: number;
  /** Heartbeat interval (default 5 s). */
  heartbeatMs?: number;
}

export type TokenState = "not-used" | "ok" | "reauthorization-needed" | "error" | "no-provider";

export interface WorkerState {
  target: string;
  targetKind: Target["kind"] | "starting";
  unavailableReason: string | null;
  pausedUntil: string | null;
  lastResult: { ok: boolean; at: string; reply: string | null; error: string | null } | null;
  /** at: last checked; since: when this state began (a message held for re-authorization says since when). */
  token: { state: TokenState; at: string | null; since: string | null; message: string | null };
  /** Whether the SMTP server can be used: up, down since T, or being probed. */
  transport: TransportState;
  sent: number;
  failed: number;
  inFlight: number;
}

const FLUSH_EVERY_MS = 25;
const FLUSH_AT = 64;
const HEARTBEAT_MS = 5000;
const MAX_PAUSE_MS = 5 * 60_000;
const PREPARE_MS = 250;
const PAUSE_CHECK_MS = 2000;

export class OutboxWorker {
  readonly id: string;
  private readonly batchSize: number;
  private readonly connections: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly log: (line: string) => void;
  private readonly ca?: string[];
  private readonly tokens: AccessTokenProvider;
  private readonly keepAliveCheckMs: number;
  private readonly heartbeatMs: number;
  private readonly health = new TransportHealth();

  private sender: Sender | null = null;
  private queue: ClaimedMessage[] = [];
  private inFlight = new Map<string, Promise<void>>();
  private done: Completion[] = [];
  private flushing: Promise<void> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private pausedUntil = 0;
  private tokenFailures = 0;
  private stopping = false;
  private running: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private policy: RetryPolicy | null = null;
  private preparedAt = 0;
  private nextClaimAt = 0;
  private settled: (() => void) | null = null;
  private readonly startedAt = new Date();
  private readonly onEnqueued = () => this.wake();
  readonly state: WorkerState = {
    target: "",
    targetKind: "starting",
    unavailableReason: null,
    pausedUntil: null,
    lastResult: null,
    token: { state: "not-used", at: null, since: null, message: null },
    transport: { state: "up", since: null, lastError: null },
    sent: 0,
    failed: 0,
    inFlight: 0,
  };

  constructor(opts: WorkerOptions = {}) {
    const e = env();
    this.id = opts.id ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
    this.batchSize = opts.batchSize ?? e.HERALD_OUTBOX_BATCH;
    this.connections = opts.connections ?? e.HERALD_OUTBOX_CONNECTIONS;
    // Eight messages per pooled connection keep every connection busy while results are written
    // and the next batch is claimed (nodemailer queues them per pool); more would only hold
    // leases longer (and add to what a crash sends twice).
    this.concurrency = this.connections * 8;
    this.leaseMs = opts.leaseMs ?? e.HERALD_OUTBOX_LEASE_SECONDS * 1000;
    this.pollMs = opts.pollMs ?? e.HERALD_OUTBOX_POLL_MS;
    this.log = opts.log ?? workerLog(this.id);
    this.ca = opts.ca;
    this.tokens = opts.tokens ?? oauthTokenProvider;
    this.keepAliveCheckMs = opts.keepAliveCheckMs ?? 60_000;
    this.heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
    this.state.transport = this.health.snapshot();
  }

  /** Starts the loop; resolves when the worker has stopped. */
  start(): Promise<void> {
    if (this.running) return this.running;
    outboxSignal().on("enqueued", this.onEnqueued);
    // PostgreSQL: mail stored by other processes (console instances) wakes this worker at once.
    const url = databaseUrl();
    if (engineOf(url) === "postgresql") {
      this.listener = listen(url, OUTBOX_CHANNEL, () => this.wake(), {
        onError: (e) => this.log(`outbox notifications interrupted (${e.message}); polling meanwhile`),
        // Mail stored before the LISTEN took effect notified no one: look again now.
        onListening: () => this.wake(),
      });
    }
    this.renewTimer = setInterval(() => void this.renew(), Math.max(500, Math.floor(this.leaseMs / 3)));
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.heartbeatMs);
    this.renewTimer.unref();
    this.heartbeatTimer.unref();
    setTransportState(this.id, this.state.transport);
    void this.heartbeat();
    this.running = this.loop().finally(() => this.cleanup());
    return this.running;
  }

  /** Graceful stop: finish the messages being sent, hand back the rest, write every result. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
  }

  /** Ends any back-off and looks for work now (e.g. right after the mail account was authorized). */
  resume() {
    this.pausedUntil = 0;
    this.pausedTargetKey = null;
    this.preparedAt = 0;
    this.tokenFailures = 0;
    if (this.health.recovered() !== null) this.transportChanged();
    this.wake();
  }

  /**
   * A wake-up that arrives while the loop is busy (reading, preparing the transport) must not be
   * lost: it is remembered, and the pass's closing sleep returns at once. The flag is cleared at
   * the top of each pass, because that pass reads everything committed before it.
   */
  wake() {
    this.nextClaimAt = 0;
    this.wokenWhileBusy = true;
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private wokenWhileBusy = false;

  private sleep(ms: number): Promise<void> {
    if (this.wokenWhileBusy) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private paused(): boolean {
    return this.pausedUntil > Date.now() || this.health.down;
  }

  private pause(ms: number, why: string) {
    this.preparedAt = 0;
    void this.rememberPausedTarget();
    const until = Date.now() + Math.min(ms, MAX_PAUSE_MS);
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.state.pausedUntil = new Date(until).toISOString();
      this.log(`pausing ${Math.round((until - Date.now()) / 100) / 10}s: ${why}`);
    }
    this.releaseQueue("worker paused: " + why);
  }

  private pausedTargetKey: string | null = null;
  private lastTargetKey: string | null = null;

  private async rememberPausedTarget() {
    try {
      this.pausedTargetKey = (await resolveTarget()).key;
    } catch {
      this.pausedTargetKey = null;
    }
  }

  /** Whether where to send changed since the worker paused. */
  private async targetChanged(): Promise<boolean> {
    if (this.pausedTargetKey === null) return false;
    try {
      return (await resolveTarget()).key !== this.pausedTargetKey;
    } catch {
      return false;
    }
  }

  private async loop() {
    while (!this.stopping) {
      // Whatever woke the worker before this point is seen by this pass (it reads afresh).
      this.wokenWhileBusy = false;
      try {
        if (this.health.down) {
          await this.whileDown();
          continue;
        }
        if (this.paused()) {
          // Look up at least every few seconds: a changed configuration (another server, the
          // sandbox, a new OAuth2 authorization) ends the back-off at once.
          await this.sleep(Math.min(this.pausedUntil - Date.now(), PAUSE_CHECK_MS));
          if (this.paused() && (await this.targetChanged())) this.resume();
          continue;
        }
        this.state.pausedUntil = null;
        // Claim when running low — but after a claim that found less than asked (nothing more
        // is due), not again before the next poll or wake-up: an idle claim still takes the
        // write lock, and the API needs it to store new messages. Whether anything is due is a
        // read, which takes no lock.
        // Not while results pile up unwritten (the database is slow or away): every claimed
        // message is one more that a crash would send twice.
        const wantClaim = this.queue.length < this.concurrency && Date.now() >= this.nextClaimAt && this.done.length < this.batchSize * 2;
        const due = wantClaim && (await read((db) => anyDue(db)));
        if (!due && this.queue.length === 0 && this.inFlight.size === 0) {
          // Idle: keep the transport and the state the dashboard shows current (no OAuth2 token
          // is asked for without mail to send), then look again after pollMs or a wake-up.
          await this.prepare(false);
          this.preparedAt = 0;
          if (!this.paused()) await this.sleep(this.pollMs);
          continue;
        }
        const ready = await this.prepare(true);
        if (!ready) continue;
        if (due) {
          const claimed = await writeSteps((engine) => claimSteps(engine, this.id, this.batchSize, this.leaseMs));
          this.queue.push(...claimed);
          this.nextClaimAt = claimed.length < this.batchSize ? Date.now() + this.pollMs : 0;
        }
        while (this.queue.length && this.inFlight.size < this.concurrency && !this.paused() && !this.stopping) {
          this.startSend(this.queue.shift()!);
        }
        this.state.inFlight = this.inFlight.size;
        if (this.queue.length === 0 && this.inFlight.size === 0) {
          this.preparedAt = 0;
        } else if (this.inFlight.size >= this.concurrency || this.queue.length === 0) {
          // Wait for a send to finish (or a wake-up) before claiming more.
          if (this.wokenWhileBusy) continue;
          await new Promise<void>((resolve) => {
            const t = setTimeout(done, this.pollMs);
            function done() {
              clearTimeout(t);
              resolve();
            }
            this.settled = done;
            this.wakeUp = done;
          });
          this.settled = null;
          this.wakeUp = null;
        }
      } catch (e) {
        this.log(`error: ${e instanceof Error ? e.message : String(e)}`);
        await this.sleep(Math.min(5000, this.pollMs * 2));
      }
    }
    // Stopping: hand back what was not started, finish what was.
    this.releaseQueue("worker stopping");
    await Promise.allSettled([...this.inFlight.values()]);
    await this.flush();
  }

  /**
   * The server is down: wait for the next probe (a configuration change ends the wait), then try
   * one connection. Messages that failed during the outage go again the moment it answers.
   */
  private async whileDown() {
    if (!this.health.probeDue()) {
      await this.sleep(Math.min(Math.max(0, this.health.nextProbeAt - Date.now()), PAUSE_CHECK_MS));
      if (this.health.down && !this.health.probeDue() && (await this.targetChanged())) this.resume();
      return;
    }
    this.health.startProbe();
    this.transportChanged();
    try {
      this.preparedAt = 0;
      // A new configuration (or no target at all) is dealt with by prepare(); it may pause.
      if (!(await this.prepare(true)) || !this.sender) {
        if (this.health.down) this.health.probeFailed(this.health.snapshot().lastError ?? "not ready");
        this.transportChanged();
        return;
      }
      await this.sender.probe();
    } catch (e) {
      const error = describeFailure(classifyError(e), this.sender);
      this.health.probeFailed(error);
      this.state.pausedUntil = new Date(this.health.nextProbeAt).toISOString();
      this.log(`probe failed, next in ${Math.round((this.health.nextProbeAt - Date.now()) / 100) / 10}s: ${error}`);
      this.transportChanged();
      return;
    }
    const began = this.health.recovered();
    this.state.pausedUntil = null;
    this.transportChanged();
    if (began === null) return;
    this.log(`the server answers again after ${Math.round((Date.now() - began) / 100) / 10}s: resuming`);
    // Messages that failed because the server was away would otherwise wait out their retry
    // back-off; the outage was not their fault.
    const now = dbTime(new Date());
    const n = await writeTx((db) =>
      db.run(`UPDATE "OutboxMessage" SET "nextAttemptAt" = ? WHERE "status" = 'failed' AND "nextAttemptAt" > ? AND "updatedAt" >= ?`, [now, now, dbTime(began - 1000)]),
    );
    if (n) this.log(`retrying ${n} message(s) that failed during the outage now`);
    this.nextClaimAt = 0;
  }

  /** Publishes the transport state: heartbeat row (at once, not in up to 5 s) and metrics. */
  private transportChanged() {
    this.state.transport = this.health.snapshot();
    setTransportState(this.id, this.state.transport);
    void this.heartbeat();
  }

  /**
   * Transport for the current configuration and, with OAuth2, a token. False: paused. Checked at
   * most every PREPARE_MS while busy (a configuration change applies within that time).
   */
  private async prepare(withToken: boolean): Promise<boolean> {
    if (this.sender && Date.now() - this.preparedAt < PREPARE_MS) return true;
    this.preparedAt = Date.now();
    const settings = await sendingSettings();
    this.policy = settings.retry;
    const target = await resolveTarget();
    if (!this.sender || this.sender.key !== target.key) {
      if (this.inFlight.size) {
        // Let the old transport finish what it is sending first.
        await Promise.allSettled([...this.inFlight.values()]);
      }
      this.sender?.close();
      this.sender = null;
      this.state.target = target.label;
      this.state.targetKind = target.kind;
      this.state.unavailableReason = target.kind === "unavailable" ? target.reason : null;
      if (target.kind === "unavailable") {
        this.releaseQueue(target.reason);
        this.pause(this.pollMs * 5, target.reason);
        return false;
      }
      const changed = this.lastTargetKey !== null && this.lastTargetKey !== target.key;
      this.lastTargetKey = target.key;
      this.sender = createSender(target, { connections: this.connections, ca: this.ca, tokens: this.tokens });
      this.log(`sending through ${target.label}`);
      if (changed) {
        // Messages waiting for a retry failed against the old configuration: try them now.
        const now = dbTime(new Date());
        const n = await writeTx((db) => db.run(`UPDATE "OutboxMessage" SET "nextAttemptAt" = ? WHERE "status" = 'failed' AND "nextAttemptAt" > ?`, [now, now]));
        if (n) this.log(`configuration changed: retrying ${n} waiting message(s) now`);
        this.nextClaimAt = 0;
      }
    }
    if (this.sender.oauth) {
      if (!withToken) return true;
      return this.checkToken(this.sender.user);
    }
    this.setToken({ state: "not-used", at: null, message: null });
    return true;
  }

  private async checkToken(user: string): Promise<boolean> {
    const at = new Date().toISOString();
    try {
      await this.tokens({ user: user.trim(), forceRefresh: false, reason: "batch" });
      this.setToken({ state: "ok", at, message: null });
      this.tokenFailures = 0;
      return true;
    } catch (e) {
      const reauth = isReauthorizationNeeded(e);
      const message = e instanceof Error ? e.message : String(e);
      this.setToken({ state: reauth ? "reauthorization-needed" : "error", at, message });
      this.tokenPause(message);
      return false;
    }
  }

  private setToken(t: { state: TokenState; at: string | null; message: string | null }) {
    const since = t.state === this.state.token.state && this.state.token.since ? this.state.token.since : t.at;
    this.state.token = { ...t, since };
  }

  private tokenPause(why: string) {
    this.tokenFailures++;
    // Capped at a minute: after "Authorize" mail should flow again soon (the OAuth2 token route
    // ends the wait at once in the console process).
    this.pause(backoffMs(this.tokenFailures, { baseDelaySeconds: 5, maxDelaySeconds: 60 }), why);
  }

  private startSend(m: ClaimedMessage) {
    const sender = this.sender!;
    const p = sender
      .send(m)
      .then((outcome) => this.record(m, sender, outcome))
      .catch((e: unknown) => this.log(`send bookkeeping failed for ${m.id}: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.inFlight.delete(m.id);
        this.state.inFlight = this.inFlight.size;
        const s = this.settled;
        this.settled = null;
        s?.();
      });
    this.inFlight.set(m.id, p);
  }

  private record(m: ClaimedMessage, sender: Sender, outcome: SendOutcome) {
    const at = new Date();
    const log = {
      server: sender.label,
      recipients: [m.toAddr, m.ccAddr, m.bccAddr].filter(Boolean).join(", "),
      subject: m.subject,
      messageId: m.messageId,
      transcript: outcome.transcript ? JSON.stringify(outcome.transcript) : null,
    };
    if (outcome.ok) {
      // A delivery begun after the outage was noticed proves the server is back.
      if (this.health.sendSucceeded(at.getTime() - outcome.durationMs) !== null) this.transportChanged();
      this.state.sent++;
      this.state.lastResult = { ok: true, at: at.toISOString(), reply: outcome.reply, error: null };
      observeSmtpSend(outcome);
      recordDelivery(m, "sent");
      this.push({ kind: "sent", id: m.id, attempt: m.attempts, reply: outcome.reply, durationMs: outcome.durationMs, at, log });
      return;
    }
    const f = outcome.failure;
    if (isReauthorizationNeeded(outcome.tokenError) || (outcome.tokenError && sender.oauth)) {
      // Not the message's fault and nothing was sent: back to the queue, no attempt counted.
      const message = outcome.tokenError instanceof Error ? outcome.tokenError.message : f.message;
      this.setToken({
        state: isReauthorizationNeeded(outcome.tokenError) ? "reauthorization-needed" : "error",
        at: at.toISOString(),
        message,
      });
      this.push({ kind: "released", id: m.id, attempt: m.attempts, hadFailed: m.lastError !== null, reason: message, at });
      this.tokenPause(message);
      return;
    }
    this.state.failed++;
    observeSmtpSend(outcome);
    const error = describeFailure(f, sender);
    this.state.lastResult = { ok: false, at: at.toISOString(), reply: f.reply ?? null, error };
    const decision = decideRetry(f, m.attempts, m.queuedAt, this.policy!, at);
    if (decision.action === "dead") {
      const why = f.kind === "permanent" ? error : `${decision.reason} Last error: ${error}`;
      recordDelivery(m, "dead");
      this.push({ kind: "dead", id: m.id, attempt: m.attempts, reply: f.reply ?? null, error: why, durationMs: outcome.durationMs, at, log });
    } else {
      recordDelivery(m, "failed");
      this.push({ kind: "retry", id: m.id, attempt: m.attempts, reply: f.reply ?? null, error, nextAttemptAt: decision.nextAttemptAt!, durationMs: outcome.durationMs, at, log });
    }
    if (f.kind === "server") {
      // One outage, however many connections notice it: only the first failure changes anything.
      if (this.health.fail(error)) {
        this.preparedAt = 0;
        void this.rememberPausedTarget();
        this.state.pausedUntil = new Date(this.health.nextProbeAt).toISOString();
        this.log(`pausing: the server cannot be used; probing it with one connection in ${Math.round((this.health.nextProbeAt - Date.now()) / 100) / 10}s: ${error}`);
        this.transportChanged();
      }
      this.releaseQueue("worker paused: " + error);
    }
  }

  private releaseQueue(reason: string) {
    if (!this.queue.length) return;
    const at = new Date();
    for (const m of this.queue.splice(0)) {
      this.push({ kind: "released", id: m.id, attempt: m.attempts, hadFailed: m.lastError !== null, reason, at });
    }
  }

  private push(c: Completion) {
    this.done.push(c);
    if (this.done.length >= FLUSH_AT) void this.flush();
    else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        void this.flush();
      }, FLUSH_EVERY_MS);
    }
  }

  /** Writes buffered results (serialised: one flush at a time). */
  private async flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    while (this.flushing) await this.flushing;
    if (!this.done.length) return;
    const batch = this.done.splice(0);
    this.flushing = (async () => {
      try {
        const { lost } = await this.inLane(() => writeSteps((engine) => completeSteps(engine, this.id, batch)));
        if (lost.length) this.log(`${lost.length} result(s) for messages whose lease was taken over: ${lost.slice(0, 5).join(", ")}`);
      } catch (e) {
        // Put them back; the next flush tries again.
        this.done.unshift(...batch);
        this.log(`could not write results: ${e instanceof Error ? e.message : String(e)}`);
      }
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
    void trimMailLog();
  }

  /**
   * Lease renewal and result writing touch the same rows (everything this worker holds) and must
   * not run at the same time: on PostgreSQL two such transactions lock the rows in different
   * orders and deadlock, and while the deadlock is being detected and retried the leases can
   * expire — another worker would then send those messages again.
   */
  private lane: Promise<unknown> = Promise.resolve();
  private inLane<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lane.then(fn, fn);
    this.lane = next.catch(() => undefined);
    return next;
  }

  private async renew() {
    // Results not yet written are still "sending" under this worker's lease.
    if (!this.inFlight.size && !this.queue.length && !this.done.length && !this.flushing) return;
    try {
      await this.inLane(() => writeSteps((engine) => renewSteps(engine, this.id, this.leaseMs)));
    } catch (e) {
      this.log(`lease renewal failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private lastPurge = 0;

  /** Outbox retention (housekeeping.ts): at most once a minute, never while this worker has mail in hand. */
  private async purgeFinished() {
    if (Date.now() - this.lastPurge < 60_000 || this.inFlight.size || this.queue.length) return;
    this.lastPurge = Date.now();
    const total = await purgeFinishedMessages({ stopping: () => this.stopping });
    if (total) this.log(`removed ${total} finished message(s) older than ${env().HERALD_OUTBOX_RETENTION_DAYS} days`);
  }

  private lastKeepAlive = 0;

  /** Keep OAuth alive even with no mail to send (at most one look a minute; see lib/oauth/keepalive.ts). */
  private async keepAlive() {
    if (Date.now() - this.lastKeepAlive < this.keepAliveCheckMs) return;
    this.lastKeepAlive = Date.now();
    const r = await keepOAuthAlive();
    if (r === "refreshed") this.log("OAuth2 keep-alive: the access token was refreshed (no mail needed it)");
    if (r === "failed") this.log("OAuth2 keep-alive: the refresh failed; see Configuration → OAuth2");
  }

  private async heartbeat(final = false) {
    if (!final) void this.purgeFinished().catch((e) => this.log(`outbox clean-up failed: ${e instanceof Error ? e.message : String(e)}`));
    if (!final) void this.keepAlive().catch((e) => this.log(`OAuth2 keep-alive failed: ${e instanceof Error ? e.message : String(e)}`));
    try {
      const now = dbTime(new Date());
      await writeTx(async (db) => {
        if (final) {
          await db.run(`DELETE FROM "OutboxWorker" WHERE "id" = ?`, [this.id]);
          return;
        }
        await db.run(
          `INSERT INTO "OutboxWorker" ("id", "pid", "host", "startedAt", "seenAt", "state") VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT ("id") DO UPDATE SET "seenAt" = excluded."seenAt", "state" = excluded."state"`,
          [this.id, process.pid, os.hostname(), dbTime(this.startedAt), now, JSON.stringify(this.state)],
        );
        await forgetStaleRows(db);
      });
    } catch (e) {
      this.log(`heartbeat failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private listener: Listener | null = null;

  private async cleanup() {
    outboxSignal().off("enqueued", this.onEnqueued);
    await this.listener?.stop();
    this.listener = null;
    if (this.renewTimer) clearInterval(this.renewTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.sender?.close();
    this.sender = null;
    await this.heartbeat(true);
  }
}

function describeFailure(f: SendFailure, sender: Sender | null): string {
  const explained = explainError(
    Object.assign(new Error(f.message), { code: f.code, responseCode: f.responseCode, response: f.reply, command: f.command }),
  );
  const head = explained.code === "unknown" ? f.message : `${explained.title}: ${explained.explanation}`;
  return `${head}${f.reply && !head.includes(f.reply) ? ` (server: ${f.reply})` : ""}${sender ? ` [${sender.label}]` : ""}`;
}
