/**
 * Day CQ Workflow Email Notification Service — mail to workflow participants
 * (AEM: com.day.cq.workflow.impl.email.EMailNotificationService).
 */
import { z } from "zod";
import { defineService } from "../define";
import { addressSchema, booleanSchema, urlSchema } from "../rules";

export const WORKFLOW_EMAIL_PID = "com.day.cq.workflow.impl.email.EMailNotificationService";

const L = {
  from: "Sender address",
  prefix: "Host URL prefix",
  onabort: "Notify on abort",
  oncomplete: "Notify on complete",
  useronly: "Notify user only",
} as const;

export const workflowEmail = defineService({
  pid: WORKFLOW_EMAIL_PID,
  name: "Day CQ Workflow Email Notification Service",
  description:
    "Mails the assignee of a workflow participant step, and the initiator when a workflow is aborted or completes.",
  group: "Notifications",
  icon: "workflow",
  envPrefix: "WORKFLOW",
  schema: z.strictObject({
    "from.address": addressSchema(L.from, { required: true }),
    "host.prefix": urlSchema(L.prefix, { required: true, prefix: true }),
    "notify.onabort": booleanSchema(L.onabort),
    "notify.oncomplete": booleanSchema(L.oncomplete),
    "notify.useronly": booleanSchema(L.useronly),
  }),
  fields: [
    {
      key: "from.address",
      label: L.from,
      type: "string",
      format: "address",
      default: "workflow-process-service@acme.com",
      defaultBreaksRealMail: "acme.com is AEM's example domain: receiving servers reject or junk mail from an address that is not yours.",
      required: true,
      headerBound: true,
      placeholder: "Acme Workflow <workflow@example.com>",
      help:
        "The From address of workflow notifications (AEM ships workflow-process-service@adobe.com). Name <name@example.com> is allowed.",
    },
    {
      key: "host.prefix",
      label: L.prefix,
      type: "string",
      format: "url",
      default: "http://localhost:4502",
      defaultBreaksRealMail: "Links in workflow mail would point at http://localhost:4502, which only opens on the author's own machine.",
      required: true,
      placeholder: "https://author.example.com",
      help:
        "Start of every link in workflow mail: templates write ${host.prefix}${payload.path.open} and ${host.prefix}/aem/inbox, so give the public address of the server that recipients open, with scheme and without a trailing slash. AEM's default http://localhost:4502 only works on the author's own machine.",
    },
    {
      key: "notify.onabort",
      label: L.onabort,
      type: "boolean",
      default: true,
      help: "Mail the workflow's initiator when the workflow is aborted.",
    },
    {
      key: "notify.oncomplete",
      label: L.oncomplete,
      type: "boolean",
      default: true,
      help: "Mail the workflow's initiator when the workflow completes.",
    },
    {
      key: "notify.useronly",
      label: L.useronly,
      type: "boolean",
      default: false,
      help:
        "When a step is assigned to a group, mail only assignees that are single users, not every member of the group.",
    },
  ],
});
