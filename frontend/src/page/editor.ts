// The profile editor's DOM. The rules (rows, error placement, words) live in customFields.ts,
// profileForm.ts and i18n.ts; this file only renders them and calls Go.
import type { PreferencesAPI, Profile } from "./backend";
import { addRow, type CustomFieldRow, moveRow, removeRow, updateRow } from "./customFields";
import { applyCatalogue, type Catalogue, t } from "./i18n";
import { errorsByField, FORM_FIELDS, formToProfile, profileToForm } from "./profileForm";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class ProfileEditor {
  private rows: CustomFieldRow[] = [];
  private errors: Record<string, string> = {};
  private readonly form = byId<HTMLFormElement>("profile-form");

  constructor(
    private readonly app: Pick<PreferencesAPI, "SaveProfile">,
    private readonly catalogue: () => Catalogue,
    private readonly close: () => void,
  ) {
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.save();
    });
    byId("cancel-edit").addEventListener("click", () => this.close());
    byId("add-field").addEventListener("click", () => {
      this.rows = addRow(this.rows);
      this.renderRows();
      this.rowInputs(this.rows.length - 1)?.id.focus();
    });
  }

  open(profile: Profile): void {
    const values = profileToForm(profile);
    for (const field of FORM_FIELDS) this.input(field).value = values[field];
    this.rows = values.customFields;
    this.errors = {};
    this.render();
    this.input("name").focus();
  }

  /** Re-renders everything that carries words, after a language change. */
  render(): void {
    this.renderRows();
    this.renderErrors();
  }

  private tr(key: string, args?: Record<string, string | number>): string {
    return t(this.catalogue(), key, args);
  }

  private input(field: string): HTMLInputElement {
    return this.form.elements.namedItem(field) as HTMLInputElement;
  }

  private rowInputs(index: number) {
    const li = byId("custom-rows").children[index];
    if (!li) return undefined;
    return { id: li.querySelector<HTMLInputElement>(".c-id")!, value: li.querySelector<HTMLInputElement>(".c-value")! };
  }

  private renderRows(): void {
    const list = byId("custom-rows");
    const template = byId<HTMLTemplateElement>("custom-row");
    list.replaceChildren(
      ...this.rows.map((row, i) => {
        const li = (template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
        applyCatalogue(li, this.catalogue());
        const id = li.querySelector<HTMLInputElement>(".c-id")!;
        const value = li.querySelector<HTMLInputElement>(".c-value")!;
        id.value = row.id;
        value.value = row.value;
        id.addEventListener("input", () => (this.rows = updateRow(this.rows, i, { id: id.value })));
        value.addEventListener("input", () => (this.rows = updateRow(this.rows, i, { value: value.value })));
        const n = i + 1;
        this.rowButton(li, ".c-up", this.tr("editor.moveUp", { n }), i > 0, () => this.move(i, -1));
        this.rowButton(li, ".c-down", this.tr("editor.moveDown", { n }), i < this.rows.length - 1, () => this.move(i, 1));
        this.rowButton(li, ".c-remove", this.tr("editor.removeField", { n }), true, () => {
          this.rows = removeRow(this.rows, i);
          this.renderRows();
          byId("add-field").focus();
        });
        return li;
      }),
    );
    byId("custom-empty").hidden = this.rows.length > 0;
  }

  private rowButton(li: HTMLElement, selector: string, label: string, enabled: boolean, onClick: () => void): void {
    const button = li.querySelector<HTMLButtonElement>(selector)!;
    button.setAttribute("aria-label", label);
    button.title = label;
    button.disabled = !enabled;
    button.addEventListener("click", onClick);
  }

  private move(index: number, delta: number): void {
    this.rows = moveRow(this.rows, index, delta);
    this.renderRows();
    const button = delta < 0 ? ".c-up" : ".c-down";
    byId("custom-rows").children[index + delta]?.querySelector<HTMLButtonElement>(button)?.focus();
  }

  private renderErrors(): void {
    for (const field of [...FORM_FIELDS, "custom_fields", "form"]) {
      byId(`e-${field}`).textContent = this.errors[field] ?? "";
      this.form.elements.namedItem(field) &&
        this.input(field).setAttribute("aria-invalid", this.errors[field] ? "true" : "false");
    }
    this.rows.forEach((_, i) => {
      const li = byId("custom-rows").children[i];
      const inputs = this.rowInputs(i);
      if (!li || !inputs) return;
      const idError = this.errors[`custom_fields[${i}].id`];
      const valueError = this.errors[`custom_fields[${i}].value`];
      li.querySelector(".c-error")!.textContent = [idError, valueError].filter(Boolean).join(" ");
      inputs.id.setAttribute("aria-invalid", idError ? "true" : "false");
      inputs.value.setAttribute("aria-invalid", valueError ? "true" : "false");
    });
  }

  private async save(): Promise<void> {
    const values = { customFields: this.rows } as Parameters<typeof formToProfile>[0];
    for (const field of FORM_FIELDS) values[field] = this.input(field).value;
    try {
      const result = await this.app.SaveProfile(formToProfile(values));
      this.errors = result.saved ? {} : errorsByField(result.errors, this.catalogue());
      this.renderErrors();
      if (result.saved) {
        this.close();
        return;
      }
      const first = this.form.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
    } catch (error) {
      this.errors = { form: this.tr("error.saveFailed", { error: String(error) }) };
      this.renderErrors();
      // The message sits under the form, out of sight when Enter saved from a field above.
      byId("e-form").scrollIntoView?.({ block: "nearest" });
    }
  }
}
