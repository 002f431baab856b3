// The profile editor's logic: form values to a profile and Go's field errors back onto fields.
import type { FieldError, Profile } from "./backend";
import { fromRows, toRows, type CustomFieldRow } from "./customFields";
import { type Catalogue, fieldErrorText } from "./i18n";

export const FORM_FIELDS = ["name", "phone", "email", "note", "language"] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface FormValues extends Record<FormField, string> {
  customFields: CustomFieldRow[];
}

export function profileToForm(profile: Profile): FormValues {
  return {
    name: profile.name ?? "",
    phone: profile.phone ?? "",
    email: profile.email ?? "",
    note: profile.note ?? "",
    language: profile.language ?? "",
    customFields: toRows(profile.custom_fields),
  };
}

export function formToProfile(values: FormValues): Profile {
  const profile: Profile = {};
  for (const field of FORM_FIELDS) profile[field] = values[field];
  profile.custom_fields = fromRows(values.customFields);
  return profile;
}

const CUSTOM_FIELD = /^custom_fields(\[\d+\]\.(id|value))?$/;

/**
 * Places each error where the editor shows it: by field name for the inputs and custom-field
 * rows ("custom_fields[2].id"), under "form" for anything else, so none is lost.
 */
export function errorsByField(errors: readonly FieldError[] | null, c: Catalogue): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors ?? []) {
    const onField = (FORM_FIELDS as readonly string[]).includes(error.field) || CUSTOM_FIELD.test(error.field);
    const key = onField ? error.field : "form";
    const text = fieldErrorText(c, error);
    out[key] = out[key] ? `${out[key]} ${text}` : text;
  }
  return out;
}

/** One line about the profile for the summary card. */
export function summarize(profile: Profile, noDetails: string): string {
  const parts = [profile.name, profile.email, profile.phone].filter((v): v is string => !!v);
  return parts.length ? parts.join(" · ") : noDetails;
}
