import { describe, expect, it } from "vitest";
import { comboFromKeyPress } from "./shortcut";

const press = (over: Partial<Parameters<typeof comboFromKeyPress>[0]>) => ({
  ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, key: "", code: "", ...over,
});

describe("comboFromKeyPress", () => {
  it.each([
    [press({ ctrlKey: true, altKey: true, key: "j", code: "KeyJ" }), "Ctrl+Alt+J"],
    [press({ ctrlKey: true, altKey: true, key: "о", code: "KeyJ" }), "Ctrl+Alt+J"],
    [press({ altKey: true, shiftKey: true, metaKey: true, key: "F5", code: "F5" }), "Alt+Shift+Super+F5"],
    [press({ ctrlKey: true, key: "1", code: "Digit1" }), "Ctrl+1"],
    [press({ ctrlKey: true, key: " ", code: "Space" }), "Ctrl+Space"],
    [press({ ctrlKey: true, key: "ArrowUp", code: "ArrowUp" }), "Ctrl+Up"],
    [press({ key: "j", code: "KeyJ" }), "J"],
  ])("%o is %s", (e, combo) => {
    expect(comboFromKeyPress(e)).toBe(combo);
  });

  it("waits while only modifiers are held, and ignores keys it cannot name", () => {
    expect(comboFromKeyPress(press({ ctrlKey: true, key: "Control", code: "ControlLeft" }))).toBeNull();
    expect(comboFromKeyPress(press({ ctrlKey: true, key: "Dead", code: "IntlBackslash" }))).toBeNull();
  });
});
