import { describe, expect, it } from "vitest";
import { parseFromFrame, parseToFrame } from "./frameProtocol";

describe("parseFromFrame", () => {
  it.each([
    [{ jd: "ready" }],
    [{ jd: "mounted" }],
    [{ jd: "failed", reason: "crashed" }],
    [{ jd: "socket", state: "closed" }],
    [{ jd: "socket", state: "gave-up" }],
    [{ jd: "delivery", request: 7, outcome: "widget", reason: "already" }],
    [{ jd: "open", url: "https://t.me/jedidesk" }],
    [{ jd: "violation", directive: "script-src", blocked: "inline" }],
    [{ jd: "storage", items: { jw_id: "abc" } }],
    [{ jd: "token", verdict: "unrecognised" }],
  ])("takes %o", (message) => {
    expect(parseFromFrame(message)).toEqual(message);
  });

  it("keeps only the contract's fields", () => {
    expect(parseFromFrame({ jd: "mounted", token: "x" })).toEqual({ jd: "mounted" });
  });

  it.each([
    [null],
    ["mounted"],
    [[{ jd: "mounted" }]],
    [{ jd: "failed", reason: "because I say so" }],
    [{ jd: "socket", state: "open" }],
    [{ jd: "delivery", request: 1.5, outcome: "app", reason: "" }],
    [{ jd: "delivery", request: 1, outcome: "sending", reason: "" }],
    [{ jd: "delivery", request: 1, outcome: "app", reason: "<b>" }],
    [{ jd: "open", url: "x".repeat(5000) }],
    [{ jd: "install", config: {} }],
    [{ jd: "command", command: { command: "openWidget" } }],
    [{ eventType: "testType", options: "JediDeskOpenedWidget" }],
    [{ jd: "storage", items: { jw_id: 42 } }],
    [{ jd: "storage", items: ["jw_id"] }],
    [{ jd: "token", verdict: "fine" }],
  ])("drops %o", (message) => {
    expect(parseFromFrame(message)).toBeNull();
  });
});

describe("parseToFrame", () => {
  const config = { token: "t", widgetURL: "https://widget.jedidesk.com", filesURL: "wails://widget/", language: "uk", demo: false };

  it("takes an install and the widget's commands", () => {
    const early = ["https://app.jedidesk.com/api/widget/settings/t", "https://app.jedidesk.com/api/jsonip"];
    expect(parseToFrame({ jd: "install", config: { ...config, extra: 1 }, storage: { jw_id: "a" }, appDrops: true, early })).toEqual({
      jd: "install",
      config,
      storage: { jw_id: "a" },
      appDrops: true,
      early,
    });
    expect(parseToFrame({ jd: "command", command: { command: "customerData", options: { name: "N" }, request: 4 } })).toEqual({
      jd: "command",
      command: { command: "customerData", options: { name: "N" }, request: 4 },
    });
    expect(parseToFrame({ jd: "command", command: { command: "closeWidget" } })).toEqual({ jd: "command", command: { command: "closeWidget" } });
  });

  it("takes the files dropped on the chat", () => {
    const files = [{ name: "photo.png", type: "image/png", data: "cG5n", extra: 1 }];
    expect(parseToFrame({ jd: "attach", files })).toEqual({ jd: "attach", files: [{ name: "photo.png", type: "image/png", data: "cG5n" }] });
  });

  it.each([
    [{ jd: "install", config: { ...config, demo: "no" }, storage: {}, early: [] }],
    [{ jd: "install", config: { ...config, filesURL: 1 }, storage: {}, appDrops: false, early: [] }],
    [{ jd: "install", config, appDrops: false, early: [] }],
    [{ jd: "install", config, storage: {}, appDrops: false }],
    [{ jd: "install", config, storage: {}, appDrops: false, early: "https://app.jedidesk.com/api/jsonip" }],
    [{ jd: "install", config, storage: {}, appDrops: false, early: [1] }],
    [{ jd: "install", config, storage: {}, appDrops: false, early: ["a", "b", "c"] }],
    [{ jd: "attach", files: [] }],
    [{ jd: "attach", files: [{ name: "a", type: "", data: 1 }] }],
    [{ jd: "attach", files: Array.from({ length: 11 }, () => ({ name: "a", type: "", data: "" })) }],
    [{ jd: "install" }],
    [{ jd: "command", command: { command: "eval" } }],
    // The widget has it, but the app never sends it.
    [{ jd: "command", command: { command: "hideByDefault", options: true } }],
    [{ jd: "command", command: { command: "openWidget", request: "1" } }],
    [{ jd: "mounted" }],
    [undefined],
  ])("drops %o", (message) => {
    expect(parseToFrame(message)).toBeNull();
  });
});
