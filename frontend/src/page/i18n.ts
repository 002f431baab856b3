// The page's text comes from Go's catalogue for the UI language (app/i18n/locales), so the
// page, the native menu and the tray always speak the same language.
import type { FieldError } from "./backend";

export type Catalogue = Record<string, string>;

/** The text for key with {name} placeholders filled; a missing key shows as itself. */
export function t(catalogue: Catalogue, key: string, args: Record<string, string | number> = {}): string {
  const text = catalogue[key];
  if (text === undefined) return key;
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

/**
 * Labels every element under root that names a catalogue key: data-i18n sets its text,
 * data-i18n-aria-label and data-i18n-placeholder set those attributes.
 */
export function applyCatalogue(root: ParentNode, catalogue: Catalogue): void {
  root.querySelectorAll<HTMLElement>("[data-i18n]").forEach((el) => {
    el.textContent = t(catalogue, el.dataset.i18n!);
  });
  root.querySelectorAll<HTMLElement>("[data-i18n-aria-label]").forEach((el) => {
    el.setAttribute("aria-label", t(catalogue, el.dataset.i18nAriaLabel!));
  });
  root.querySelectorAll<HTMLElement>("[data-i18n-placeholder]").forEach((el) => {
    el.setAttribute("placeholder", t(catalogue, el.dataset.i18nPlaceholder!));
  });
}

/**
 * Words for one of Go's field errors in the UI language: the most specific catalogue entry
 * ("error.custom_fields.id.duplicate", then "error.duplicate"), else Go's English message.
 */
export function fieldErrorText(catalogue: Catalogue, error: FieldError): string {
  const field = error.field.replace(/\[\d+\]/g, "");
  for (const key of [`error.${field}.${error.code}`, `error.${error.code}`]) {
    if (key in catalogue) return catalogue[key];
  }
  return error.message;
}
