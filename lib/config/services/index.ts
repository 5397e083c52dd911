/**
 * The configurable services, in console order. Adding a service: one file in this folder and
 * one line in SERVICES.
 */
import type { ServiceDef, SettingsOf } from "../types";
import { damCollection } from "./dam-collection";
import { emailChannel } from "./email-channel";
import { mailService } from "./mail-service";
import { oauthProvider } from "./oauth-provider";
import { oidcProvider } from "./oidc-provider";
import { signInPolicy } from "./sign-in-policy";
import { workflowEmail } from "./workflow-email";
import { alertService } from "./alerts";

export const SERVICES = [
  mailService,
  oauthProvider,
  emailChannel,
  workflowEmail,
  damCollection,
  alertService,
  oidcProvider,
  signInPolicy,
] as const satisfies readonly ServiceDef[];

type KnownService = (typeof SERVICES)[number];
/** The PID of a service Herald defines. */
export type ServicePid = KnownService["pid"];
/** The settings of one service, typed from its schema by its PID. */
export type ServiceSettings<P extends ServicePid> = SettingsOf<Extract<KnownService, { pid: P }>>;

const BY_PID = new Map<string, ServiceDef>(SERVICES.map((s) => [s.pid, s]));

export function getService(pid: string): ServiceDef | undefined {
  return BY_PID.get(pid);
}

export function isKnownPid(pid: string): boolean {
  return BY_PID.has(pid);
}

export { MAIL_SERVICE_PID, mailService } from "./mail-service";
export { EMAIL_CHANNEL_PID, emailChannel } from "./email-channel";
export { WORKFLOW_EMAIL_PID, workflowEmail } from "./workflow-email";
export { OAUTH_PROVIDER_PID, oauthProvider, effectiveRefreshUrl, missingOAuthItems } from "./oauth-provider";
export { DAM_COLLECTION_PID, damCollection } from "./dam-collection";
export { ALERTS_PID, alertService } from "./alerts";
export { OIDC_PROVIDER_PID, oidcProvider } from "./oidc-provider";
export { SIGN_IN_POLICY_PID, signInPolicy } from "./sign-in-policy";
