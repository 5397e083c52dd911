// The retry policy form's schema (pure, for the browser too); the server re-checks with settings.ts.
import { z } from "zod";

export const retryPolicySchemaClient = z
  .strictObject({
    maxAttempts: z.coerce.number({ error: "Enter a number." }).int("Enter a whole number.").min(1, "At least 1.").max(100, "At most 100."),
    baseDelaySeconds: z.coerce.number({ error: "Enter a number." }).min(0.1, "At least 0.1 seconds.").max(86_400, "At most one day."),
    maxDelaySeconds: z.coerce.number({ error: "Enter a number." }).min(1, "At least 1 second.").max(86_400, "At most one day."),
    maxAgeSeconds: z.coerce.number({ error: "Enter a number." }).min(1, "At least 1 second.").max(30 * 86_400, "At most 30 days."),
  })
  .refine((v) => v.maxDelaySeconds >= v.baseDelaySeconds, { path: ["maxDelaySeconds"], message: "Must be at least the first delay." });
