import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeNativeSocket } from "./fakeSocket.test-util";
import { type ChatSocket, type ChatSocketListener, chatSocketMatcher, watchChatSockets } from "./socketWatch";

function recordingListener() {
  const seen: Array<[string, number, unknown?]> = [];
  const sockets: ChatSocket[] = [];
  const made: number[] = [];
  const listener: ChatSocketListener = {
    created: (s) => void made.push(s.id),
    handshake: (s) => {
      sockets.push(s);
      seen.push(["handshake", s.id]);
    },
    widgetFrame: (s, f) => void seen.push(["frame", s.id, f.action]),
    closed: (s) => void seen.push(["closed", s.id]),
  };
  return { listener, seen, sockets, made };
}

const HANDSHAKE = [
  { action: "setOpenData", t: "c", jw_token: "tok" },
  { action: "JWGetMessages" },
  { action: "JWGetManager" },
  { action: "ping" },
  { action: "JWAuth", href: "wails://wails/", ip: "127.0.0.1", language: "uk", location: "" },
];

describe("watchChatSockets", () => {
  let win: { WebSocket: typeof WebSocket };
  let restore: () => void;
  let rec: ReturnType<typeof recordingListener>;

  beforeEach(() => {
    FakeNativeSocket.instances = [];
    win = { WebSocket: FakeNativeSocket as unknown as typeof WebSocket };
    rec = recordingListener();
    restore = watchChatSockets(win, chatSocketMatcher("http://127.0.0.1:8123", "wails://wails/"), rec.listener);
  });
  afterEach(() => restore());

  it("gives the widget a real WebSocket: instanceof, constants, name and binaryType", () => {
    const s = new win.WebSocket("ws://127.0.0.1:8123/wss");
    expect(s).toBeInstanceOf(win.WebSocket);
    expect(s).toBeInstanceOf(FakeNativeSocket);
    expect(win.WebSocket.OPEN).toBe(1);
    expect(win.WebSocket.CONNECTING).toBe(0);
    expect(win.WebSocket.CLOSED).toBe(3);
    expect(win.WebSocket.name).toBe("FakeNativeSocket");
    s.binaryType = "arraybuffer";
    expect(s.binaryType).toBe("arraybuffer");
    expect(s.url).toBe("ws://127.0.0.1:8123/wss");
  });

  it("passes protocols through, and none when the widget gives none", () => {
    new win.WebSocket("ws://127.0.0.1:8123/wss");
    new win.WebSocket("ws://127.0.0.1:8123/wss", ["chat"]);
    expect(FakeNativeSocket.instances.map((s) => s.protocols)).toEqual([undefined, ["chat"]]);
  });

  it("keeps an onopen assigned after construction and listeners added by the widget", () => {
    const s = new win.WebSocket("ws://127.0.0.1:8123/wss");
    const onopen = vi.fn();
    const listened = vi.fn();
    s.addEventListener("open", listened);
    s.onopen = onopen; // the widget assigns it in a later render
    (FakeNativeSocket.instances[0] as FakeNativeSocket).serverOpen();
    expect(onopen).toHaveBeenCalledOnce();
    expect(listened).toHaveBeenCalledOnce();
  });

  it("sends the widget's frames unchanged and reports the handshake once, when it is complete", () => {
    const s = new win.WebSocket("ws://127.0.0.1:8123/wss");
    const native = FakeNativeSocket.instances[0] as FakeNativeSocket;
    expect(() => s.send("early")).toThrow(/CONNECTING/);
    native.serverOpen();
    for (const frame of HANDSHAKE) s.send(JSON.stringify(frame));
    expect(native.wire).toEqual(HANDSHAKE.map((f) => JSON.stringify(f)));
    expect(rec.seen.filter(([kind]) => kind === "handshake")).toEqual([["handshake", 1]]);
    expect(rec.seen.at(-1)).toEqual(["handshake", 1]);
    s.send(JSON.stringify({ action: "JWAuth" }));
    expect(rec.seen.filter(([kind]) => kind === "handshake")).toHaveLength(1);
  });

  // What the real widget sends: a first connect, and the two kinds of reconnect its racing
  // handlers produce (../shared/jedidesk-widget.md, "A reconnect is not a first connect").
  const OPEN_DATA = { action: "setOpenData", t: "c", jw_token: "tok" };
  const AUTH = { action: "JWAuth", href: "wails://widget/widget-frame.html", ip: "127.0.0.1", language: "uk", location: "" };
  const BURST = [{ action: "JWGetMessages" }, { action: "JWGetManager" }, { action: "ping" }];
  const HIDE = { action: "JWChangeChatCondition", condition: "hide" };
  it.each([
    ["a first connect, once JWAuth went out", [OPEN_DATA, ...BURST, AUTH, HIDE], 4],
    ["a returning visitor's first connect, at setOpenData with its c_id", [{ ...OPEN_DATA, c_id: 41 }, ...BURST, AUTH, HIDE], 0],
    ["a reconnect without JWAuth, at setOpenData with the c_id", [{ ...OPEN_DATA, c_id: 41 }, ...BURST, HIDE], 0],
    ["a reconnect with a c_id as a string", [{ ...OPEN_DATA, c_id: "41" }, ...BURST, HIDE], 0],
    ["JWAuth before setOpenData, at setOpenData", [AUTH, OPEN_DATA], 1],
    ["never for a new visitor who was not introduced", [OPEN_DATA, ...BURST, HIDE], -1],
    ["never for an empty c_id", [{ ...OPEN_DATA, c_id: "" }, ...BURST], -1],
    ["never for a c_id of 0 or null", [{ ...OPEN_DATA, c_id: 0 }, { ...OPEN_DATA, c_id: null }, ...BURST], -1],
    ["never without the widget's token", [{ action: "setOpenData", t: "c", c_id: 41 }, { ...OPEN_DATA, jw_token: null }, AUTH], -1],
    ["a widget with no token set, as the server judges it", [{ ...OPEN_DATA, jw_token: "" }, ...BURST, AUTH], 4],
  ])("introduces the visitor on %s", (_, frames, at) => {
    const s = new win.WebSocket("ws://127.0.0.1:8123/wss");
    (FakeNativeSocket.instances[0] as FakeNativeSocket).serverOpen();
    let handshakeAt = -1;
    frames.forEach((frame, i) => {
      s.send(JSON.stringify(frame));
      if (handshakeAt < 0 && rec.sockets.length > 0) handshakeAt = i;
    });
    expect(handshakeAt).toBe(at);
    expect(rec.seen.filter(([kind]) => kind === "handshake").length).toBe(at < 0 ? 0 : 1);
  });

  it("reports every socket the widget makes, before anything else of it", () => {
    const s = new win.WebSocket("ws://127.0.0.1:8123/wss");
    expect(rec.made).toEqual([1]);
    (FakeNativeSocket.instances[0] as FakeNativeSocket).serverClose();
    new win.WebSocket("wss://app.jedidesk.com/wss");
    new win.WebSocket("wss://example.com/live");
    expect(rec.made).toEqual([1, 2]);
    expect(s.readyState).toBe(3);
  });

  it("counts only frames that left on an open socket", () => {
    const s = new win.WebSocket("ws://127.0.0.1:8123/wss");
    const native = FakeNativeSocket.instances[0] as FakeNativeSocket;
    native.serverOpen();
    native.readyState = 2; // closing: the browser drops the frame
    s.send(JSON.stringify({ action: "setOpenData" }));
    expect(rec.seen).toEqual([]);
  });

  it("reports a close, and the app's own frames go out without being taken for the widget's", () => {
    const s = new win.WebSocket("ws://127.0.0.1:8123/wss");
    const native = FakeNativeSocket.instances[0] as FakeNativeSocket;
    native.serverOpen();
    for (const frame of HANDSHAKE) s.send(JSON.stringify(frame));
    const seenBefore = rec.seen.length;
    expect(rec.sockets[0].sendFromApp('{"action":"JWCustomerData"}')).toBe(true);
    expect(native.wire.at(-1)).toBe('{"action":"JWCustomerData"}');
    expect(rec.seen).toHaveLength(seenBefore);
    native.serverClose();
    expect(rec.seen.at(-1)).toEqual(["closed", 1]);
    expect(rec.sockets[0].sendFromApp("late")).toBe(false);
  });

  it("leaves the page's other sockets alone", () => {
    const other = new win.WebSocket("wss://example.com/live");
    const native = FakeNativeSocket.instances[0] as FakeNativeSocket;
    native.serverOpen();
    for (const frame of HANDSHAKE) other.send(JSON.stringify(frame));
    native.serverClose();
    expect(native.wire).toHaveLength(HANDSHAKE.length);
    expect(rec.seen).toEqual([]);
  });

  it("ignores frames that are not JSON objects", () => {
    const s = new win.WebSocket("ws://127.0.0.1:8123/wss");
    (FakeNativeSocket.instances[0] as FakeNativeSocket).serverOpen();
    s.send("not json");
    s.send("[1,2]");
    s.send("null");
    expect(rec.seen).toEqual([]);
  });

  it("sends what adjust makes of the widget's text frames on chat sockets, and reports that", () => {
    restore();
    win = { WebSocket: FakeNativeSocket as unknown as typeof WebSocket };
    rec = recordingListener();
    restore = watchChatSockets(win, chatSocketMatcher("http://127.0.0.1:8123", "wails://wails/"), rec.listener, (data) =>
      data.replace("offline", "hide"),
    );
    const chat = new win.WebSocket("ws://127.0.0.1:8123/wss");
    const other = new win.WebSocket("wss://example.com/live");
    const [native, otherNative] = FakeNativeSocket.instances as FakeNativeSocket[];
    native.serverOpen();
    otherNative.serverOpen();
    chat.send('{"action":"JWChangeChatCondition","condition":"offline"}');
    other.send("offline");
    expect(native.wire).toEqual(['{"action":"JWChangeChatCondition","condition":"hide"}']);
    expect(otherNative.wire).toEqual(["offline"]);
    expect(rec.seen).toEqual([["frame", 1, "JWChangeChatCondition"]]);
  });

  it("gives every socket its own number", () => {
    new win.WebSocket("ws://127.0.0.1:8123/wss");
    const second = new win.WebSocket("wss://app.jedidesk.com/wss");
    const native = FakeNativeSocket.instances[1] as FakeNativeSocket;
    native.serverOpen();
    for (const frame of HANDSHAKE) second.send(JSON.stringify(frame));
    expect(rec.sockets.map((s) => s.id)).toEqual([2]);
  });
});

describe("chatSocketMatcher", () => {
  it.each([
    ["https://widget.jedidesk.com", "wss://app.jedidesk.com/wss", true],
    ["https://widget.jedidesk.com", "wss://widget.jedidesk.com/wss", true],
    ["http://127.0.0.1:8123", "ws://127.0.0.1:8123/wss", true],
    ["http://127.0.0.1:8123", "ws://127.0.0.1:9999/wss", false],
    ["https://widget.jedidesk.com", "wss://evil.example/wss", false],
    ["https://widget.jedidesk.com", "https://app.jedidesk.com/api", false],
    ["/demo-widget", "ws://wails/wss", false],
    ["https://widget.jedidesk.com", "not a url", false],
  ])("widget %s, socket %s: %s", (widgetURL, socketURL, want) => {
    expect(chatSocketMatcher(widgetURL, "wails://wails/")(socketURL)).toBe(want);
  });
});
