// Date formats the console uses with next-intl's formatter (the user's locale and time zone).
import type { DateTimeFormatOptions } from "next-intl";

/**
 * A moment to the second, in the user's time zone (chosen on the account page): sessions,
 * banners. No zone name: Korean spells it out per unit ("10시 0분 0초 UTC").
 */
export const STAMP: DateTimeFormatOptions = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
};
