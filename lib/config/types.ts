/**
 * The field model of a configurable service (AEM: an OSGi component with a metatype).
 *
 * Pure types: imported by the browser (generated forms), the server (validation, store) and the
 * import/export code alike. Field keys are AEM's property keys ("smtp.host"), so stored records,
 * `.cfg.json` and `sling:OsgiConfig` files all use the same names.
 */
import type { z } from "zod";

/** A stored or submitted value of one field. */
export type FieldValue = string | number | boolean | string[];

/** The values of one service, keyed by AEM property key. */
export type ConfigValues = Record<string, FieldValue>;

interface FieldCommon {
  /** AEM's property key, e.g. "smtp.host". */
  key: string;
  /** Short label shown in forms and used in error messages ("SMTP server port"). */
  label: string;
  /** What AEM does with the value and what Herald does with it. Plain text. */
  help: string;
  /** Example shown in an empty input. */
  placeholder?: string;
  /** The value ends up in a mail header: CR and LF are rejected. */
  headerBound?: boolean;
  /** The form marks the field as required (the schema enforces it). */
  required?: boolean;
  /**
   * AEM's default only works on a demo machine (acme.com senders, http://localhost:4502): once a
   * real SMTP server is configured, the dashboard and the configuration list point at the field
   * while it still holds the default. Says what breaks, in plain words.
   */
  defaultBreaksRealMail?: string;
}

export interface StringFieldDef extends FieldCommon {
  type: "string";
  default: string;
  /** A hint for the form's input type; the schema does the real checking. */
  format?: "text" | "host" | "address" | "url";
}

export interface NumberFieldDef extends FieldCommon {
  type: "number";
  default: number;
  min?: number;
  max?: number;
  /** Whole numbers only (all of AEM's numeric mail settings are). */
  integer?: boolean;
  /** Unit shown next to the input ("seconds"). */
  unit?: string;
}

export interface BooleanFieldDef extends FieldCommon {
  type: "boolean";
  default: boolean;
}

export interface EnumOption {
  value: string;
  label: string;
}

export interface EnumFieldDef extends FieldCommon {
  type: "enum";
  default: string;
  options: readonly EnumOption[];
}

export interface StringListFieldDef extends FieldCommon {
  type: "stringList";
  default: string[];
  /** How one entry is called in messages ("Scope" → "Scope 2 is blank."). */
  itemLabel?: string;
}

export interface SecretFieldDef extends FieldCommon {
  type: "secret";
  /** Secrets have no default: "" means "not set". */
  default: "";
  /**
   * Name of the environment variable used when the secret is exported as a
   * `$[secret:NAME]` placeholder. Derived from the service and key when absent
   * (see `secretPlaceholderName`).
   */
  envName?: string;
}

export type FieldDef =
  | StringFieldDef
  | NumberFieldDef
  | BooleanFieldDef
  | EnumFieldDef
  | StringListFieldDef
  | SecretFieldDef;

/** A strict zod object schema (unknown keys rejected) over a service's field keys. */
export type ServiceSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

export interface ServiceDef<S extends ServiceSchema = ServiceSchema, P extends string = string> {
  /** OSGi persistent identity, e.g. "com.day.cq.mailer.DefaultMailService". */
  pid: P;
  /** AEM's title of the component, e.g. "Day CQ Mail Service". */
  name: string;
  /** What the service is for, one or two sentences. */
  description: string;
  /** The fields, in form order. Their keys are exactly the schema's keys. */
  fields: readonly FieldDef[];
  /** One schema, used by the browser form (zodResolver) and re-checked on the server. */
  schema: S;
  /** Navigation group in the console ("Mail", "Notifications", …). */
  group?: string;
  /** Icon name for the console list. */
  icon?: string;
  /**
   * Middle part of exported secret placeholder names: HERALD_<envPrefix>_<KEY>.
   * "" for none (the Mail Service: HERALD_SMTP_PASSWORD). Derived from the PID when absent.
   */
  envPrefix?: string;
}

/** The values a service is put to work with, as its schema outputs them. */
export type SettingsOf<D extends ServiceDef> = z.output<D["schema"]>;
