import { describe, expect, it } from "vitest";
import en from "../../../app/i18n/locales/en.json";
import uk from "../../../app/i18n/locales/uk.json";
import type { ShortcutStatus } from "./backend";
import { copyCommand, describeShortcut } from "./shortcutStatus";

const command = "/opt/JediDesk/jedidesk-desktop --toggle";

describe("describeShortcut", () => {
  it.each([
    [{ shortcut: "Ctrl+Alt+J", state: "active" }, "Active: Ctrl+Alt+J", null],
    [{ shortcut: "Ctrl+Alt+J", state: "active", desktop: true, trigger: "Super+J" }, "Active: Super+J (the keys your desktop assigned).", null],
    [{ shortcut: "Ctrl+Alt+J", state: "active", desktop: true }, "Registered with your desktop, but it assigned no keys: choose them in your desktop's keyboard settings.", null],
    [{ shortcut: "off", state: "off" }, "Off", null],
    [{ shortcut: "Ctrl+Alt+J", state: "taken", message: "x" }, "Ctrl+Alt+J is already taken by another program: choose another.", null],
    [{ shortcut: "Ctrl+Alt+J", state: "notbound", message: "x", command },
      "Your desktop did not bind Ctrl+Alt+J (its dialog was cancelled, or it declined). Save to ask it again, or bind this command in your desktop's keyboard settings:", command],
    [{ shortcut: "Ctrl+Alt+J", state: "unsupported", message: "x", command },
      "Global shortcuts are not available on this desktop. Bind this command in your desktop's keyboard settings instead:", command],
    [{ shortcut: "", state: "" }, "", null],
  ] as [ShortcutStatus, string, string | null][])("%o reads %s", (status, text, cmd) => {
    expect(describeShortcut(status, en)).toEqual({ text, command: cmd });
  });

  it("speaks the UI language", () => {
    expect(describeShortcut({ shortcut: "Ctrl+Alt+J", state: "active", desktop: true, trigger: "Super+J" }, uk).text)
      .toBe("Діє: Super+J (клавіші, які призначив ваш робочий стіл).");
  });
});

describe("copyCommand", () => {
  it("copies the command and says so", async () => {
    const copied: string[] = [];
    const said = await copyCommand(command, async (text) => (copied.push(text), true), en);
    expect(copied).toEqual([command]);
    expect(said).toBe("Copied.");
  });

  it.each([
    ["the clipboard refuses", async () => false],
    ["the clipboard throws", async () => Promise.reject(new Error("no clipboard"))],
  ])("tells the user to copy it themselves when %s", async (_, setClipboard) => {
    expect(await copyCommand(command, setClipboard, en)).toBe("Could not copy it: select the command and copy it yourself.");
  });
});
