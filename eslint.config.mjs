import path from "node:path";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Every console screen reads its text from the catalogs (issue 17): a hard-coded string in JSX fails
// the lint, wrapped in {"…"} or not. Product names and keys that both languages spell alike go in
// the catalogs too; only the separators in allowedStrings below may be written in place.
const I18N_FILES = ["app/**/*.tsx", "components/**/*.tsx"];

// The one-way imports of docs/architecture-boundaries.md, checked on resolved paths (so "@/lib/…"
// and relative imports alike).
const here = (p) => path.join(import.meta.dirname, p);

// The bottom layer: database machinery, env, errors, logging, shared schemas and the pure
// template engine. It imports nothing above it.
const FOUNDATION = [
  "lib/db/**",
  "lib/generated/**",
  "lib/env.ts",
  "lib/errors.ts",
  "lib/log.ts",
  "lib/data-files.ts",
  "lib/http/**",
  "lib/validations/**",
  "lib/templates/**",
];
// Pure leaf modules (no Herald imports of their own, or only foundation ones) that lower layers
// may use although they live in a higher folder. Keep this list short; a new entry needs a reason.
const SHARED_LEAVES = [
  "lib/outbox/ids.ts", // the outbox id format; the mail log links a session to its message
  "lib/mail/transcript.ts", // the SMTP transcript type and its redaction, stored by the mail log
  "lib/config/placeholder-policy.ts", // which env vars a placeholder may read, parsed by lib/env
  "lib/oauth/presets.ts", // the provider presets the OAuth Provider service definition offers
  "lib/api/rate-limit.ts", // an in-memory token bucket, also used to limit test emails
];
// The rule wants either only globs or only plain paths in a zone; "x.@(ts)" is a file as a glob.
// Modules the browser loads too: the template engine (live preview) and the zod schemas that
// forms share with the server (zodResolver). They import no server code.
const BROWSER_SAFE = ["lib/templates/**", "lib/validations/**", "lib/**/schema.ts", "lib/**/schemas.ts", "lib/**/*-schema.ts"];
const BROWSER_SAFE_TESTS = ["**/*.test.ts", "lib/templates/testing.ts"];
const NOT_IN_BROWSER = "runs in the browser too: no server code.";

const globs = (list) => list.map((p) => here(p.includes("*") ? p : p.replace(/\.(tsx?)$/, ".@($1)")));

const boundaryZones = [
  {
    target: globs(["lib/**", "components/**", "cli/**", "scripts/**", "bench/**", "bin/**", "e2e/**", "proxy.ts", "instrumentation.ts"]),
    from: globs(["app/**"]),
    message: "Nothing imports from app/: move what is shared into components/ or lib/.",
  },
  {
    target: globs(["lib/**"]),
    from: globs(["components/**", "cli/**", "scripts/**", "bench/**"]),
    message: "lib/ never imports the UI or the entry points above it.",
  },
  {
    target: globs(["components/**"]),
    from: globs(["lib/db/**", "lib/generated/**"]),
    message: "Components get their data as props: read it in the page (server) and pass it in.",
  },
  {
    target: globs(BROWSER_SAFE),
    from: globs(["lib/db/**", "lib/generated/**"]),
    message: `A template or schema module ${NOT_IN_BROWSER}`,
  },
  {
    target: globs(["lib/templates/**"]),
    from: globs(["lib/**"]),
    except: globs(["lib/templates/**"]),
    message: "lib/templates is pure (the browser's preview runs it): no server, database or other lib code.",
  },
  {
    target: globs(FOUNDATION.filter((f) => f !== "lib/templates/**")),
    from: globs(["lib/**"]),
    except: globs([...FOUNDATION, ...SHARED_LEAVES]),
    message: "A foundation module (lib/db, env, errors, log, http, validations) never imports a domain module.",
  },
  {
    target: globs(["lib/config/**"]),
    from: globs(["lib/**"]),
    except: globs([...FOUNDATION, ...SHARED_LEAVES, "lib/config/**"]),
    message: "lib/config is read by every domain and imports none of them (only the foundation).",
  },
  {
    target: globs(["lib/mail/**", "lib/smtp/**", "lib/oauth/**"]),
    from: globs(["lib/outbox/**", "lib/notifications/**", "lib/recipients/**", "lib/templates-store/**", "lib/alerts/**", "lib/api/**", "lib/apikeys/**", "lib/server/**", "lib/mailbox/**", "lib/auth/**"]),
    except: globs(SHARED_LEAVES),
    message: "The modules that speak SMTP and OAuth2 are called by the outbox and the console, never the reverse.",
  },
  {
    target: globs(["lib/**", "app/**", "components/**", "cli/**", "proxy.ts", "instrumentation.ts"]),
    from: globs(["lib/**/testing.ts", "lib/**/testing/**"]),
    message: "Test helpers (testing.ts, testing/) are for tests and test tools, never for the code that ships.",
  },
  {
    target: globs(["lib/recipients/**"]),
    from: globs(["lib/notifications/**"]),
    message: "lib/notifications reads recipients, not the other way round.",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", ".next-*/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "e2e/.artifacts/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import/no-restricted-paths": ["error", { zones: boundaryZones }],
    },
  },
  {
    // The console's text comes from the catalogs (messages/*.json, issue 17).
    files: I18N_FILES,
    rules: {
      "react/jsx-no-literals": ["error", { noStrings: true, ignoreProps: true, allowedStrings: ["·", "—", "/", ":", ",", "(", ")"] }],
    },
  },
  {
    files: BROWSER_SAFE,
    ignores: BROWSER_SAFE_TESTS,
    rules: {
      "import/no-nodejs-modules": "error",
      "no-restricted-imports": ["error", {
        paths: [{ name: "server-only", message: `A template or schema module ${NOT_IN_BROWSER}` }],
        patterns: [{ group: ["@prisma/*", "better-sqlite3", "pg", "nodemailer", "nodemailer/*", "smtp-server", "mailparser", "next-auth", "next-auth/*", "next/*"], message: `A template or schema module ${NOT_IN_BROWSER}` }],
      }],
    },
  },
  {
    // Tests and test helpers set up data through whatever layer is handy and may call the real
    // route handlers in app/; the boundaries are for the code that ships.
    files: ["**/*.test.ts", "**/*.test.tsx", "**/testing.ts", "**/testing/**"],
    rules: { "import/no-restricted-paths": "off" },
  },
];
export default config;
