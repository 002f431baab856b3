import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatLink } from "./chatLink";
import { customerFields, Delivery } from "./delivery";
import { FakeNativeSocket } from "./fakeSocket.test-util";
import type { LinkReport, Outcome, Reason } from "../shared/frameProtocol";
import { chatSocketMatcher, watchChatSockets } from "./socketWatch";

const PROFILE = { name: "Олена \"Q\" </script>", phone: "+380441234567", language: "uk", custom_fields: [{ id: 7, value: "VIP" }] };

const BURST = [{ action: "JWGetMessages" }, { action: "JWGetManager" }, { action: "ping" }];
const HIDE = { action: "JWChangeChatCondition", condition: "hide" };
const AUTH = { action: "JWAuth", href: "wails://widget/widget-frame.html" };
/** The real widget's first connect. */
const HANDSHAKE = [{ action: "setOpenData", t: "c", jw_token: "tok" }, ...BURST, AUTH, HIDE];
/** Its usual reconnect (two of three seen): the visitor's c_id, and no JWAuth. */
const RECONNECT = [{ action: "setOpenData", t: "c", jw_token: "tok", c_id: 41 }, ...BURST, HIDE];
/** Its other reconnect: the first-connect sequence with the c_id. */
const RECONNECT_WITH_AUTH = [{ action: "setOpenData", t: "c", jw_token: "tok", c_id: 41 }, ...BURST, AUTH, HIDE];

/**
 * A widget with a chat socket, as the real one behaves: `fixed` sends customerData on its
 * socket itself; otherwise the call is a stale closure that drops everything.
 */
class Widget {
  socket: WebSocket | null = null;
  calls = 0;
  constructor(
    private readonly win: { WebSocket: typeof WebSocket },
    private readonly fixed: boolean,
  ) {}

  customerData(data: Record<string, unknown>): void {
    this.calls++;
    if (this.fixed && this.socket?.readyState === 1) this.socket.send(JSON.stringify({ action: "JWCustomerData", ...data }));
  }

  /** A socket opens and the widget sends its frames on it: by default the visitor starts a chat. */
  connect(frames: object[] = HANDSHAKE): FakeNativeSocket {
    this.socket = new this.win.WebSocket("ws://127.0.0.1:8123/wss");
    const native = FakeNativeSocket.instances.at(-1) as FakeNativeSocket;
    native.serverOpen();
    for (const frame of frames) this.socket.send(JSON.stringify(frame));
    return native;
  }
}

function customerDataFrames(native: FakeNativeSocket): unknown[] {
  return native.wire.map((f) => JSON.parse(f)).filter((f) => f.action === "JWCustomerData");
}

describe("Delivery", () => {
  let win: { WebSocket: typeof WebSocket };
  let restore: () => void;
  let reports: Array<[number, Outcome, Reason]>;
  let sockets: LinkReport[];
  let delivery: Delivery;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeNativeSocket.instances = [];
    win = { WebSocket: FakeNativeSocket as unknown as typeof WebSocket };
    reports = [];
    sockets = [];
    delivery = new Delivery({ report: (n, o, r) => void reports.push([n, o, r]) }, { verifyMs: 300 });
    // As the frame wires them: the link watches the sockets and hands every event on.
    const link = new ChatLink(delivery, (s) => void sockets.push(s));
    restore = watchChatSockets(win, chatSocketMatcher("http://127.0.0.1:8123", "wails://wails/"), link);
  });
  afterEach(() => {
    restore();
    vi.useRealTimers();
  });

  function ask(widget: Widget, n: number, data: Record<string, unknown> = PROFILE) {
    delivery.request(n, data, () => widget.customerData(data));
  }

  it("leaves a widget that sends the frame itself alone: no second copy", () => {
    const widget = new Widget(win, true);
    const native = widget.connect();
    ask(widget, 1);
    vi.advanceTimersByTime(1000);
    expect(customerDataFrames(native)).toEqual([{ action: "JWCustomerData", ...PROFILE }]);
    expect(reports).toEqual([[1, "widget", ""]]);
  });

  it("sends exactly one frame itself, after the handshake, when the widget drops the call", () => {
    const widget = new Widget(win, false);
    const native = widget.connect();
    ask(widget, 1);
    expect(widget.calls).toBe(1);
    expect(customerDataFrames(native)).toEqual([]);
    vi.advanceTimersByTime(299);
    expect(reports).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(native.wire.slice(0, HANDSHAKE.length).map((f) => JSON.parse(f).action)).toEqual(HANDSHAKE.map((f) => f.action));
    expect(customerDataFrames(native)).toEqual([{ action: "JWCustomerData", ...PROFILE }]);
    expect(reports).toEqual([[1, "app", ""]]);
    vi.advanceTimersByTime(5000);
    expect(customerDataFrames(native)).toHaveLength(1);
  });

  it("sends nothing and starts no chat while there is no socket; Go hears 'waiting' and that a socket is ready later", () => {
    const widget = new Widget(win, false);
    ask(widget, 1);
    vi.advanceTimersByTime(1000);
    expect(FakeNativeSocket.instances).toHaveLength(0);
    expect(widget.calls).toBe(1);
    expect(reports).toEqual([[1, "waiting", ""]]);
    const native = widget.connect();
    expect(sockets).toEqual(["ready"]);
    ask(widget, 2); // Go's answer to the ready socket
    vi.advanceTimersByTime(300);
    expect(customerDataFrames(native)).toHaveLength(1);
    expect(reports.at(-1)).toEqual([2, "app", ""]);
  });

  it("waits for the widget's handshake on a socket that is open but not yet authenticated", () => {
    const widget = new Widget(win, false);
    widget.socket = new win.WebSocket("ws://127.0.0.1:8123/wss");
    const native = FakeNativeSocket.instances[0] as FakeNativeSocket;
    native.serverOpen();
    widget.socket.send(JSON.stringify(HANDSHAKE[0]));
    ask(widget, 1);
    vi.advanceTimersByTime(1000);
    expect(customerDataFrames(native)).toEqual([]);
    expect(reports).toEqual([[1, "waiting", ""]]);
  });

  it("sends the same details once per socket, and again on every new socket", () => {
    const widget = new Widget(win, false);
    const first = widget.connect();
    ask(widget, 1);
    vi.advanceTimersByTime(300);
    ask(widget, 2); // JediDeskFullyLoaded on the same socket
    vi.advanceTimersByTime(300);
    expect(customerDataFrames(first)).toHaveLength(1);
    expect(reports).toEqual([[1, "app", ""], [2, "app", "already"]]);
    expect(widget.calls).toBe(1);

    first.serverClose();
    expect(sockets).toEqual(["ready", "closed"]);
    const second = widget.connect(); // the widget reconnects
    ask(widget, 3);
    vi.advanceTimersByTime(300);
    expect(customerDataFrames(second)).toHaveLength(1);
    expect(reports.at(-1)).toEqual([3, "app", ""]);
  });

  it.each([
    ["without JWAuth (the usual reconnect)", RECONNECT],
    ["with JWAuth", RECONNECT_WITH_AUTH],
  ])("sends the details exactly once on a reconnect %s, after the widget's own frames", (_, frames) => {
    const widget = new Widget(win, false);
    const first = widget.connect();
    ask(widget, 1);
    vi.advanceTimersByTime(300);
    first.serverClose();
    vi.advanceTimersByTime(1000); // the widget waits a second before its new socket
    const second = widget.connect(frames);
    expect(sockets).toEqual(["ready", "closed", "ready"]);
    ask(widget, 2); // Go's answer to the ready socket
    ask(widget, 3); // and to JediDeskFullyLoaded, half a second later
    vi.advanceTimersByTime(1000);
    expect(customerDataFrames(second)).toEqual([{ action: "JWCustomerData", ...PROFILE }]);
    expect(second.wire.slice(0, frames.length)).toEqual(frames.map((f) => JSON.stringify(f)));
    expect(reports).toEqual([[1, "app", ""], [3, "app", ""]]);
  });

  it("sends nothing on a reconnect where the widget sends the details itself", () => {
    const widget = new Widget(win, true);
    const first = widget.connect();
    ask(widget, 1);
    first.serverClose();
    const second = widget.connect(RECONNECT);
    ask(widget, 2);
    vi.advanceTimersByTime(1000);
    expect(customerDataFrames(second)).toEqual([{ action: "JWCustomerData", ...PROFILE }]);
    expect(reports).toEqual([[1, "widget", ""], [2, "widget", ""]]);
  });

  it("sends changed details on the same socket (a save)", () => {
    const widget = new Widget(win, false);
    const native = widget.connect();
    ask(widget, 1);
    vi.advanceTimersByTime(300);
    ask(widget, 2, { name: "Ivan", language: "en" });
    vi.advanceTimersByTime(300);
    expect(customerDataFrames(native)).toEqual([
      { action: "JWCustomerData", ...PROFILE },
      { action: "JWCustomerData", name: "Ivan", language: "en" },
    ]);
  });

  it("reports a failure when the socket closes before the frame could go", () => {
    const widget = new Widget(win, false);
    const native = widget.connect();
    ask(widget, 1);
    native.serverClose();
    vi.advanceTimersByTime(1000);
    expect(reports).toEqual([[1, "failed", "socket-closed"]]);
    expect(native.wire.filter((f) => f.includes("JWCustomerData"))).toEqual([]);
  });

  it("drops a request that a newer one replaced before it settled", () => {
    const widget = new Widget(win, false);
    const native = widget.connect();
    ask(widget, 1, { name: "old" });
    ask(widget, 2, { name: "new" });
    vi.advanceTimersByTime(1000);
    expect(customerDataFrames(native)).toEqual([{ action: "JWCustomerData", name: "new" }]);
    expect(reports).toEqual([[2, "app", ""]]);
  });

  it("builds the frame from the profile's fields only, with JSON.stringify", () => {
    const widget = new Widget(win, false);
    const native = widget.connect();
    ask(widget, 1, { ...PROFILE, action: "JWSendMessage", extra: "x" });
    vi.advanceTimersByTime(300);
    const frame = JSON.parse(native.wire.at(-1) as string);
    expect(frame).toEqual({ action: "JWCustomerData", ...PROFILE });
  });
});

describe("customerFields", () => {
  it("keeps the allowed fields in the widget's order and drops the rest", () => {
    expect(customerFields({ custom_fields: [{ value: "v", id: 1, x: 2 }], email: "a@b.c", action: "JWCustomerData", name: "N" })).toEqual({
      name: "N",
      email: "a@b.c",
      custom_fields: [{ id: 1, value: "v" }],
    });
    expect(JSON.stringify(customerFields({ email: "e", name: "n" }))).toBe('{"name":"n","email":"e"}');
    expect(customerFields(null)).toEqual({});
  });
});
