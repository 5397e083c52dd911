/**
 * Day CQ DAM Resource Collection Servlet — mail when an asset collection is shared or unshared
 * (AEM: com.day.cq.dam.core.impl.servlet.ResourceCollectionServlet).
 */
import { z } from "zod";
import { defineService } from "../define";
import { booleanSchema } from "../rules";

export const DAM_COLLECTION_PID = "com.day.cq.dam.core.impl.servlet.ResourceCollectionServlet";

const SEND = "Send email";

export const damCollection = defineService({
  pid: DAM_COLLECTION_PID,
  name: "Day CQ DAM Resource Collection Servlet",
  description: "Asset collections: whether sharing or unsharing a collection mails the users concerned.",
  group: "Assets",
  icon: "folder",
  envPrefix: "DAM",
  schema: z.strictObject({
    "send.email": booleanSchema(SEND),
  }),
  fields: [
    {
      key: "send.email",
      label: SEND,
      type: "boolean",
      default: false,
      help:
        "Mail users when an asset collection is shared with them or unshared. Off by default, as in AEM. The mail goes through the Day CQ Mail Service, which must be configured.",
    },
  ],
});
