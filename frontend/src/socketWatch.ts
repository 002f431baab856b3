// Sees the widget's chat socket from the outside. The real widget's customerData is a stale
// closure that never sends anything, so the only way to know whether the support team got the
// user's details is to watch the frames the widget itself sends on its socket. The page wraps
// the WebSocket constructor before the widget's script runs; the widget gets a genuine
// WebSocket (a subclass), so instanceof, the constants, a late onopen, addEventListener and
// binaryType behave exactly as they would without us.

/** One chat socket the widget opened, as the page sees it. */
export interface ChatSocket {
  readonly id: number;
  /** The widget's handshake (setOpenData and JWAuth) has gone out on this socket. */
  readonly handshaken: boolean;
  /** Sends a frame of the app's own on the widget's socket; false when it is not open. */
  sendFromApp(frame: string): boolean;
}

export interface ChatSocketListener {
  /** The widget's handshake went out: the server knows the visitor, frames now count. */
  handshake(socket: ChatSocket): void;
  /** A frame the widget sent on an open socket, parsed (non-JSON frames are not reported). */
  widgetFrame(socket: ChatSocket, frame: Record<string, unknown>): void;
  closed(socket: ChatSocket): void;
}

type WebSocketClass = typeof WebSocket;

/** WebSocket.OPEN, the same in every browser. */
const OPEN = 1;

/** The frames whose departure makes a socket ready for the app's own frames. */
const HANDSHAKE = ["setOpenData", "JWAuth"] as const;

/** JediDesk's own chat host; a self-hosted widget's socket is on the widget's host instead. */
export const JEDIDESK_SOCKET_HOSTS = ["app.jedidesk.com"];

/** Whether a socket URL is the widget's chat: ws(s) on JediDesk's chat host or the widget's own host. */
export function chatSocketMatcher(widgetURL: string, baseURI: string): (url: string) => boolean {
  let widgetHost = "";
  try {
    const u = new URL(widgetURL, baseURI);
    if (u.protocol === "http:" || u.protocol === "https:") widgetHost = u.host;
  } catch {
    // No widget host: only JediDesk's own hosts count.
  }
  return (raw) => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      return false;
    }
    if (u.protocol !== "ws:" && u.protocol !== "wss:") return false;
    return JEDIDESK_SOCKET_HOSTS.includes(u.host) || (widgetHost !== "" && u.host === widgetHost);
  };
}

class Tracked implements ChatSocket {
  private readonly sent = new Set<string>();
  handshaken = false;

  constructor(
    readonly id: number,
    private readonly socket: WebSocket,
    private readonly nativeSend: (this: WebSocket, data: string) => void,
    private readonly listener: ChatSocketListener,
  ) {
    // Our own listener: the widget's onopen/onclose, however late it assigns them, are untouched.
    socket.addEventListener("close", () => listener.closed(this));
  }

  sendFromApp(frame: string): boolean {
    if (this.socket.readyState !== OPEN) return false;
    this.nativeSend.call(this.socket, frame);
    return true;
  }

  widgetSent(data: unknown): void {
    if (typeof data !== "string") return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== "object" || frame === null || Array.isArray(frame)) return;
    const action = (frame as { action?: unknown }).action;
    this.listener.widgetFrame(this, frame as Record<string, unknown>);
    if (this.handshaken || typeof action !== "string") return;
    this.sent.add(action);
    if (HANDSHAKE.every((a) => this.sent.has(a))) {
      this.handshaken = true;
      this.listener.handshake(this);
    }
  }
}

/**
 * Replaces win.WebSocket with a subclass that reports the widget's chat sockets to listener.
 * Returns a function that puts the original back (for tests).
 */
export function watchChatSockets(
  win: { WebSocket: WebSocketClass },
  isChatSocket: (url: string) => boolean,
  listener: ChatSocketListener,
): () => void {
  const Native = win.WebSocket;
  const nativeSend = Native.prototype.send as (this: WebSocket, data: string) => void;
  const tracked = new WeakMap<WebSocket, Tracked>();
  let nextId = 0;

  class WatchedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      if (protocols === undefined) super(url);
      else super(url, protocols);
      if (isChatSocket(this.url)) tracked.set(this, new Tracked(++nextId, this, nativeSend, listener));
    }

    send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      // Frames given to a socket that is not open never leave (the browser throws or drops
      // them), so only what is sent on an open one counts.
      const open = this.readyState === OPEN;
      super.send(data);
      if (open) tracked.get(this)?.widgetSent(data);
    }
  }
  // What the widget sees of the constructor: the same name as the browser's.
  Object.defineProperty(WatchedWebSocket, "name", { value: Native.name });
  win.WebSocket = WatchedWebSocket;
  return () => {
    win.WebSocket = Native;
  };
}
