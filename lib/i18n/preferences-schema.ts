// The account page's language and time zone: shared by the form and its server action.
import { z } from "zod";
import { VALIDATION as V } from "@/lib/validations/messages";
import { LOCALES, isTimeZone } from "./locales";

export const preferencesSchema = z.object({
  locale: z.enum(LOCALES, V.localeInvalid),
  // "": the server's time zone (stored as null, so it follows the server if that moves).
  timeZone: z.string().refine((v) => v === "" || isTimeZone(v), V.timeZoneInvalid),
});
export type PreferencesInput = z.input<typeof preferencesSchema>;
