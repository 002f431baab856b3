import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FRAME_META, type FrameBackend, FrameBridge, frameURLIn } from "./frameBridge";
import { LAUNCHER_AREA, PANEL_AREA } from "./frameLayout";

const FRAME_ORIGIN = "wails://widget";
const config = { token: "tok_1", widgetURL: "http://127.0.0.1:9/", filesURL: "", language: "uk", demo: false };

function fakeBackend() {
  const calls: unknown[][] = [];
  const backend: FrameBackend = {
    widgetMounted: async () => void calls.push(["mounted"]),
    widgetFailed: async (reason) => void calls.push(["failed", reason]),
    widgetEvent: async (name, text) => void calls.push(["event", name, text]),
    chatSocket: async (state) => void calls.push(["socket", state]),
    deliveryReport: async (request, outcome, reason) => void calls.push(["delivery", request, outcome, reason]),
    openExternal: async (url) => void calls.push(["open", url]),
    reportViolation: async (directive, blocked) => void calls.push(["violation", directive, blocked]),
    saveWidgetStorage: async (items) => void calls.push(["storage", items]),
    tokenVerdict: async (verdict) => void calls.push(["token", verdict]),
    ignored: async (kind) => void calls.push(["ignored", kind]),
  };
  return { backend, calls };
}

describe("FrameBridge", () => {
  let bridge: FrameBridge;
  let calls: unknown[][];
  let toFrame: ReturnType<typeof vi.fn>;

  function fromFrame(data: unknown, { source = bridge.frame.contentWindow as Window | null, origin = FRAME_ORIGIN } = {}) {
    window.dispatchEvent(new MessageEvent("message", { data, source, origin }));
  }

  beforeEach(() => {
    document.body.innerHTML = "";
    const fake = fakeBackend();
    calls = fake.calls;
    bridge = new FrameBridge(window, fake.backend, { frameURL: `${FRAME_ORIGIN}/widget-frame.html`, frameOrigin: FRAME_ORIGIN, log: () => undefined });
    toFrame = vi.fn();
    (bridge.frame.contentWindow as Window).postMessage = toFrame as unknown as Window["postMessage"];
  });
  afterEach(() => vi.restoreAllMocks());

  it("frames the widget's document in a sandbox without top navigation or popups, where its sounds may play", () => {
    expect(bridge.frame.src).toBe(`${FRAME_ORIGIN}/widget-frame.html`);
    expect(bridge.frame.getAttribute("sandbox")).toBe("allow-scripts allow-same-origin allow-forms");
    expect(bridge.frame.getAttribute("allow")).toBe("autoplay");
  });

  it("holds the install and Go's commands until the frame is listening, then sends them in order to its origin only", () => {
    bridge.install({ ...config, frameURL: "x" } as typeof config, { jw_id: "abc" }, true, ["http://127.0.0.1:9/api/jsonip"]);
    bridge.deliver({ command: "customerData", options: { name: "Olena" }, request: 3 });
    expect(toFrame).not.toHaveBeenCalled();
    fromFrame({ jd: "ready" });
    expect(toFrame.mock.calls).toEqual([
      [{ jd: "install", config, storage: { jw_id: "abc" }, appDrops: true, early: ["http://127.0.0.1:9/api/jsonip"] }, FRAME_ORIGIN],
      [{ jd: "command", command: { command: "customerData", options: { name: "Olena" }, request: 3 } }, FRAME_ORIGIN],
    ]);
  });

  it("passes the frame's reports and the widget's events to Go in the order they came", async () => {
    fromFrame({ jd: "mounted" });
    fromFrame({ eventType: "testType", options: "JediDeskManagerSendMessage", data: { text: "Hi!", hasAI: false } });
    fromFrame({ jd: "socket", state: "ready" });
    fromFrame({ jd: "delivery", request: 2, outcome: "app", reason: "" });
    fromFrame({ eventType: "testType", options: "JediDeskClientSendMessage", data: { text: 42 } });
    fromFrame({ jd: "token", verdict: "unrecognised" });
    fromFrame({ jd: "failed", reason: "crashed" });
    fromFrame({ jd: "open", url: "https://t.me/x" });
    fromFrame({ jd: "violation", directive: "script-src", blocked: "inline" });
    fromFrame({ jd: "storage", items: { jw_id: "abc" } });
    await bridge.flushReports();
    // Links and policy reports are not part of the widget's story: they go at once.
    const atOnce = ["open", "violation", "storage"];
    expect(calls.filter(([kind]) => atOnce.includes(kind as string))).toEqual([
      ["open", "https://t.me/x"],
      ["violation", "script-src", "inline"],
      ["storage", { jw_id: "abc" }],
    ]);
    expect(calls.filter(([kind]) => !atOnce.includes(kind as string))).toEqual([
      ["mounted"],
      ["event", "JediDeskManagerSendMessage", "Hi!"],
      ["socket", "ready"],
      ["delivery", 2, "app", ""],
      ["event", "JediDeskClientSendMessage", ""],
      ["token", "unrecognised"],
      ["failed", "crashed"],
    ]);
  });

  it.each([
    ["another window (a frame the widget made)", { jd: "mounted" }, { otherWindow: true }, "other-window"],
    ["the right window with the wrong origin", { jd: "mounted" }, { origin: "http://evil.example" }, "wrong-origin"],
    ["a command posing as the app's", { jd: "command", command: { command: "openWidget" } }, {}, "posing-as-app"],
    ["an install posing as the app's", { jd: "install", config, storage: {}, appDrops: false, early: [] }, {}, "posing-as-app"],
    ["an unknown widget event", { eventType: "testType", options: "JediDeskStealProfile" }, {}, "unknown-event"],
    ["a report with a bad field", { jd: "delivery", request: -1, outcome: "app", reason: "" }, {}, "unknown-message"],
    ["a made-up report", { jd: "saveSettings", token: "x" }, {}, "unknown-message"],
    ["a string", "JediDeskOpenedWidget", {}, "unknown-message"],
  ])("drops %s and says so once", async (_label, data, where, kind) => {
    const opts: { source?: Window | null; origin?: string } = "origin" in where ? { origin: where.origin } : {};
    if ("otherWindow" in where) opts.source = document.body.appendChild(document.createElement("iframe")).contentWindow;
    fromFrame(data, opts);
    fromFrame(data, opts);
    await bridge.flushReports();
    expect(calls).toEqual([["ignored", kind]]);
  });

  it("ignores messages the page posts to itself", async () => {
    fromFrame({ jd: "mounted" }, { source: window });
    await bridge.flushReports();
    expect(calls).toEqual([]);
  });

  it("tells the page when the focus moved within the frame, and Go nothing", async () => {
    document.body.innerHTML = "";
    const fake = fakeBackend();
    const onFocus = vi.fn();
    bridge = new FrameBridge(window, fake.backend, { frameURL: `${FRAME_ORIGIN}/widget-frame.html`, frameOrigin: FRAME_ORIGIN, onFocus });
    fromFrame({ jd: "focus" });
    fromFrame({ jd: "focus" }, { origin: "wails://other" });
    await bridge.flushReports();
    expect(onFocus).toHaveBeenCalledTimes(1);
    expect(fake.calls).toEqual([["ignored", "wrong-origin"]]);
  });

  it("covers only the launcher while closed, and the panel's area while open", () => {
    Object.assign(window, { innerWidth: 1100, innerHeight: 760 });
    bridge.setOpen(false);
    expect([bridge.frame.style.width, bridge.frame.style.height]).toEqual([`${LAUNCHER_AREA}px`, `${LAUNCHER_AREA}px`]);
    fromFrame({ jd: "ready" });
    bridge.deliver({ command: "openWidget" });
    expect([bridge.frame.style.width, bridge.frame.style.height]).toEqual([`${PANEL_AREA.width}px`, `${PANEL_AREA.height}px`]);
    fromFrame({ eventType: "testType", options: "JediDeskClosedWidget", data: null });
    expect(bridge.frame.style.width).toBe(`${LAUNCHER_AREA}px`);
    fromFrame({ eventType: "testType", options: "JediDeskOpenedWidget", data: null });
    expect(bridge.frame.dataset.open).toBe("true");
  });

  it("hands files dropped on the open chat to the frame, and no others", () => {
    Object.assign(window, { innerWidth: 1100, innerHeight: 760 });
    fromFrame({ jd: "ready" });
    const files = [{ name: "a.png", type: "image/png", data: "YQ==" }];
    vi.spyOn(bridge.frame, "getBoundingClientRect").mockReturnValue(new DOMRect(600, 80, 500, 680));
    bridge.attachDropped(700, 400, files);
    expect(toFrame).not.toHaveBeenCalled();
    bridge.setOpen(true);
    bridge.attachDropped(100, 400, files);
    expect(toFrame).not.toHaveBeenCalled();
    bridge.attachDropped(700, 400, files);
    expect(toFrame.mock.calls).toEqual([[{ jd: "attach", files }, FRAME_ORIGIN]]);
  });

  it("tells the page every layout, and steps aside only where the chat takes the whole window", () => {
    const layouts: [string, number, boolean][] = [];
    document.body.innerHTML = "";
    Object.assign(window, { innerWidth: 1100, innerHeight: 760 });
    const fake = fakeBackend();
    const b = new FrameBridge(window, fake.backend, {
      frameURL: `${FRAME_ORIGIN}/widget-frame.html`,
      frameOrigin: FRAME_ORIGIN,
      top: () => 40,
      onLayout: (layout, aside) => layouts.push([layout.mode, layout.reserve, aside]),
    });
    b.setOpen(true);
    b.stepAside(true);
    expect(b.frame.style.visibility).toBe("");
    Object.assign(window, { innerWidth: 420, innerHeight: 615 });
    window.dispatchEvent(new Event("resize"));
    expect(b.frame.style.visibility).toBe("hidden");
    b.stepAside(false);
    expect(b.frame.style.height).toBe(`${615 - 40}px`);
    expect(layouts).toEqual([
      ["launcher", 0, false],
      ["panel", PANEL_AREA.width, false],
      ["panel", PANEL_AREA.width, false],
      ["full", 420, true],
      ["full", 420, false],
    ]);
  });
});

describe("frameURLIn", () => {
  it.each([
    ["the frame Go names in the page's HTML", "wails://widget/widget-frame.html", "wails://widget/widget-frame.html"],
    ["nothing for an empty name", "", null],
    ["nothing for what is not an address", "not an address", null],
  ])("%s", (_, content, want) => {
    const doc = document.implementation.createHTMLDocument("page");
    doc.head.append(Object.assign(doc.createElement("meta"), { name: FRAME_META, content }));
    expect(frameURLIn(doc)?.href ?? null).toBe(want);
  });

  it("is nothing without the element (the page then waits for Go's answer)", () => {
    expect(frameURLIn(document.implementation.createHTMLDocument("page"))).toBeNull();
  });
});
