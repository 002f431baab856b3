import { describe, expect, it } from "vitest";
import en from "../../../app/i18n/locales/en.json";
import uk from "../../../app/i18n/locales/uk.json";
import { describeDelivery, describeState } from "./status";

describe("describeState", () => {
  it.each([
    [{ phase: "loading", chatOpen: false, link: "", queued: 0 }, "Connecting to the chat…", "busy"],
    [{ phase: "loading", chatOpen: false, link: "", queued: 2 }, "Connecting to the chat… (2 waiting)", "busy"],
    [{ phase: "ready", chatOpen: false, link: "", queued: 0 }, "Chat ready", "ok"],
    [{ phase: "ready", chatOpen: true, link: "open", queued: 0 }, "Chat open", "ok"],
    [{ phase: "failed", chatOpen: false, link: "", queued: 0, error: "offline" }, "The chat could not be loaded: offline", "error"],
    [{ phase: "failed", chatOpen: false, link: "", queued: 0 }, "The chat could not be loaded: unknown error", "error"],
    [{ phase: "failed", chatOpen: false, link: "", queued: 1, error: "script-error" }, "The chat could not be loaded: its script did not download (are you offline?).", "error"],
    [{ phase: "ready", chatOpen: true, link: "lost", queued: 0 }, "Connection lost, reconnecting…", "busy"],
    [{ phase: "ready", chatOpen: false, link: "gave-up", queued: 0 }, "Disconnected: the chat stopped reconnecting", "error"],
  ] as const)("%o reads %s", (state, text, tone) => {
    expect(describeState(state, en)).toEqual({ text, tone });
  });

  it("speaks the UI language", () => {
    expect(describeState({ phase: "ready", chatOpen: true, link: "", queued: 0 }, uk).text).toBe("Чат відкрито");
  });

  it("never calls the chat open or ready with a token the service does not know", () => {
    const got = describeState({ phase: "ready", chatOpen: true, link: "", queued: 0, token: "unrecognised" }, en);
    expect(got.tone).toBe("error");
    expect(got.text).toMatch(/does not know this widget token/);
    expect(describeState({ phase: "ready", chatOpen: true, link: "", queued: 0, token: "recognised" }, en).text).toBe("Chat open");
  });

  it("sends the user to the administrator when the token is the brand's or the administrator's", () => {
    const got = describeState({ phase: "ready", chatOpen: false, link: "", queued: 0, token: "unrecognised" }, en, true);
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
    expect(describeDelivery(delivery, "", false, en, time)).toBe(text);
  });

  it.each([
    [{ status: "app", last, again: true }, "open", "Sent to support at 10:32 (by the app, again, after the chat reconnected)."],
    [{ status: "widget", last, again: true }, "open", "Sent to support at 10:32 (by the chat widget, again, after the chat reconnected)."],
    [{ status: "app", last }, "lost", "Sent to support at 10:32 (by the app, on the chat's connection)."],
    [{ status: "waiting", last }, "lost", "Your details go to support again as soon as the chat reconnects. Last sent at 10:32."],
    [{ status: "waiting" }, "gave-up", "The chat stopped trying to reconnect: reload it, and your details go to support again."],
    [{ status: "waiting" }, "open", "Sending your details to support…"],
  ] as const)("%o with the chat's connection %s reads %s", (delivery, link, text) => {
    expect(describeDelivery(delivery, link, false, en, time)).toBe(text);
  });

  it("never says 'as soon as you start a chat' once a chat was connected", () => {
    for (const link of ["open", "lost", "gave-up"] as const) {
      expect(describeDelivery({ status: "waiting" }, link, false, en, time)).not.toMatch(/start a chat/);
    }
  });

  it("never says 'sent' in the demo, which has no support team", () => {
    expect(describeDelivery({ status: "app", last }, "", true, en, time)).toBe("Demo chat: your details are not sent anywhere.");
  });

  it("speaks the UI language", () => {
    expect(describeDelivery({ status: "nothing" }, "", false, uk, time)).toMatch(/порожній/);
    expect(describeDelivery({ status: "app", last }, "", false, uk, time)).toBe("Надіслано до підтримки о 10:32 (застосунком, через з'єднання чату).");
  });
});
