// The template families Herald knows, with AEM's locations and the variables each family's
// templates may use (SPEC.md §3). One definition feeds the editor's variable list, the preview's
// sample data, the lint and the renderer's unknown-variable check.

/** The keys every template file must define; the email body is header + message + footer. */
export const TEMPLATE_KEYS = ["subject", "header", "message", "footer"] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const FAMILY_IDS = ["page", "forum", "workflow", "collection"] as const;
export type FamilyId = (typeof FAMILY_IDS)[number];

export interface TemplateVariable {
  /** As written between `${` and `}`. */
  name: string;
  description: string;
  /** A realistic value for previews and tests. */
  sample: string;
  /** The value usually spans several lines (a bad fit for the one-line subject). */
  multiline?: boolean;
  /**
   * The value comes from a configured service, not from the event: previews take it from the
   * saved configuration (so they show what the recipient gets), never from sample data.
   */
  configured?: { pid: string; service: string; field: string };
}

export interface TemplateFamily {
  id: FamilyId;
  title: string;
  /** Where AEM keeps this family's `<language>.txt` files; null when AEM documents none. */
  aemLocation: string | null;
  /** The AEM service or switch that sends these emails. */
  aemSource: string;
  description: string;
  variables: readonly TemplateVariable[];
  requiredKeys: readonly TemplateKey[];
}

const HOST_PREFIX: TemplateVariable = {
  name: "host.prefix",
  description: "Scheme, host and port of the author instance, prepended to paths to make links",
  sample: "http://localhost:4502",
  configured: { pid: "com.day.cq.workflow.impl.email.EMailNotificationService", service: "Day CQ Workflow Email Notification Service", field: "host.prefix" },
};

const PAGE: TemplateFamily = {
  id: "page",
  title: "Page event",
  aemLocation: "/libs/settings/notification-templates/com.day.cq.wcm.core.page",
  aemSource: "com.day.cq.wcm.notification.email.impl.EmailChannel (sender email.from)",
  description:
    "Sent to users who subscribed to page events (a page was modified, created, replicated, …) " +
    "through the notification inbox.",
  variables: [
    { name: "time", description: "Date and time of the event", sample: "2026-03-14 09:26:53" },
    { name: "userFullName", description: "Full name of the user who triggered the event", sample: "Alison Parker" },
    { name: "userId", description: "ID of the user who triggered the event", sample: "aparker" },
    {
      name: "modifications",
      description: "One line per affected page: `<page event type> => <page path>`",
      sample:
        "PageModified => /content/wknd/us/en/adventures/bali-surf-camp\n" +
        "PageCreated => /content/wknd/us/en/adventures/ski-touring-mont-blanc",
      multiline: true,
    },
  ],
  requiredKeys: TEMPLATE_KEYS,
};

const FORUM: TemplateFamily = {
  id: "forum",
  title: "Forum event",
  aemLocation: "/etc/notification/email/default/com.day.cq.collab.forum",
  aemSource: "com.day.cq.wcm.notification.email.impl.EmailChannel (sender email.from)",
  description: "Sent to users who subscribed to a forum when a topic or a reply is posted.",
  variables: [
    { name: "time", description: "Date and time of the event", sample: "2026-03-14 09:26:53" },
    {
      name: "forum.path",
      description: "Path of the forum page (append .html and prefix ${host.prefix} for a link)",
      sample: "/content/community/en/forum/getting-started",
    },
    HOST_PREFIX,
  ],
  requiredKeys: TEMPLATE_KEYS,
};

const WORKFLOW_INSTANCE = "/var/workflow/instances/server0/2026-03-14/request_for_activation_3";
const WORKFLOW_PAYLOAD = "/content/wknd/us/en/adventures/bali-surf-camp";

const WORKFLOW: TemplateFamily = {
  id: "workflow",
  title: "Workflow",
  aemLocation: "/libs/settings/workflow/notification/email/default",
  aemSource: "com.day.cq.workflow.impl.email.EMailNotificationService",
  description: "Sent to the assignee of a workflow participant step (and on abort or completion when configured).",
  variables: [
    { name: "event.EventType", description: "Type of the workflow event (e.g. NodeTransition, WorkflowCompleted)", sample: "NodeTransition" },
    { name: "event.TimeStamp", description: "Date and time of the event", sample: "2026-03-14 09:26:53" },
    { name: "event.User", description: "User who triggered the event", sample: "aparker" },
    { name: "initiator.home", description: "Repository path of the initiator's user node", sample: "/home/users/a/aparker" },
    { name: "initiator.name", description: "Name of the user who started the workflow", sample: "Alison Parker" },
    { name: "initiator.email", description: "Email address of the initiator", sample: "alison.parker@wknd.example" },
    {
      name: "item.id",
      description: "ID of the work item",
      sample: `${WORKFLOW_INSTANCE}/workItems/node1_var_workflow_instances_server0_2026-03-14_request_for_activation_3`,
    },
    { name: "item.node.id", description: "ID of the workflow model node this work item belongs to", sample: "node1" },
    { name: "item.node.title", description: "Title of the work item (the step)", sample: "Approve Content" },
    { name: "participant.email", description: "Email address of the participant", sample: "jonas.weber@wknd.example" },
    { name: "participant.name", description: "Name of the participant", sample: "Jonas Weber" },
    { name: "participant.familyName", description: "Family name of the participant", sample: "Weber" },
    { name: "participant.id", description: "ID of the participant", sample: "jweber" },
    { name: "participant.language", description: "Language of the participant", sample: "de" },
    { name: "instance.id", description: "ID of the workflow instance", sample: WORKFLOW_INSTANCE },
    { name: "instance.state", description: "State of the workflow instance", sample: "RUNNING" },
    { name: "model.title", description: "Title of the workflow model", sample: "Request for Activation" },
    { name: "model.id", description: "ID of the workflow model", sample: "/var/workflow/models/request_for_activation" },
    { name: "model.version", description: "Version of the workflow model", sample: "1.3" },
    { name: "payload.data", description: "The payload", sample: WORKFLOW_PAYLOAD },
    { name: "payload.type", description: "Type of the payload", sample: "JCR_PATH" },
    { name: "payload.path", description: "Path of the payload", sample: WORKFLOW_PAYLOAD },
    {
      name: "payload.path.open",
      description: "Path that opens the payload, without server name (prefix it with ${host.prefix})",
      sample: `/bin/wcmcommand?cmd=open&path=${WORKFLOW_PAYLOAD}`,
    },
    HOST_PREFIX,
  ],
  requiredKeys: TEMPLATE_KEYS,
};

const COLLECTION: TemplateFamily = {
  id: "collection",
  title: "Asset collection shared / unshared",
  // AEM sends these from the DAM servlet and documents no editable template location.
  aemLocation: null,
  aemSource: "com.day.cq.dam.core.impl.servlet.ResourceCollectionServlet (send email on share / unshare)",
  description: "Sent to a user when an asset collection is shared with them or no longer shared.",
  variables: [
    { name: "time", description: "Date and time of the change", sample: "2026-03-14 09:26:53" },
    { name: "action", description: "What happened: `shared` or `unshared` (not translated)", sample: "shared" },
    { name: "collection.title", description: "Title of the collection", sample: "Spring Campaign 2026" },
    {
      name: "collection.path",
      description: "Repository path of the collection",
      sample: "/content/dam/collections/s/spring-campaign-2026",
    },
    { name: "user.name", description: "Full name of the user who shared or unshared the collection", sample: "Alison Parker" },
    { name: "user.id", description: "ID of that user", sample: "aparker" },
    HOST_PREFIX,
  ],
  requiredKeys: TEMPLATE_KEYS,
};

function deepFreeze<T extends TemplateFamily>(f: T): Readonly<T> {
  for (const v of f.variables) Object.freeze(v);
  Object.freeze(f.variables);
  return Object.freeze(f);
}

/** All families, in display order. */
export const FAMILIES: readonly TemplateFamily[] = Object.freeze([PAGE, FORUM, WORKFLOW, COLLECTION].map(deepFreeze));

const BY_ID: ReadonlyMap<string, TemplateFamily> = new Map(FAMILIES.map((f) => [f.id, f]));
const NAMES: ReadonlyMap<FamilyId, ReadonlySet<string>> = new Map(
  FAMILIES.map((f) => [f.id, new Set(f.variables.map((v) => v.name))]),
);

export function isFamilyId(id: unknown): id is FamilyId {
  return typeof id === "string" && BY_ID.has(id);
}

/** The family with this id, or undefined. */
export function getFamily(id: string): TemplateFamily | undefined {
  return BY_ID.get(id);
}

/** Like getFamily, for ids that must exist; throws on an unknown id. */
export function requireFamily(family: FamilyId | TemplateFamily): TemplateFamily {
  if (typeof family !== "string") return family;
  const f = BY_ID.get(family);
  if (!f) throw new TypeError(`Unknown template family "${family}" (expected one of ${FAMILY_IDS.join(", ")})`);
  return f;
}

/** Names of the family's variables. */
export function variableNames(family: FamilyId | TemplateFamily): ReadonlySet<string> {
  const f = requireFamily(family);
  return NAMES.get(f.id) ?? new Set(f.variables.map((v) => v.name));
}

export function isKnownVariable(family: FamilyId | TemplateFamily, name: string): boolean {
  return variableNames(family).has(name);
}

export function getVariable(family: FamilyId | TemplateFamily, name: string): TemplateVariable | undefined {
  return requireFamily(family).variables.find((v) => v.name === name);
}

/** The family's variables whose value comes from the configuration (e.g. ${host.prefix}). */
export function configuredVariables(family: FamilyId | TemplateFamily): TemplateVariable[] {
  return requireFamily(family).variables.filter((v) => v.configured);
}

/** Sample values of the variables an event supplies (not the configured ones), for the editor's sample data. */
export function eventSampleData(family: FamilyId | TemplateFamily): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of requireFamily(family).variables) if (!v.configured) out[v.name] = v.sample;
  return out;
}

/** Sample values of all the family's variables, for previews and tests. A fresh object each call. */
export function sampleData(family: FamilyId | TemplateFamily): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of requireFamily(family).variables) out[v.name] = v.sample;
  return out;
}
