/**
 * Herald Sign-in Policy — who may use a local password and who must give a two-factor code.
 * Herald's own service, named in AEM's style.
 */
import { z } from "zod";
import { defineService } from "../define";
import { booleanSchema, enumSchema } from "../rules";

export const SIGN_IN_POLICY_PID = "com.herald.auth.SignInPolicy";

export const SIGN_IN_POLICY_LABELS = {
  localPasswords: "Local passwords",
  totpRequired: "Require two-factor codes",
} as const;

const L = SIGN_IN_POLICY_LABELS;

export type TotpPolicy = "off" | "admins" | "everyone";

export const signInPolicy = defineService({
  pid: SIGN_IN_POLICY_PID,
  name: "Herald Sign-in Policy",
  description: "Whether local passwords may be used next to single sign-on, and who must confirm a password sign-in with a two-factor code.",
  group: "Sign-in",
  icon: "shield",
  envPrefix: "SIGNIN",
  schema: z.strictObject({
    "local.passwords": booleanSchema(L.localPasswords),
    "totp.required": enumSchema(L.totpRequired, ["off", "admins", "everyone"]),
  }),
  fields: [
    {
      key: "local.passwords",
      label: L.localPasswords,
      type: "boolean",
      default: true,
      help:
        "Off: only single sign-on, except for the break-glass admins named in HERALD_BREAK_GLASS_ADMINS on the server, who keep their password so that an outage of the identity provider never locks you out. Whoever is signed in stays signed in.",
    },
    {
      key: "totp.required",
      label: L.totpRequired,
      type: "enum",
      default: "off",
      options: [
        { value: "off", label: "No (each user may enrol on the account page)" },
        { value: "admins", label: "For admins" },
        { value: "everyone", label: "For admins and authors" },
      ],
      help:
        "A user under this policy who signs in with a password and has not enrolled is sent to enrolment right after sign-in and can reach nothing else until done. Single sign-on users are not asked: the identity provider's own second factor applies.",
    },
  ],
});
