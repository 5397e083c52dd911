// The logger as configured for production, writing into memory: JSON lines, secrets redacted at
// any of the configured depths, request ids honoured or generated, worker lines leveled.
import { describe, it, expect } from "vitest";
import { Writable } from "node:stream";
import { CENSOR, createLogger, currentLogger, lineLogger, logger, requestIdOf, requestLogger, withLogger } from "./log";

function memory() {
  const lines: string[] = [];
  let partial = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      partial += chunk.toString();
      const parts = partial.split("\n");
      partial = parts.pop()!;
      lines.push(...parts);
      done();
    },
  });
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, lines, parsed };
}

const SECRETS = ["hunter2-password", "smtp-pass", "s3cr3t", "tok-123", "at-abc", "rt-def", "Bearer hrld_live_key", "sid=cookie-value", "cs-ghi", "set-cookie-value"];

describe("logger", () => {
  it("writes one JSON object per line with the level name, an ISO time and the message", () => {
    const mem = memory();
    const log = createLogger({ destination: mem.stream });
    log.info({ n: 1 }, "hello");
    log.debug("not at info");
    expect(mem.lines).toHaveLength(1);
    const [line] = mem.parsed();
    expect(line).toMatchObject({ level: "info", name: "herald", n: 1, msg: "hello" });
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
  });

  it("redacts credentials at the top level and nested, and keeps the rest", () => {
    const mem = memory();
    const log = createLogger({ destination: mem.stream });
    log.info(
      {
        password: SECRETS[0],
        user: "ada@example.com",
        smtp: { host: "smtp.example.com", pass: SECRETS[1], auth: { secret: SECRETS[2], token: SECRETS[3] } },
        oauth: { accessToken: SECRETS[4], refreshToken: SECRETS[5], clientSecret: SECRETS[8] },
        headers: { authorization: SECRETS[6], cookie: SECRETS[7], "set-cookie": SECRETS[9], accept: "text/html" },
      },
      "connecting",
    );
    const text = mem.lines.join("\n");
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(text).toContain(CENSOR);
    const [line] = mem.parsed();
    expect(line!.password).toBe("[redacted]");
    expect(line!.user).toBe("ada@example.com");
    expect(line!.smtp).toEqual({ host: "smtp.example.com", pass: "[redacted]", auth: { secret: "[redacted]", token: "[redacted]" } });
    expect(line!.oauth).toEqual({ accessToken: "[redacted]", refreshToken: "[redacted]", clientSecret: "[redacted]" });
    expect(line!.headers).toEqual({ authorization: "[redacted]", cookie: "[redacted]", "set-cookie": "[redacted]", accept: "text/html" });
  });

  it("redacts in child loggers' bindings too", () => {
    const mem = memory();
    const child = createLogger({ destination: mem.stream }).child({ component: "x" });
    child.warn({ token: SECRETS[3] }, "with a token field");
    expect(mem.lines.join("")).not.toContain(SECRETS[3]);
    expect(mem.parsed()[0]).toMatchObject({ level: "warn", component: "x", token: "[redacted]" });
  });

  it("the root logger is one instance per process", () => {
    expect(logger()).toBe(logger());
    expect(logger().level).toBe(process.env.HERALD_LOG_LEVEL ?? "info");
  });
});

describe("request ids", () => {
  const req = (id?: string) => new Request("http://herald.test/api/v1/mail", { headers: id === undefined ? {} : { "x-request-id": id } });

  it("honours a safe X-Request-Id from the caller", () => {
    expect(requestIdOf(req("abc-123"))).toBe("abc-123");
    expect(requestIdOf(req("lb:7f3a/2.1_x~y=z+@"))).toBe("lb:7f3a/2.1_x~y=z+@");
    expect(requestIdOf(req("x".repeat(128)))).toBe("x".repeat(128));
  });

  it("generates a UUID when there is none, or it is too long or unsafe", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of [undefined, "", "x".repeat(129), "has space", 'quote"', "back\\slash", "<script>", "ü"]) {
      expect(requestIdOf(req(bad)), String(bad)).toMatch(uuid);
    }
    expect(requestIdOf(req())).not.toBe(requestIdOf(req()));
  });

  it("requestLogger binds the id to every line and exposes it", () => {
    const mem = memory();
    const log = requestLogger(req("req-42"), createLogger({ destination: mem.stream }));
    expect(log.requestId).toBe("req-42");
    log.info("one");
    log.child({ step: 2 }).info("two");
    expect(mem.parsed().map((l) => [l.requestId, l.msg])).toEqual([
      ["req-42", "one"],
      ["req-42", "two"],
    ]);
  });

  it("currentLogger is the request's logger inside withLogger (across awaits), else the root", async () => {
    const mem = memory();
    const log = requestLogger(req("ctx-1"), createLogger({ destination: mem.stream }));
    expect(currentLogger()).toBe(logger());
    await withLogger(log, async () => {
      // A real timer hop (a new macrotask) is the point: the context must survive it.
      await new Promise((r) => setTimeout(r, 5));
      currentLogger().error("inside");
    });
    expect(mem.parsed()[0]).toMatchObject({ requestId: "ctx-1", level: "error", msg: "inside" });
    expect(currentLogger()).toBe(logger());
  });
});

describe("lineLogger (the worker's plain lines)", () => {
  it("logs problems at warn and the rest at info", () => {
    const mem = memory();
    const log = lineLogger(createLogger({ destination: mem.stream }).child({ component: "worker", workerId: "w1" }));
    log("sending through smtp.example.com:587");
    log("pausing 2s: connection refused");
    log("error: database is locked");
    log("heartbeat failed: timeout");
    log("could not write results: busy");
    expect(mem.parsed().map((l) => [l.level, l.workerId])).toEqual([
      ["info", "w1"],
      ["warn", "w1"],
      ["warn", "w1"],
      ["warn", "w1"],
      ["warn", "w1"],
    ]);
  });
});
