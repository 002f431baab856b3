import { describe, expect, it } from "vitest";
import { errorsByField, formToProfile, profileToForm, summarize } from "./profileForm";

describe("profile form", () => {
  it("round-trips a profile and keeps the custom fields it does not show", () => {
    const profile = { name: "Олена", email: "o@example.com", custom_fields: [{ id: 3, value: "VIP" }] };
    const values = profileToForm(profile);
    expect(values).toEqual({ name: "Олена", phone: "", email: "o@example.com", note: "", language: "" });
    expect(formToProfile({ ...values, language: "uk" }, profile)).toEqual({
      name: "Олена",
      phone: "",
      email: "o@example.com",
      note: "",
      language: "uk",
      custom_fields: [{ id: 3, value: "VIP" }],
    });
  });

  it("puts Go's field errors next to their inputs and keeps the rest for the form", () => {
    expect(
      errorsByField([
        { field: "email", code: "invalid_format", message: "email: enter an address like name@example.com" },
        { field: "custom_fields[0].id", code: "must_be_positive", message: "id must be positive" },
        { field: "custom_fields[1].id", code: "duplicate", message: "id repeats" },
      ]),
    ).toEqual({ email: "enter an address like name@example.com", form: "id must be positive id repeats" });
    expect(errorsByField(null)).toEqual({});
  });

  it("summarizes what support will see", () => {
    expect(summarize({})).toBe("No details yet.");
    expect(summarize({ name: "Ivan", phone: "+380441234567" })).toBe("Ivan · +380441234567");
  });
});
