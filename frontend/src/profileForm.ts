// The profile editor's logic: form values to a profile and Go's field errors back onto fields.
import type { FieldError, Profile } from "./backend";

export const FORM_FIELDS = ["name", "phone", "email", "note", "language"] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;

export function profileToForm(profile: Profile): FormValues {
  return {
    name: profile.name ?? "",
    phone: profile.phone ?? "",
    email: profile.email ?? "",
    note: profile.note ?? "",
    language: profile.language ?? "",
  };
}

/** The edited profile; fields the form does not show (custom fields) are kept as they were. */
export function formToProfile(values: FormValues, previous: Profile): Profile {
  const profile: Profile = { ...previous };
  for (const field of FORM_FIELDS) profile[field] = values[field];
  return profile;
}

/**
 * Places each error next to the input it belongs to. Errors for fields the form does not show
 * (custom fields, unknown fields) are collected under "form" so none is lost.
 */
export function errorsByField(errors: readonly FieldError[] | null): Partial<Record<FormField | "form", string>> {
  const out: Partial<Record<FormField | "form", string>> = {};
  for (const error of errors ?? []) {
    const onField = (FORM_FIELDS as readonly string[]).includes(error.field);
    const key: FormField | "form" = onField ? (error.field as FormField) : "form";
    // Go's messages name their field for the command line and logs; beside the input that
    // name is noise.
    const prefix = `${error.field}: `;
    const message = onField && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}

/** One line about the profile for the summary card. */
export function summarize(profile: Profile): string {
  const parts = [profile.name, profile.email, profile.phone].filter((v): v is string => !!v);
  return parts.length ? parts.join(" · ") : "No details yet.";
}
