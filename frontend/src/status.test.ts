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

  it("never calls the chat open or ready with a token the service does not know", () => {
    const got = describeState({ phase: "ready", chatOpen: true, connected: false, queued: 0, token: "unrecognised" }, en);
    expect(got.tone).toBe("error");
    expect(got.text).toMatch(/does not know this widget token/);
    expect(describeState({ phase: "ready", chatOpen: true, connected: false, queued: 0, token: "recognised" }, en).text).toBe("Chat open");
  });

  it("sends the user to the administrator when the token is the brand's or the administrator's", () => {
    const got = describeState({ phase: "ready", chatOpen: false, connected: false, queued: 0, token: "unrecognised" }, en, true);
    expect(got.text).toMatch(/not set up correctly.*Contact your administrator/);
  });
});

describe("describeDelivery", () => {
  const time = (iso: string) => iso.slice(11, 16);
  const last = "2026-12-02T10:32:00Z";

  it.each([
    [{ status: "widget", last }, "Sent to support at 10:32 (by the chat widget)."],
    [{ status: "app", last }, "Sent to support at 10:32 (by the app, on the chat's connection)."],
    [{ status: "waiting" }, "Your details go to support as soon as you start a chat (“Write to us” in the chat)."],
    [{ status: "sending", last }, "Sending your details to support… Last sent at 10:32."],
    [{ status: "failed", reason: "socket-closed", last }, "Your details did not reach support: the chat connection closed first. They go again when it reconnects. Last sent at 10:32."],
    [{ status: "nothing" }, "Your profile is empty: fill it in first."],
    [{ status: "" }, ""],
    [undefined, ""],
  ] as const)("%o reads %s", (delivery, text) => {
    expect(describeDelivery(delivery, false, en, time)).toBe(text);
  });

  it("never says 'sent' in the demo, which has no support team", () => {
    expect(describeDelivery({ status: "app", last }, true, en, time)).toBe("Demo chat: your details are not sent anywhere.");
  });

  it("speaks the UI language", () => {
    expect(describeDelivery({ status: "nothing" }, false, uk, time)).toMatch(/порожній/);
    expect(describeDelivery({ status: "app", last }, false, uk, time)).toBe("Надіслано до підтримки о 10:32 (застосунком, через з'єднання чату).");
  });
});
