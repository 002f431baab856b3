import { describe, expect, it } from "vitest";
import en from "../../app/i18n/locales/en.json";
import uk from "../../app/i18n/locales/uk.json";
import { describeDelivery, describeState } from "./status";

describe("describeState", () => {
  it.each([
    [{ phase: "loading", chatOpen: false, connected: false, queued: 0 }, "Connecting to the chat…", "busy"],
    [{ phase: "loading", chatOpen: false, connected: false, queued: 2 }, "Connecting to the chat… (2 waiting)", "busy"],
    [{ phase: "ready", chatOpen: false, connected: false, queued: 0 }, "Chat ready", "ok"],
    [{ phase: "ready", chatOpen: true, connected: true, queued: 0 }, "Chat open", "ok"],
    [{ phase: "failed", chatOpen: false, connected: false, queued: 0, error: "offline" }, "The chat could not be loaded: offline", "error"],
    [{ phase: "failed", chatOpen: false, connected: false, queued: 0 }, "The chat could not be loaded: unknown error", "error"],
    [{ phase: "failed", chatOpen: false, connected: false, queued: 1, error: "script-error" }, "The chat could not be loaded: its script did not download (are you offline?).", "error"],
  ] as const)("%o reads %s", (state, text, tone) => {
    expect(describeState(state, en)).toEqual({ text, tone });
  });

  it("speaks the UI language", () => {
    expect(describeState({ phase: "ready", chatOpen: true, connected: false, queued: 0 }, uk).text).toBe("Чат відкрито");
  });
});

describe("describeDelivery", () => {
  it("tells the user whether support has the details yet", () => {
    expect(describeDelivery("delivered", en)).toBe("Sent to support.");
    expect(describeDelivery("pending", en)).toBe("Will be sent when the chat connects.");
    expect(describeDelivery("nothing", uk)).toMatch(/порожній/);
  });
});
