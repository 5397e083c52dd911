// Form schemas for users: shared by the browser (zodResolver) and the server actions.
import { z } from "zod";
import { passwordField, passwordPolicy } from "./password";
import { VALIDATION as V } from "./messages";

export const ROLES = ["admin", "author"] as const;
export type Role = (typeof ROLES)[number];

const noLineBreaks = (label: string) =>
  z.string().refine((v) => !/[\r\n]/.test(v), `${label} must be a single line`);

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, V.emailRequired)
  .pipe(z.email(V.emailInvalid));
export const nameField = noLineBreaks("Name").pipe(z.string().trim().min(1, V.nameRequired).max(120, V.nameTooLong));
export { passwordField };
export const languageField = z.string().regex(/^[a-z]{2}$/, V.languageCode);

export const setupSchema = z
  .object({
    name: nameField,
    email: emailField,
    password: passwordField,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: V.passwordsDiffer })
  .superRefine(passwordPolicy);
export type SetupInput = z.input<typeof setupSchema>;

export const loginSchema = z.object({
  email: z.string().trim().min(1, V.emailRequired),
  password: z.string().min(1, V.passwordRequired),
});

export const inviteSchema = z.object({
  name: nameField,
  email: emailField,
  role: z.enum(ROLES, V.chooseRoleField),
  language: languageField,
});
export type InviteInput = z.input<typeof inviteSchema>;

export const roleChangeSchema = z.object({ id: z.string().min(1), role: z.enum(ROLES, V.chooseRoleField) });

// email and name are the account's own (the server replaces whatever the browser sent), so the
// policy can refuse a password containing them.
export const changePasswordSchema = z
  .object({
    current: z.string().min(1, V.currentRequired),
    password: passwordField,
    confirm: z.string(),
    email: z.string(),
    name: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: V.passwordsDiffer })
  .refine((v) => v.password !== v.current, { path: ["password"], message: V.passwordSame })
  .superRefine(passwordPolicy);
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** The id of a user or session passed to an action. */
export const idSchema = z.string().min(1, V.nothingGiven).max(100);
