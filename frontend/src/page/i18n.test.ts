import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import en from "../../../app/i18n/locales/en.json";
import ru from "../../../app/i18n/locales/ru.json";
import uk from "../../../app/i18n/locales/uk.json";
import { applyCatalogue, fieldErrorText, t } from "./i18n";

const catalogues: Record<string, Record<string, string>> = { en, uk, ru };

describe("catalogues", () => {
  it.each(["uk", "ru"])("%s has every key en has, and no other", (lang) => {
    expect(Object.keys(catalogues[lang]).sort()).toEqual(Object.keys(en).sort());
  });

  it("has every key the page names", () => {
    const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8");
    const sources = ["../../index.html", "main.ts", "status.ts", "editor.ts", "settingsForm.ts"].map(read);
    const keys = new Set<string>();
    for (const source of sources) {
      for (const m of source.matchAll(/data-i18n(?:-aria-label|-placeholder)?="([^"]+)"/g)) keys.add(m[1]);
      for (const m of source.matchAll(/\btr\("([a-zA-Z_.]+)"/g)) keys.add(m[1]);
    }
    expect(keys.size).toBeGreaterThan(30);
    const missing = [...keys].filter((k) => !(k in en));
    expect(missing).toEqual([]);
  });
});

describe("t", () => {
  it("fills placeholders and shows a missing key as itself", () => {
    expect(t(uk, "status.loadingQueued", { count: 2 })).toBe("Підключення до чату… (очікує: 2)");
    expect(t(en, "no.such")).toBe("no.such");
    expect(t(en, "overview.source")).toBe("Chat from {url}");
  });
});

describe("applyCatalogue", () => {
  it("labels text, aria-label and placeholder", () => {
    document.body.innerHTML = `<p data-i18n="menu.open"></p><button data-i18n-aria-label="menu.quit"></button><input data-i18n-placeholder="field.name">`;
    applyCatalogue(document, ru);
    expect(document.querySelector("p")?.textContent).toBe("Открыть чат");
    expect(document.querySelector("button")?.getAttribute("aria-label")).toBe("Выйти");
    expect(document.querySelector("input")?.getAttribute("placeholder")).toBe("Имя");
  });
});

describe("fieldErrorText", () => {
  it.each([
    [{ field: "email", code: "invalid_format", message: "email: …" }, "Вкажіть адресу на зразок name@example.com."],
    [{ field: "custom_fields[3].id", code: "duplicate", message: "…" }, "Цей ID вже використано іншим полем."],
    [{ field: "name", code: "too_long", message: "…" }, "Занадто довго."],
    [{ field: "name", code: "brand_new_code", message: "name: Go's words" }, "name: Go's words"],
  ])("%o", (error, text) => {
    expect(fieldErrorText(uk, error)).toBe(text);
  });
});
