// Editing the list of custom fields: pure functions over an immutable list, so the editor's
// DOM only renders what these return.
import type { CustomField } from "./backend";

/** A row as the user edits it: the id is text until saved. */
export interface CustomFieldRow {
  id: string;
  value: string;
}

export function toRows(fields: readonly CustomField[] | null | undefined): CustomFieldRow[] {
  return (fields ?? []).map((f) => ({ id: String(f.id), value: f.value }));
}

/**
 * The rows as the profile's custom fields. An id that is not a whole number goes to Go as 0, so
 * Go's validation names it (ids must be positive) rather than the row silently vanishing.
 */
export function fromRows(rows: readonly CustomFieldRow[]): CustomField[] {
  return rows.map((r) => {
    const text = r.id.trim();
    return { id: /^\d+$/.test(text) ? Number(text) : 0, value: r.value };
  });
}

export function addRow(rows: readonly CustomFieldRow[]): CustomFieldRow[] {
  return [...rows, { id: "", value: "" }];
}

export function removeRow(rows: readonly CustomFieldRow[], index: number): CustomFieldRow[] {
  return rows.filter((_, i) => i !== index);
}

/** Moves a row by delta places; a move past either end leaves the list as it is. */
export function moveRow(rows: readonly CustomFieldRow[], index: number, delta: number): CustomFieldRow[] {
  const to = index + delta;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const out = [...rows];
  const [row] = out.splice(index, 1);
  out.splice(to, 0, row);
  return out;
}

export function updateRow(rows: readonly CustomFieldRow[], index: number, change: Partial<CustomFieldRow>): CustomFieldRow[] {
  return rows.map((r, i) => (i === index ? { ...r, ...change } : r));
}
