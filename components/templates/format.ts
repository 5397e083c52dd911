// Date formats of the template pages, for next-intl's formatter (the reader's locale and time zone).
import type { DateTimeFormatOptions } from "next-intl";

/** A day: the template list's "last changed". */
export const DAY: DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit" };

/** A moment to the minute: "last saved", history entries. */
export const MINUTE: DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
