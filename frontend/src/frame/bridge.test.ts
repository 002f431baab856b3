import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type BridgeBackend, type BridgeWindow, WidgetBridge, widgetAssetURLs } from "./bridge";
import { FakeNativeSocket } from "./fakeSocket.test-util";

function fakeBackend() {
  const calls: Array<[string, ...unknown[]]> = [];
  const backend: BridgeBackend = {
    widgetMounted: async () => void calls.push(["mounted"]),
    widgetFailed: async (reason) => void calls.push(["failed", reason]),
    chatSocket: async (state) => void calls.push(["socket", state]),
    deliveryReport: async (request, outcome, reason) => void calls.push(["delivery", request, outcome, reason]),
  };
  return { backend, calls };
}

const config = { token: "tok_1", widgetURL: "http://127.0.0.1:9/", filesURL: "", language: "uk", demo: false };

describe("WidgetBridge", () => {
  let win: BridgeWindow;
  const browserWebSocket = window.WebSocket;

  beforeEach(() => {
    vi.useFakeTimers();
    document.head.innerHTML = "";
    document.body.innerHTML = "";
    win = window as BridgeWindow;
    FakeNativeSocket.instances = [];
    win.WebSocket = FakeNativeSocket as unknown as typeof WebSocket;
  });
  afterEach(() => {
    vi.useRealTimers();
    win.WebSocket = browserWebSocket;
    delete (win as { JediDesk?: unknown }).JediDesk;
    delete win.jediDeskSettings;
  });

  it("embeds the widget like the install snippet: settings first, then mount point, css and script", () => {
    const { backend } = fakeBackend();
    new WidgetBridge(win, backend, { mountTimeoutMs: 1000, cacheBuster: "42" }).install(config);

    expect(win.jediDeskSettings).toEqual({ token: "tok_1", language: "uk" });
    expect(typeof win.JediDesk).toBe("function");
    expect(document.getElementById("jedidesk")).not.toBeNull();
    expect(document.querySelector<HTMLLinkElement>("link[rel=stylesheet]")?.href).toBe(
      "http://127.0.0.1:9/static/css/index_bundle.css",
    );
    const script = document.querySelector<HTMLScriptElement>("script");
    expect(script?.src).toBe("http://127.0.0.1:9/static/js/main.js?v=42");
    expect(script?.async).toBe(true);
  });

  it("omits the language setting when the profile has none, so the widget uses the system's", () => {
    const { backend } = fakeBackend();
    new WidgetBridge(win, backend, { mountTimeoutMs: 1000 }).install({ ...config, language: "" });
    expect(win.jediDeskSettings).toEqual({ token: "tok_1" });
  });

  it("does not take the placeholder for the widget, and reports the mount when the widget replaces it", async () => {
    const { backend, calls } = fakeBackend();
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 1000 });
    bridge.install(config);
    win.JediDesk?.("openWidget");
    expect(bridge.mounted).toBe(false);

    win.JediDesk = vi.fn();
    await bridge.flushReports();
    expect(bridge.mounted).toBe(true);
    expect(calls).toEqual([["mounted"]]);
  });

  it("keeps commands that arrive before the mount and delivers them once, in order", async () => {
    const { backend } = fakeBackend();
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 1000 });
    bridge.install(config);
    bridge.deliver({ command: "customerData", options: { name: "Olena" } });
    bridge.deliver({ command: "openWidget" });

    const widget = vi.fn();
    win.JediDesk = widget;
    bridge.deliver({ command: "closeWidget" });

    expect(widget.mock.calls).toEqual([["customerData", { name: "Olena" }], ["openWidget"], ["closeWidget"]]);
  });

  it("passes options as the same object, never through generated code", () => {
    const { backend } = fakeBackend();
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 1000 });
    bridge.install(config);
    const widget = vi.fn();
    win.JediDesk = widget;
    const options = { name: `"); alert(1); ("</script>`, custom_fields: [{ id: 1, value: "\u2028" }] };
    bridge.deliver({ command: "customerData", options });
    expect(widget).toHaveBeenCalledWith("customerData", options);
  });

  it("keeps working when the widget throws", () => {
    const { backend } = fakeBackend();
    const log = vi.fn();
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 1000, log });
    bridge.install(config);
    const widget = vi.fn().mockImplementationOnce(() => {
      throw new Error("boom");
    });
    win.JediDesk = widget;
    bridge.deliver({ command: "openWidget" });
    bridge.deliver({ command: "closeWidget" });
    expect(widget).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledOnce();
  });

  it("reports a script that fails to load", async () => {
    const { backend, calls } = fakeBackend();
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 1000, cacheBuster: "1" });
    bridge.install(config);
    document.querySelector("script")?.dispatchEvent(new Event("error"));
    vi.advanceTimersByTime(5000);
    await bridge.flushReports();
    expect(calls).toEqual([["failed", "script-error"]]);
  });

  it("reports a script that loads but never mounts", async () => {
    const { backend, calls } = fakeBackend();
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 3000 });
    bridge.install(config);
    document.querySelector("script")?.dispatchEvent(new Event("load"));
    vi.advanceTimersByTime(2999);
    await bridge.flushReports();
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    await bridge.flushReports();
    expect(calls).toEqual([["failed", "not-mounted"]]);
  });

  it("reports a script that never arrives", async () => {
    const { backend, calls } = fakeBackend();
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 2000 });
    bridge.install(config);
    vi.advanceTimersByTime(2000);
    await bridge.flushReports();
    expect(calls).toEqual([["failed", "timeout"]]);
  });

  it("recognises a widget that defined the global without assignment", async () => {
    const { backend, calls } = fakeBackend();
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 1000 });
    bridge.install(config);
    Object.defineProperty(win, "JediDesk", { configurable: true, value: vi.fn() });
    vi.advanceTimersByTime(1000);
    await bridge.flushReports();
    expect(calls).toEqual([["mounted"]]);
  });

  it("watches the widget's chat socket from before the script runs, and delivers the details on it", async () => {
    const { backend, calls } = fakeBackend();
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 1000, verifyMs: 300 });
    bridge.install(config);
    expect(document.querySelector("script")).not.toBeNull();
    const widget = vi.fn(); // the deployed widget: customerData does nothing
    win.JediDesk = widget;
    const socket = new win.WebSocket("ws://127.0.0.1:9/wss");
    const native = FakeNativeSocket.instances[0] as FakeNativeSocket;
    native.serverOpen();
    socket.send(JSON.stringify({ action: "setOpenData", jw_token: "tok_1" }));
    socket.send(JSON.stringify({ action: "JWAuth" }));
    bridge.deliver({ command: "customerData", options: { name: "Olena" }, request: 4 });
    vi.advanceTimersByTime(300);
    await bridge.flushReports();
    expect(widget).toHaveBeenCalledWith("customerData", { name: "Olena" });
    expect(native.wire.at(-1)).toBe('{"action":"JWCustomerData","name":"Olena"}');
    expect(calls).toEqual([["mounted"], ["socket", "ready"], ["delivery", 4, "app", ""]]);
  });

  it("reports a widget that empties its mount point after mounting as crashed, once", async () => {
    const { backend, calls } = fakeBackend();
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 1000 });
    bridge.install(config);
    const root = document.getElementById("jedidesk") as HTMLElement;
    root.appendChild(document.createElement("div"));
    win.JediDesk = vi.fn();
    root.appendChild(document.createElement("span"));
    await Promise.resolve();
    await bridge.flushReports();
    expect(calls).toEqual([["mounted"]]);
    root.replaceChildren();
    await Promise.resolve(); // mutation observers run as microtasks
    root.appendChild(document.createElement("div"));
    root.replaceChildren();
    await Promise.resolve();
    await bridge.flushReports();
    expect(calls).toEqual([["mounted"], ["failed", "crashed"]]);
  });

  it("keeps reporting after one report fails", async () => {
    const { backend, calls } = fakeBackend();
    backend.widgetMounted = () => Promise.reject(new Error("no Go"));
    const bridge = new WidgetBridge(win, backend, { mountTimeoutMs: 1000, log: () => undefined });
    bridge.install(config);
    win.JediDesk = vi.fn();
    bridge.deliver({ command: "customerData", options: { name: "Olena" }, request: 1 });
    await bridge.flushReports();
    expect(calls).toEqual([["delivery", 1, "waiting", ""]]);
  });
});

describe("widgetAssetURLs", () => {
  it.each([
    ["https://widget.jedidesk.com", "https://widget.jedidesk.com/static/js/main.js?v=7"],
    ["https://cdn.example.com/jd/", "https://cdn.example.com/jd/static/js/main.js?v=7"],
    ["/demo-widget", "wails://wails/demo-widget/static/js/main.js?v=7"],
  ])("resolves %s", (widgetURL, script) => {
    expect(widgetAssetURLs(widgetURL, "wails://wails/", "7").script).toBe(script);
  });

  it("loads the app's revalidated copy without a cache-buster when there is one", () => {
    expect(widgetAssetURLs("https://widget.jedidesk.com", "wails://widget/widget-frame.html", "7", "wails://widget/")).toEqual({
      css: "wails://widget/static/css/index_bundle.css",
      script: "wails://widget/static/js/main.js",
    });
  });
});
