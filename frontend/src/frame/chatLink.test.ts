import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatLink } from "./chatLink";
import type { LinkReport } from "../shared/frameProtocol";
import { FakeNativeSocket } from "./fakeSocket.test-util";
import { type ChatSocketListener, chatSocketMatcher, watchChatSockets } from "./socketWatch";

const INTRODUCED = [{ action: "setOpenData", t: "c", jw_token: "tok", c_id: 41 }, { action: "JWGetMessages" }];

describe("ChatLink", () => {
  let win: { WebSocket: typeof WebSocket };
  let restore: () => void;
  let reports: LinkReport[];
  let heard: string[];

  beforeEach(() => {
    vi.useFakeTimers();
    FakeNativeSocket.instances = [];
    win = { WebSocket: FakeNativeSocket as unknown as typeof WebSocket };
    reports = [];
    heard = [];
    const next: ChatSocketListener = {
      created: (s) => void heard.push(`created ${s.id}`),
      handshake: (s) => void heard.push(`handshake ${s.id}`),
      widgetFrame: (s, f) => void heard.push(`frame ${s.id} ${String(f.action)}`),
      closed: (s) => void heard.push(`closed ${s.id}`),
    };
    const link = new ChatLink(next, (r) => void reports.push(r), { maxFailures: 10, quietMs: 15_000 });
    restore = watchChatSockets(win, chatSocketMatcher("http://127.0.0.1:8123", "wails://wails/"), link);
  });
  afterEach(() => {
    restore();
    vi.useRealTimers();
  });

  /** The widget makes a socket; the server takes it and the widget introduces the visitor. */
  function connected(): FakeNativeSocket {
    const s = new win.WebSocket("ws://127.0.0.1:8123/wss");
    const native = FakeNativeSocket.instances.at(-1) as FakeNativeSocket;
    native.serverOpen();
    for (const f of INTRODUCED) s.send(JSON.stringify(f));
    return native;
  }

  /** The widget makes a socket and the server refuses it. */
  function refused(): void {
    new win.WebSocket("ws://127.0.0.1:8123/wss");
    (FakeNativeSocket.instances.at(-1) as FakeNativeSocket).serverClose();
  }

  it("hands every socket event on, in order", () => {
    const native = connected();
    native.serverClose();
    expect(heard).toEqual(["created 1", "frame 1 setOpenData", "handshake 1", "frame 1 JWGetMessages", "closed 1"]);
  });

  it("reports a connection, its loss, and the reconnection", () => {
    connected().serverClose();
    vi.advanceTimersByTime(1000);
    connected();
    expect(reports).toEqual(["ready", "closed", "ready"]);
  });

  it("says the widget gave up after ten sockets in a row that never opened", () => {
    connected().serverClose();
    for (let i = 0; i < 9; i++) {
      vi.advanceTimersByTime(1000 * (i + 1));
      refused();
    }
    expect(reports).toEqual(["ready", "closed"]);
    refused();
    expect(reports).toEqual(["ready", "closed", "gave-up"]);
    vi.advanceTimersByTime(60_000);
    expect(reports).toHaveLength(3);
  });

  it("counts failures only in a row: a connection in between starts the count again", () => {
    connected().serverClose();
    for (let i = 0; i < 9; i++) refused();
    connected().serverClose();
    for (let i = 0; i < 9; i++) refused();
    expect(reports).toEqual(["ready", "closed", "ready", "closed"]);
  });

  it("says the widget gave up when it makes no new socket for longer than it ever waits", () => {
    // The reconnect path of the real widget that has no retry: one failure, then nothing.
    connected().serverClose();
    vi.advanceTimersByTime(1000);
    refused();
    vi.advanceTimersByTime(14_999);
    expect(reports).toEqual(["ready", "closed"]);
    vi.advanceTimersByTime(1);
    expect(reports).toEqual(["ready", "closed", "gave-up"]);
  });

  it("keeps waiting while a socket is still connecting", () => {
    connected().serverClose();
    new win.WebSocket("ws://127.0.0.1:8123/wss");
    vi.advanceTimersByTime(60_000);
    expect(reports).toEqual(["ready", "closed"]);
  });

  it("takes back 'gave up' when the widget tries again after all", () => {
    connected().serverClose();
    vi.advanceTimersByTime(15_000);
    const again = new win.WebSocket("ws://127.0.0.1:8123/wss");
    expect(reports).toEqual(["ready", "closed", "gave-up", "closed"]);
    (FakeNativeSocket.instances.at(-1) as FakeNativeSocket).serverOpen();
    for (const f of INTRODUCED) again.send(JSON.stringify(f));
    expect(reports.at(-1)).toBe("ready");
  });

  it("says a chat that never connected gave up after ten refusals, with no loss before", () => {
    for (let i = 0; i < 10; i++) refused();
    expect(reports).toEqual(["gave-up"]);
  });
});
