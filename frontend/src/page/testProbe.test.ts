import { describe, expect, it } from "vitest";
import { describeElement } from "./testProbe";

describe("describeElement", () => {
  it("tells what the user sees of an element", () => {
    document.documentElement.lang = "uk";
    document.body.innerHTML = `<section hidden><p id="x" data-status="app">Sent</p></section><input id="i" value="v"><input id="c" type="checkbox" checked>`;
    expect(describeElement(document, "#x")).toMatchObject({ text: "Sent", value: null, hidden: true, lang: "uk", status: "app" });
    expect(describeElement(document, "#i")).toMatchObject({ value: "v", checked: null, hidden: false, status: "" });
    expect(describeElement(document, "#c")).toMatchObject({ checked: true });
    expect(describeElement(document, "#none")).toBeNull();
  });
});
