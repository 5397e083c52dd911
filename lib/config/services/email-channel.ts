/**
 * Notification Email Channel — sender of page and forum event notifications
 * (AEM: com.day.cq.wcm.notification.email.impl.EmailChannel).
 */
import { z } from "zod";
import { defineService } from "../define";
import { addressSchema } from "../rules";

export const EMAIL_CHANNEL_PID = "com.day.cq.wcm.notification.email.impl.EmailChannel";

const FROM = "Sender address";

export const emailChannel = defineService({
  pid: EMAIL_CHANNEL_PID,
  name: "Notification Email Channel",
  description:
    "Sends page event and forum event notifications to the users who subscribed to them; sets their sender.",
  group: "Notifications",
  icon: "bell",
  envPrefix: "CHANNEL",
  schema: z.strictObject({
    "email.from": addressSchema(FROM, { required: true }),
  }),
  fields: [
    {
      key: "email.from",
      label: FROM,
      type: "string",
      format: "address",
      default: "no-reply@acme.com",
      defaultBreaksRealMail: "acme.com is AEM's example domain: receiving servers reject or junk mail from an address that is not yours.",
      required: true,
      headerBound: true,
      placeholder: "Acme Website <no-reply@example.com>",
      help:
        "The From address of page event and forum event notifications. AEM's default is no-reply@acme.com — replace it with an address of your own domain, or the receiving servers will likely reject the mail. Name <name@example.com> is allowed.",
    },
  ],
});
