import { describe, expect, it } from "vitest";
import en from "../../../app/i18n/locales/en.json";
import { errorsByField, formToProfile, profileToForm, summarize } from "./profileForm";

describe("profile form", () => {
  it("round-trips a profile with its custom fields", () => {
    const profile = { name: "Олена", email: "o@example.com", custom_fields: [{ id: 3, value: "VIP" }] };
    const values = profileToForm(profile);
    expect(values).toEqual({
      name: "Олена",
      phone: "",
      email: "o@example.com",
      note: "",
      language: "",
      customFields: [{ id: "3", value: "VIP" }],
    });
    expect(formToProfile({ ...values, language: "uk" })).toEqual({
      name: "Олена",
      phone: "",
      email: "o@example.com",
      note: "",
      language: "uk",
      custom_fields: [{ id: 3, value: "VIP" }],
    });
  });

  it("puts Go's field errors next to their inputs and rows, and keeps the rest for the form", () => {
    expect(
      errorsByField(
        [
          { field: "email", code: "invalid_format", message: "email: enter an address like name@example.com" },
          { field: "custom_fields[0].id", code: "must_be_positive", message: "…" },
          { field: "custom_fields[1].value", code: "required", message: "…" },
          { field: "custom_fields", code: "too_many", message: "…" },
          { field: "nickname", code: "unknown_field", message: "nickname: unknown field" },
        ],
        en,
      ),
    ).toEqual({
      email: "Enter an address like name@example.com.",
      "custom_fields[0].id": "Use the field's ID from the admin panel (a positive number).",
      "custom_fields[1].value": "Enter a value or remove the field.",
      custom_fields: "Too many entries.",
      form: "Unknown field.",
    });
    expect(errorsByField(null, en)).toEqual({});
  });

  it("summarizes what support will see", () => {
    expect(summarize({}, "none")).toBe("none");
    expect(summarize({ name: "Ivan", phone: "+380441234567" }, "none")).toBe("Ivan · +380441234567");
  });
});
