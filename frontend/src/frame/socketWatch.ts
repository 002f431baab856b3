// Sees the widget's chat socket from the outside. The real widget's customerData is a stale
// closure that never sends anything, so the only way to know whether the support team got the
// user's details is to watch the frames the widget itself sends on its socket. The page wraps
// the WebSocket constructor before the widget's script runs; the widget gets a genuine
// WebSocket (a subclass), so instanceof, the constants, a late onopen, addEventListener and
// binaryType behave exactly as they would without us.

/** One chat socket the widget opened, as the page sees it. */
export interface ChatSocket {
  readonly id: number;
  /** The widget has told the server who the visitor is on this socket (see tiesToVisitor). */
  readonly handshaken: boolean;
  /** Sends a frame of the app's own on the widget's socket; false when it is not open. */
  sendFromApp(frame: string): boolean;
}

export interface ChatSocketListener {
  /** The widget made a new chat socket (a first connect, or another try after a close). */
  created?(socket: ChatSocket): void;
  /** The widget's handshake went out: the server knows the visitor, frames now count. */
  handshake(socket: ChatSocket): void;
  /** A frame the widget sent on an open socket, parsed (non-JSON frames are not reported). */
  widgetFrame(socket: ChatSocket, frame: Record<string, unknown>): void;
  closed(socket: ChatSocket): void;
}

type WebSocketClass = typeof WebSocket;

/** WebSocket.OPEN, the same in every browser. */
const OPEN = 1;

/** What the widget has sent on one socket that tells the server who the visitor is. */
export interface Introduction {
  /** setOpenData with the widget's token (whatever it is: the server judges it). */
  openData: boolean;
  /** setOpenData carried the visitor's c_id: the server ties the socket to a known visitor. */
  knownVisitor: boolean;
  auth: boolean;
}

const hasValue = (v: unknown): boolean => (typeof v === "number" && v > 0) || (typeof v === "string" && v !== "");

/**
 * Notes what frame says about the visitor. On a first connect the real widget sends
 * setOpenData and later JWAuth; on most reconnects it sends setOpenData with the visitor's
 * c_id and no JWAuth at all (two of its handlers race for the new socket). Either way the
 * server knows the visitor once setOpenData with the token went out and the visitor is known:
 * by c_id, or by the JWAuth that a new visitor always gets.
 */
export function introduce(seen: Introduction, frame: Record<string, unknown>): boolean {
  if (frame.action === "setOpenData" && typeof frame.jw_token === "string") {
    seen.openData = true;
    seen.knownVisitor ||= hasValue(frame.c_id);
  }
  if (frame.action === "JWAuth") seen.auth = true;
  return seen.openData && (seen.knownVisitor || seen.auth);
}

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
  private readonly seen: Introduction = { openData: false, knownVisitor: false, auth: false };
  handshaken = false;

  constructor(
    readonly id: number,
    private readonly socket: WebSocket,
    private readonly nativeSend: (this: WebSocket, data: string) => void,
    private readonly listener: ChatSocketListener,
  ) {
    // Our own listener: the widget's onopen/onclose, however late it assigns them, are untouched.
    socket.addEventListener("close", () => listener.closed(this));
    listener.created?.(this);
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
    const fields = frame as Record<string, unknown>;
    this.listener.widgetFrame(this, fields);
    if (this.handshaken || !introduce(this.seen, fields)) return;
    this.handshaken = true;
    this.listener.handshake(this);
  }
}

/**
 * Replaces win.WebSocket with a subclass that reports the widget's chat sockets to listener.
 * adjust gives the text to send in place of a text frame the widget sends on a chat socket
 * (presence.ts). Returns a function that puts the original back (for tests).
 */
export function watchChatSockets(
  win: { WebSocket: WebSocketClass },
  isChatSocket: (url: string) => boolean,
  listener: ChatSocketListener,
  adjust: (data: string) => string = (data) => data,
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
      const watched = tracked.get(this);
      const out = watched && typeof data === "string" ? adjust(data) : data;
      super.send(out);
      if (open) watched?.widgetSent(out);
    }
  }
  // What the widget sees of the constructor: the same name as the browser's.
  Object.defineProperty(WatchedWebSocket, "name", { value: Native.name });
  win.WebSocket = WatchedWebSocket;
  return () => {
    win.WebSocket = Native;
  };
}
